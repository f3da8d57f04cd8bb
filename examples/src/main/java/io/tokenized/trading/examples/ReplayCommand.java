package io.tokenized.trading.examples;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay FLOW.jsonl}: runs an order flow deterministically and writes every event as JSON lines.
 *
 * <p>Runs once per instance, on the caller's thread; not thread-safe.
 */
@Command(name = "replay", sortOptions = false,
        header = "Runs an order flow of JSON lines deterministically and writes every event as JSON lines.",
        description = {
                "Runs an order flow (one JSON command per line) on the in-memory engine, or on a database with "
                        + "--database, and writes every event as JSON lines: per command its result (accepted, "
                        + "duplicate, rejected with the reason, journal, asset, ...) and then the trades, order "
                        + "updates and balance changes it committed. The clock is fixed (--start) and ids come "
                        + "from --seed, so the same flow gives the same output, byte for byte.",
                "",
                "A malformed line stops the replay with an error naming its number; nothing after it is applied "
                        + "unless --continue.",
                ""},
        footer = {"",
                "Flow format (a complete sample: examples/flows/sample-flow.jsonl):",
                "  {\"op\":\"user\",\"id\":\"alice\"}",
                "  {\"op\":\"asset\",\"id\":\"USD\",\"kind\":\"cash\",\"name\":\"US dollar\",\"scale\":2}",
                "  {\"op\":\"asset\",\"id\":\"ACME\",\"kind\":\"token\",\"scale\":0,\"quote\":\"USD\",",
                "   \"tick\":\"0.01\",\"lot\":\"1\",\"min\":\"1\",\"makerFeeBps\":10,\"takerFeeBps\":20}",
                "  {\"op\":\"deposit\",\"user\":\"alice\",\"asset\":\"USD\",\"amount\":\"1000.00\",\"key\":\"dep-1\"}",
                "      (also \"withdraw\")",
                "  {\"op\":\"place\",\"user\":\"alice\",\"market\":\"ACME\",\"side\":\"buy\",\"type\":\"limit\",",
                "   \"price\":\"10.00\",\"quantity\":\"5\",\"tif\":\"gtc\",\"postOnly\":false,",
                "   \"stp\":\"cancel_taker\",\"clientOrderId\":\"a-1\"}",
                "      type: limit | market | stop_limit | stop_market; stopPrice, quoteBudget as the type needs",
                "  {\"op\":\"oco\",\"user\":\"bob\",\"market\":\"ACME\",\"side\":\"sell\",\"quantity\":\"5\",",
                "   \"price\":\"12.00\",\"stopPrice\":\"9.00\",\"stopLimitPrice\":\"8.90\"}",
                "  {\"op\":\"cancel\",\"user\":\"alice\",\"clientOrderId\":\"a-1\"}",
                "  {\"op\":\"amend\",\"user\":\"alice\",\"clientOrderId\":\"a-1\",\"quantity\":\"3\"}",
                "      (or \"price\" to move it)",
                "  {\"op\":\"halt\",\"market\":\"ACME\"}      (also \"resume\", \"delist\")",
                "  {\"op\":\"book\",\"market\":\"ACME\",\"levels\":5}   {\"op\":\"balances\",\"user\":\"alice\"}",
                "  {\"op\":\"audit\"}",
                "Amounts are strings in the asset's units; unknown fields are errors; blank lines and lines",
                "starting with # are skipped. On a database, \"user\" lines sign the user up in public.\"user\"",
                "(as the auth owner would) unless it exists; use a fresh database or another --seed per run,",
                "since ids repeat.",
                "",
                "Exit codes: 0 done, 1 a line failed (or was skipped with --continue), 2 bad usage."})
final class ReplayCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Parameters(paramLabel = "FLOW", description = "The order flow, JSON lines; '-' reads standard input.")
    private String flow;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the events here instead of standard output.")
    private Path out;

    @Option(names = "--database", paramLabel = "URL",
            description = "Run on this PostgreSQL database (Better Auth tables present) instead of in memory; the "
                    + "trading migrations are applied first.")
    private String database;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the ids (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--start", paramLabel = "INSTANT", defaultValue = "2026-01-01T00:00:00Z",
            description = "The fixed clock of the replay (default ${DEFAULT-VALUE}).")
    private Instant start;

    @Option(names = "--fee-account", paramLabel = "USER", defaultValue = "fees",
            description = "The user that receives fees (default ${DEFAULT-VALUE}); signed up when missing.")
    private String feeAccount;

    @Option(names = "--continue", description = "Skip malformed lines (reported on stderr) instead of stopping.")
    private boolean continueAfterMalformed;

    ReplayCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        InstantSource clock = InstantSource.fixed(start);
        try (BufferedReader reader = reader();
             Writer writer = writer();
             Backend backend = database == null ? Backend.inMemory() : TradingDatabase.open(database)) {
            // the venue's account, not a trader of the flow: made to exist like the flow's users
            backend.signUp(List.of(feeAccount));
            EventWriter events = new EventWriter(writer);
            FlowRunner runner = new FlowRunner(backend, feeAccount, clock, new SeededIds(clock, seed), events);
            int skipped = 0;
            int commands = 0;
            int lineNumber = 0;
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    if (FlowParser.isSkipped(line)) {
                        continue;
                    }
                    String failure = applyLine(runner, lineNumber, line);
                    if (failure == null) {
                        commands++;
                        continue;
                    }
                    if (!continueAfterMalformed) {
                        throw new CommandFailure("line " + lineNumber + ": " + failure + "; nothing after it was "
                                + "applied (fix the line, or pass --continue to skip such lines)");
                    }
                    skipped++;
                    terminal.err().println("warning: line " + lineNumber + " skipped: " + failure);
                }
            } finally {
                events.flush();
            }
            terminal.err().println("replayed " + commands + " command(s) " + backend.description()
                    + (skipped == 0 ? "" : ", skipped " + skipped + " malformed line(s)"));
            return skipped == 0 ? Main.OK : Main.PROBLEMS;
        }
    }

    /** Applies one line; the reason it could not be applied, or null. */
    private static String applyLine(FlowRunner runner, int lineNumber, String line) {
        FlowStep step;
        try {
            step = FlowParser.parse(line);
        } catch (FlowParser.MalformedLine e) {
            return e.getMessage();
        }
        try {
            runner.apply(lineNumber, step);
            return null;
        } catch (IllegalArgumentException e) {
            // the engine refuses arguments no business rule covers (e.g. a book of no market)
            return step.op() + ": " + e.getMessage();
        }
    }

    private BufferedReader reader() throws IOException {
        if (flow.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        try {
            return Files.newBufferedReader(Path.of(flow), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("no flow file " + flow + ": give the path of a JSON-lines file (see "
                    + "'replay --help' for the format)", Main.USAGE);
        }
    }

    private Writer writer() throws IOException {
        if (out == null) {
            // not closed with the writer: standard output belongs to the caller
            return new BufferedWriter(new OutputStreamWriter(terminal.out(), StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        try {
            return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure("cannot write the events to " + out + " (" + e.getClass().getSimpleName()
                    + "); give a file in an existing, writable folder", e);
        }
    }
}
