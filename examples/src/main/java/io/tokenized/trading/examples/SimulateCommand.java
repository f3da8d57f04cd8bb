package io.tokenized.trading.examples;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.engine.TradingEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simulate}: traders placing and cancelling orders concurrently, with a summary and an HTML report.
 *
 * <p>Runs once per instance; the traders get threads of their own (see {@link Simulation}).
 */
@Command(name = "simulate", sortOptions = false,
        header = "Traders placing and cancelling orders concurrently, with a summary and an HTML report.",
        description = {
                "Runs N traders concurrently on one market, each on its own thread and acting for accounts of its "
                        + "own, for a duration or a number of "
                        + "commands: resting limit orders near the last price (~70%%), marketable IOC orders "
                        + "(~20%%), cancels of their own orders (~10%%, and every other command once a trader "
                        + "holds " + Simulation.MAX_OPEN_PER_SUBMITTER + " open orders, which bounds the book). "
                        + "Each command is timed until it returns, i.e. after its commit on PostgreSQL. Prints the "
                        + "commands, trades, commands/s, latency "
                        + "percentiles and the audit; --report writes a self-contained HTML page (inline SVG, no "
                        + "network) with the price and volume over time and the final depth chart.",
                "",
                "Runs on an embedded PostgreSQL by default, on --database URL, or on the in-memory store with "
                        + "--in-memory. A progress line with the live rate goes to stderr when a console is "
                        + "attached (or with --progress).",
                ""},
        footer = {"", "Exit codes: 0 done and the audit is clean, 1 the audit found a break or the run failed, "
                + "2 bad usage."})
final class SimulateCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Option(names = "--traders", paramLabel = "N", defaultValue = "8",
            description = "Concurrent traders, one thread each (default ${DEFAULT-VALUE}).")
    private int traders;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "50",
            description = "Trading accounts the traders act for, dealt out among them (default ${DEFAULT-VALUE}, "
                    + "at least one per trader).")
    private int accounts;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to run, e.g. 30s, 2m (default 10s unless --orders is given).")
    private Duration duration;

    @Option(names = "--orders", paramLabel = "N",
            description = "Stop after N commands in total (with --duration: whichever comes first).")
    private long orders;

    @Option(names = "--market", paramLabel = "CODE", defaultValue = "ACME",
            description = "The market to create and trade (default ${DEFAULT-VALUE}).")
    private String market;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the traders' choices (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--database", paramLabel = "URL",
            description = "Run on this PostgreSQL (Better Auth tables present; migrated first) instead of an "
                    + "embedded one.")
    private String database;

    @Option(names = "--in-memory", description = "Run on the in-memory store (the engine alone, no database).")
    private boolean inMemory;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Write an HTML report here.")
    private Path report;

    @Option(names = "--progress", description = "Show the progress line even without a console.")
    private boolean progress;

    SimulateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (traders < 1 || traders > 1024) {
            throw new CommandFailure("--traders must be 1 to 1024, not " + traders, Main.USAGE);
        }
        if (accounts < 1 || accounts > 100_000) {
            throw new CommandFailure("--accounts must be 1 to 100000, not " + accounts, Main.USAGE);
        }
        if (orders < 0) {
            throw new CommandFailure("--orders must be positive, not " + orders, Main.USAGE);
        }
        if (inMemory && database != null) {
            throw new CommandFailure("--in-memory and --database exclude each other: pick one", Main.USAGE);
        }
        Duration runFor = duration == null && orders == 0 ? Duration.ofSeconds(10) : duration;
        Simulation.Settings settings;
        try {
            settings = new Simulation.Settings(market, traders, Math.max(accounts, traders), runFor, orders, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), Main.USAGE);
        }
        PrintStream out = terminal.out();
        try (Backend backend = inMemory ? Backend.inMemory()
                : database != null ? TradingDatabase.open(database) : TradingDatabase.embedded()) {
            backend.signUp(List.of(Simulation.FEES));
            TradingEngine engine = TradingEngine.builder().store(backend.store()).feeAccount(Simulation.FEES).build();
            Simulation simulation = prepare(backend, engine, settings);
            out.println("Simulating " + traders + " trader(s) for " + settings.accounts() + " accounts on " + market
                    + " " + backend.description() + ", "
                    + (runFor == null ? orders + " commands" : "for " + runFor.toSeconds() + " s"
                    + (orders > 0 ? " or " + orders + " commands" : "")) + " ...");
            Simulation.Result result;
            Progress line = Progress.startIf(progress || Progress.consoleAttached(), terminal.err(), simulation);
            try {
                result = simulation.run();
            } finally {
                if (line != null) {
                    line.close();
                }
            }
            printSummary(out, result);
            if (report != null) {
                HtmlReport.write(report, result, traders + " trader(s) for " + settings.accounts() + " accounts "
                        + backend.description());
                out.println("report:      " + report.toAbsolutePath());
            }
            return result.audit().isClean() ? Main.OK : Main.PROBLEMS;
        }
    }

    private static Simulation prepare(Backend backend, TradingEngine engine, Simulation.Settings settings) {
        try {
            return Simulation.prepare(backend, engine, settings);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage() + "; a market code is 1-32 upper-case letters and digits",
                    Main.USAGE);
        }
    }

    static void printSummary(PrintStream out, Simulation.Result result) {
        TextTable summary = new TextTable("", "").numeric(1);
        summary.row("commands", count(result.commands()));
        summary.row("  placed", count(result.placed()));
        summary.row("  cancelled", count(result.cancelled()));
        for (Map.Entry<RejectReason, Long> rejected : result.rejections().entrySet()) {
            summary.row("  rejected " + rejected.getKey(), count(rejected.getValue()));
        }
        summary.row("trades", count(result.trades()));
        summary.row("elapsed", seconds(result.elapsedNanos()) + " s");
        summary.row("commands/s", count(result.commandsPerSecond()));
        Histogram latencies = result.latencies();
        summary.row("latency p50", micros(latencies.getValueAtPercentile(50)));
        summary.row("latency p90", micros(latencies.getValueAtPercentile(90)));
        summary.row("latency p99", micros(latencies.getValueAtPercentile(99)));
        summary.row("latency p99.9", micros(latencies.getValueAtPercentile(99.9)));
        summary.row("latency max", micros(latencies.getMaxValue()));
        summary.row("book", result.book().bids().size() + " bid / " + result.book().asks().size()
                + " ask levels at sequence " + result.book().sequence());
        summary.row("audit", result.audit().isClean() ? "clean" : result.audit().breaks().size() + " break(s)");
        summary.print(out);
        if (!result.audit().isClean()) {
            out.println(result.audit());
        }
    }

    /** A count with thousands separators, the same in every locale (output is parsed by scripts and tests). */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String micros(long nanos) {
        return BigDecimal.valueOf(nanos, 3).setScale(0, RoundingMode.HALF_UP).toPlainString() + " us";
    }

    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
