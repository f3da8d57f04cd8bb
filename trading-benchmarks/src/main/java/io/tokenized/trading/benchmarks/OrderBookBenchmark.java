package io.tokenized.trading.benchmarks;

import io.tokenized.trading.core.book.OrderBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Replays the {@link BookWorkload} (3,000,000 commands from 1,000 users) against a prefilled book; the
 * score is commands per second. {@code restingOrders} selects the 1K book or the 1M-order variant.
 *
 * <p>Each invocation starts from a freshly prefilled book built in {@link #prefillBook()}, outside the
 * measured time. {@code -prof gc}'s {@code gc.alloc.rate.norm} still counts that prefill (about 0.05
 * B/command for the 1K book, about 45 B/command for the 1M book); {@link BookFootprint} measures the
 * commands alone and the bytes per resting order.
 *
 * <pre>java -jar trading-benchmarks/target/benchmarks.jar OrderBook -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
// The parallel collector: G1's post-write barrier and concurrent card refinement cost the 1M-order book
// two to four times its speed, because every queue relink writes a pointer into a large old generation.
// Override with -jvmArgs "-Xms4g -Xmx4g -XX:+UseG1GC" to see the G1 figure.
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC"})
public class OrderBookBenchmark {
    static final int COMMANDS = 3_000_000;
    static final int USERS = 1_000;
    static final long SEED = 20_240_601L;

    @Param({"1000", "1000000"})
    int restingOrders;

    private BookWorkload workload;
    private CountingBookListener listener;
    private OrderBook book;

    @Setup(Level.Trial)
    public void generateWorkload() {
        workload = BookWorkload.generate(SEED, restingOrders, COMMANDS, USERS);
    }

    @Setup(Level.Invocation)
    public void prefillBook() {
        book = null;
        listener = new CountingBookListener();
        book = new OrderBook(BookWorkload.QUOTE_MINOR_PER_TICK_LOT, listener);
        workload.prefill(book);
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long replay() {
        workload.replay(book);
        return listener.checksum();
    }
}
