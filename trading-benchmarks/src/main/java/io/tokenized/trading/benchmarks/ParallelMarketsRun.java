package io.tokenized.trading.benchmarks;

import io.tokenized.trading.core.engine.AuditReport;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.memory.InMemoryTradingStore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@link EngineBenchmark}'s replay in several markets at once, one thread per market, on one engine and
 * one in-memory store: the users' cash is shared by every market, so the markets' units meet in the
 * ledger as a host's would. Each market replays its own stream (the engine benchmark's generator with
 * its own seed). Prints the commands of all markets per second of wall-clock time, and per second of
 * the replaying threads' CPU time, which a machine shared with other work disturbs less (a thread
 * spinning for a lock counts; one parked does not).
 *
 * <p>{@code separate} gives each market its own engine and store instead, which shares nothing: what the
 * machine's cores give when nothing is shared, the bound for the shared run. {@code batches} sends each
 * market's commands through {@link TradingEngine#execute}, as {@link EngineBenchmark#replayInBatches} does.
 *
 * <pre>java -Xms8g -Xmx8g -XX:+UseParallelGC -XX:+AlwaysPreTouch -cp trading-benchmarks/target/benchmarks.jar \
 *     io.tokenized.trading.benchmarks.ParallelMarketsRun 2 5 [separate] [batches]</pre>
 */
public final class ParallelMarketsRun {

    private ParallelMarketsRun() {
    }

    /**
     * Arguments: markets (2), rounds (5), then {@code separate} for an engine and store per market and
     * {@code batches} for batched commands, in any order.
     */
    public static void main(String[] args) throws InterruptedException {
        int markets = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> flags = Arrays.asList(args).subList(Math.min(2, args.length), args.length);
        boolean separate = flags.contains("separate");
        boolean batches = flags.contains("batches");
        EngineBenchmark[] replays = new EngineBenchmark[markets];
        for (int i = 0; i < markets; i++) {
            replays[i] = new EngineBenchmark("BENCH" + (i + 1), EngineBenchmark.SEED + i);
            replays[i].generateWorkload();
        }
        for (int round = 0; round < rounds; round++) {
            TradingEngine[] engines = new TradingEngine[markets];
            for (int i = 0; i < markets; i++) {
                if (separate || i == 0) {
                    InMemoryTradingStore store = new InMemoryTradingStore();
                    engines[i] = EngineBenchmark.fundedEngine(store);
                    replays[i].openMarket(store, engines[i]);
                } else {
                    engines[i] = engines[0];
                    replays[i].openMarket(replays[0].store(), engines[0]);
                }
            }
            long[] cpuNanos = new long[markets];
            long nanos = replayAtOnce(replays, batches, cpuNanos);
            for (EngineBenchmark replay : replays) {
                replay.theEngineRefusedWhatTheBookRefuses();
            }
            long commands = markets * (long) EngineBenchmark.COMMANDS;
            System.out.printf("round %d: %,d commands/s in %d markets on %s%s (%,d per second of the replaying"
                    + " threads' CPU time)%n", round, commands * 1_000_000_000L / nanos, markets,
                    separate ? "an engine and store each" : "one engine and store", batches ? ", in batches" : "",
                    commands * 1_000_000_000L / Arrays.stream(cpuNanos).sum());
            if (round == rounds - 1) {
                for (int i = 0; i < markets; i++) {
                    if (separate || i == 0) {
                        AuditReport report = engines[i].audit();
                        if (!report.isClean()) {
                            throw new IllegalStateException(report.toString());
                        }
                    }
                }
                System.out.println("audit clean");
            }
        }
    }

    /**
     * Starts every replay at once and returns the nanoseconds until the last one ends; each replay's CPU
     * time goes into {@code cpuNanos}.
     */
    static long replayAtOnce(EngineBenchmark[] replays, boolean batches, long[] cpuNanos)
            throws InterruptedException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        CountDownLatch ready = new CountDownLatch(replays.length);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[replays.length];
        for (int i = 0; i < replays.length; i++) {
            EngineBenchmark replay = replays[i];
            int market = i;
            threads[i] = new Thread(() -> {
                ready.countDown();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long cpuStart = cpu.getCurrentThreadCpuTime();
                if (batches) {
                    replay.replayInBatches();
                } else {
                    replay.replay();
                }
                cpuNanos[market] = cpu.getCurrentThreadCpuTime() - cpuStart;
            }, "replay-" + (i + 1));
            threads[i].start();
        }
        ready.await();
        long begin = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return System.nanoTime() - begin;
    }
}
