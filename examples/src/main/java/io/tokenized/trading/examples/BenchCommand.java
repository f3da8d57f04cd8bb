package io.tokenized.trading.examples;

import io.tokenized.trading.core.engine.TradingEngine;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: durable throughput and latency on PostgreSQL at several submitter counts.
 *
 * <p>Runs once per instance; each run's submitters get threads of their own (see {@link Simulation}).
 */
@Command(name = "bench", sortOptions = false,
        header = "Durable throughput and latency on PostgreSQL at 1, 16 and 64 submitters.",
        description = {
                "Measures the durable path end to end: for each submitter count, that many threads send the "
                        + "simulate mix (resting limit orders near the touch, ~20%% marketable IOC orders, "
                        + "cancels) to one engine over the PostgreSQL store, each command acknowledged only after "
                        + "its commit. "
                        + "Prints commands/s and latency percentiles (HdrHistogram, from call to return) per "
                        + "count, and audits after each run.",
                "",
                "What it measures: this JVM, its connection pool and the database together, on one market per "
                        + "run (a fresh market each time, so runs do not share a book). Concurrent commands of one "
                        + "market are coalesced into shared transactions by the store (group commit), which is why "
                        + "throughput can grow with submitters while each command still waits for its own commit.",
                "",
                "What it does not: several markets in parallel, several host instances, the network latency to a "
                        + "remote database (the embedded default runs on this machine; pass --database for a real "
                        + "server). Figures from a laptop or a shared CI runner are relative; compare with pgbench "
                        + "TPC-B on the same server for a baseline.",
                ""},
        footer = {"", "Exit codes: 0 done and every audit is clean, 1 otherwise, 2 bad usage."})
final class BenchCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Option(names = "--submitters", paramLabel = "N", split = ",", defaultValue = "1,16,64",
            description = "Submitter counts, one run each (default ${DEFAULT-VALUE}).")
    private List<Integer> submitters;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "10s",
            description = "How long each run lasts (default ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "3s",
            description = "An unmeasured run before the first (default ${DEFAULT-VALUE}), so the JIT and the pool "
                    + "are warm.")
    private Duration warmup;

    @Option(names = "--database", paramLabel = "URL",
            description = "Run on this PostgreSQL (Better Auth tables present; migrated first) instead of an "
                    + "embedded one.")
    private String database;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "100",
            description = "Trading accounts, dealt out among the submitters (default ${DEFAULT-VALUE}; at least one "
                    + "per submitter).")
    private int accounts;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Seed (default ${DEFAULT-VALUE}).")
    private long seed;

    BenchCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        for (int count : submitters) {
            if (count < 1 || count > 1024) {
                throw new CommandFailure("--submitters takes counts from 1 to 1024, not " + count, Main.USAGE);
            }
        }
        if (accounts < 1 || accounts > 100_000) {
            throw new CommandFailure("--accounts must be 1 to 100000, not " + accounts, Main.USAGE);
        }
        PrintStream out = terminal.out();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);
        try (TradingDatabase db = database != null ? TradingDatabase.open(database)
                : TradingDatabase.embedded()) {
            db.signUp(List.of(Simulation.FEES));
            TradingEngine engine = TradingEngine.builder().store(db.store()).feeAccount(Simulation.FEES).build();
            out.println("Durable benchmark " + db.description() + ", " + duration.toSeconds() + " s per run");
            if (!warmup.isZero()) {
                Simulation.prepare(db, engine, new Simulation.Settings("W" + run, 4, Math.max(4, accounts), warmup, 0,
                        seed)).run();
            }
            TextTable table = new TextTable("submitters", "commands", "commands/s", "p50", "p99", "p99.9", "max",
                    "trades", "audit").numeric(0, 1, 2, 3, 4, 5, 6, 7);
            boolean clean = true;
            for (int count : submitters) {
                Simulation.Settings settings = new Simulation.Settings("B" + count + "X" + run, count,
                        Math.max(count, accounts), duration, 0, seed);
                Simulation.Result result = Simulation.prepare(db, engine, settings).run();
                Histogram latencies = result.latencies();
                table.row(count, SimulateCommand.count(result.commands()),
                        SimulateCommand.count(result.commandsPerSecond()),
                        SimulateCommand.micros(latencies.getValueAtPercentile(50)),
                        SimulateCommand.micros(latencies.getValueAtPercentile(99)),
                        SimulateCommand.micros(latencies.getValueAtPercentile(99.9)),
                        SimulateCommand.micros(latencies.getMaxValue()), SimulateCommand.count(result.trades()),
                        result.audit().isClean() ? "clean" : result.audit().breaks().size() + " break(s)");
                clean &= result.audit().isClean();
            }
            table.print(out);
            return clean ? Main.OK : Main.PROBLEMS;
        }
    }
}
