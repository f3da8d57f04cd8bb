package io.tokenized.trading.benchmarks;

import io.tokenized.trading.core.book.OrderBook;

import java.lang.management.ManagementFactory;

/**
 * Measures what JMH cannot separate cleanly: the heap bytes each resting order costs, and the bytes
 * the measured commands allocate once the book is prefilled (JMH's {@code -prof gc} also counts the
 * per-invocation prefill).
 *
 * <pre>java -cp trading-benchmarks/target/benchmarks.jar io.tokenized.trading.benchmarks.BookFootprint [restingOrders]</pre>
 *
 * <p>Bytes per resting order: live heap after a full GC with a prefilled book, minus the live heap
 * with an empty book, divided by the number of open orders. Allocation per command: the benchmark
 * thread's allocated-bytes counter across one replay, divided by the number of commands. On a
 * shared machine the wall-clock rate depends on what else runs; the rate per CPU second of the
 * replaying thread shows what the book does when it has a core.
 */
public final class BookFootprint {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private BookFootprint() {
    }

    public static void main(String[] args) {
        int restingOrders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        BookWorkload workload = BookWorkload.generate(OrderBookBenchmark.SEED, restingOrders,
                OrderBookBenchmark.COMMANDS, OrderBookBenchmark.USERS);
        System.out.println(workload);

        OrderBook empty = new OrderBook(BookWorkload.QUOTE_MINOR_PER_TICK_LOT, new CountingBookListener());
        long before = liveHeapBytes();
        OrderBook book = new OrderBook(BookWorkload.QUOTE_MINOR_PER_TICK_LOT, new CountingBookListener());
        workload.prefill(book);
        long after = liveHeapBytes();
        int open = book.openOrderCount();
        System.out.printf("resting orders: %,d; heap for them: %,d bytes; bytes per resting order: %.1f%n",
                open, after - before, (after - before) / (double) open);

        for (int round = 1; round <= 5; round++) {
            CountingBookListener listener = new CountingBookListener();
            OrderBook fresh = new OrderBook(BookWorkload.QUOTE_MINOR_PER_TICK_LOT, listener);
            workload.prefill(fresh);
            liveHeapBytes();
            long allocatedBefore = threadAllocatedBytes();
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            workload.replay(fresh);
            long elapsed = System.nanoTime() - started;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
            long allocated = threadAllocatedBytes() - allocatedBefore;
            System.out.printf("round %d: %,.0f commands/s (%,.0f per CPU second of this thread), %.3f bytes allocated"
                            + " per command, %,d open orders after, %,d trades%n", round,
                    workload.commandCount() * 1e9 / elapsed, workload.commandCount() * 1e9 / cpu,
                    allocated / (double) workload.commandCount(), fresh.openOrderCount(), listener.trades);
        }
        // Keep both books reachable until here, so the collector cannot take them early.
        System.out.println("(checked " + empty.openOrderCount() + " and " + book.openOrderCount() + " open orders)");
    }

    private static long liveHeapBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long threadAllocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
