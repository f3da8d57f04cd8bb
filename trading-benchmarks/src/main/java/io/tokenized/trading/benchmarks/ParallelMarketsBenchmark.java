package io.tokenized.trading.benchmarks;

import io.tokenized.trading.core.engine.AuditReport;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.memory.InMemoryTradingStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * {@link EngineBenchmark}'s replay in two markets at once on one engine and one in-memory store, a thread
 * per market: the machine's two cores working for one engine, as a host with several markets uses it.
 * Both markets' users are the same 1,000 users with one cash balance each, so the markets' units meet in
 * the ledger. Each market replays its own stream of {@value EngineBenchmark#COMMANDS} commands (the engine
 * benchmark's generator with its own seed). Score: the commands of both markets per second.
 *
 * <p>Each invocation starts from a fresh store and engine, as {@link EngineBenchmark}'s do, and checks
 * that each market's engine refused exactly what its plain book refuses; the last one is audited.
 *
 * <pre>java -jar trading-benchmarks/target/benchmarks.jar ParallelMarketsBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
// Twice EngineBenchmark's heap: each invocation's store holds two markets' rows.
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC"})
public class ParallelMarketsBenchmark {
    static final int MARKETS = 2;

    private final EngineBenchmark[] replays = new EngineBenchmark[MARKETS];
    private final long[] cpuNanos = new long[MARKETS];
    private TradingEngine engine;

    @Setup(Level.Trial)
    public void generateWorkloads() {
        for (int i = 0; i < MARKETS; i++) {
            replays[i] = new EngineBenchmark("BENCH" + (i + 1), EngineBenchmark.SEED + i);
            replays[i].generateWorkload();
        }
    }

    @Setup(Level.Invocation)
    public void freshEngineWithEveryMarketOpen() {
        // As EngineBenchmark does: the previous invocation's store is collected outside the measured time.
        engine = null;
        for (EngineBenchmark replay : replays) {
            replay.forgetTheStore();
        }
        System.gc();
        InMemoryTradingStore store = new InMemoryTradingStore();
        engine = EngineBenchmark.fundedEngine(store);
        for (EngineBenchmark replay : replays) {
            replay.openMarket(store, engine);
        }
    }

    /** Each market's commands one engine call at a time. */
    @Benchmark
    @OperationsPerInvocation(MARKETS * EngineBenchmark.COMMANDS)
    public long replay() throws InterruptedException {
        return ParallelMarketsRun.replayAtOnce(replays, false, cpuNanos);
    }

    /** Each market's commands through {@link TradingEngine#execute}, as {@link EngineBenchmark#replayInBatches}. */
    @Benchmark
    @OperationsPerInvocation(MARKETS * EngineBenchmark.COMMANDS)
    public long replayInBatches() throws InterruptedException {
        return ParallelMarketsRun.replayAtOnce(replays, true, cpuNanos);
    }

    @TearDown(Level.Invocation)
    public void eachEngineRefusedWhatItsBookRefuses() {
        for (EngineBenchmark replay : replays) {
            replay.theEngineRefusedWhatTheBookRefuses();
        }
    }

    @TearDown(Level.Trial)
    public void theLedgerIsConsistent() {
        AuditReport report = engine.audit();
        if (!report.isClean()) {
            throw new IllegalStateException(report.toString());
        }
    }
}
