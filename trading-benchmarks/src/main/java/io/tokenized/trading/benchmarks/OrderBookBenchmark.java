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
 * <p>Each invocation starts from a freshly prefilled book built in {@link #prefillBook()} on a helper
 * thread: building the book is not what is measured, and this way its allocations are not charged to
 * the benchmark thread, so {@code -prof gc}'s {@code gc.alloc.rate.norm} shows what the commands
 * themselves allocate (per command).
 *
 * <pre>java -jar trading-benchmarks/target/benchmarks.jar OrderBook -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
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
    public void prefillBook() throws InterruptedException {
        book = null;
        CountingBookListener freshListener = new CountingBookListener();
        OrderBook[] built = new OrderBook[1];
        Thread builder = new Thread(() -> {
            OrderBook fresh = new OrderBook(BookWorkload.QUOTE_MINOR_PER_TICK_LOT, freshListener);
            workload.prefill(fresh);
            built[0] = fresh;
        }, "book-prefill");
        builder.start();
        builder.join();
        listener = freshListener;
        book = built[0];
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long replay() {
        workload.replay(book);
        return listener.checksum();
    }
}
