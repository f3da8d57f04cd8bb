package io.tokenized.trading.benchmarks;

import io.tokenized.trading.core.book.OrderBook;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.engine.AmendOrder;
import io.tokenized.trading.core.engine.AmendResult;
import io.tokenized.trading.core.engine.AssetResult;
import io.tokenized.trading.core.engine.AuditReport;
import io.tokenized.trading.core.engine.CancelOrder;
import io.tokenized.trading.core.engine.CancelResult;
import io.tokenized.trading.core.engine.OrderCommand;
import io.tokenized.trading.core.engine.OrderResult;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.engine.TransferResult;
import io.tokenized.trading.core.market.Asset;
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

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The engine and ledger on the in-memory store, replaying the order book benchmark's workload
 * ({@link BookWorkload}: 3,000,000 commands from 1,000 users against a 1,000-order book) through the
 * public API: every command reserves, settles, journals and persists its outcome in the store. Score:
 * commands per second, on one thread.
 *
 * <p>Each invocation starts from a fresh store and engine in which the 1,000 users have deposited cash
 * and tokens and the prefill orders rest. The requests' decimals are built beforehand; what remains per
 * command is what a host call costs: the request record, the engine, the store.
 *
 * <pre>java -jar trading-benchmarks/target/benchmarks.jar EngineBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
// ParallelGC as in OrderBookBenchmark: the store retains every order, trade and journal entry, and G1's
// write barriers and concurrent refinement on that growing old generation cost more than its pauses save.
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC"})
public class EngineBenchmark {
    static final int COMMANDS = 3_000_000;
    static final int USERS = 1_000;
    static final int RESTING_ORDERS = 1_000;
    static final long SEED = 20_240_601L;
    private static final String QUOTE = "USD";

    private final String market;
    private final long seed;

    private BookWorkload workload;
    /**
     * The users' ids, one instance each, which registration and every request share: a host that kept its
     * users' ids would pass the same instances, and earlier rounds measured it this way.
     */
    private static final String[] USER_IDS = new String[USERS + 1];
    private final String[] userIds = USER_IDS;

    static {
        for (int user = 1; user <= USERS; user++) {
            USER_IDS[user] = "user-" + user;
        }
    }
    /** Per command: its request, built beforehand (null for commands that name a live order). */
    private PlaceOrder[] placements;
    private BigDecimal[] amounts;

    private InMemoryTradingStore store;
    private TradingEngine engine;
    /** Engine order ids by the workload's order ids. */
    private UUID[] orderIds;
    /** Commands the plain book refuses too (an FOK it cannot fill): the engine must refuse exactly these. */
    private long expectedRejections;
    private long rejected;
    private String firstRejection;

    public EngineBenchmark() {
        this("BENCH", SEED);
    }

    /** A replay of the workload generated from {@code seed} in its own market (see {@link ParallelMarketsRun}). */
    EngineBenchmark(String market, long seed) {
        this.market = market;
        this.seed = seed;
    }

    @Setup(Level.Trial)
    public void generateWorkload() {
        workload = BookWorkload.generate(seed, RESTING_ORDERS, COMMANDS, USERS);
        expectedRejections = rejectionsOfThePlainBook();
        int total = workload.prefillCount() + workload.commandCount();
        placements = new PlaceOrder[total];
        amounts = new BigDecimal[total];
        for (int i = 0; i < total; i++) {
            String user = userIds[(int) workload.userId(i)];
            BigDecimal price = BigDecimal.valueOf(workload.price(i), 2);
            BigDecimal size = BigDecimal.valueOf(workload.size(i));
            switch (workload.type(i)) {
                case BookWorkload.PLACE_GTC -> placements[i] = PlaceOrder.limit(user, market, workload.side(i), price,
                        size);
                case BookWorkload.PLACE_IOC -> placements[i] = PlaceOrder.limit(user, market, workload.side(i), price,
                        size).withTimeInForce(TimeInForce.IOC);
                case BookWorkload.PLACE_FOK_BUDGET -> placements[i] = PlaceOrder.marketBuyWithBudget(user, market,
                        price).withTimeInForce(TimeInForce.FOK);
                case BookWorkload.MOVE -> amounts[i] = price;
                case BookWorkload.REDUCE -> amounts[i] = size;
                default -> {
                    // a cancel needs nothing but the order id
                }
            }
        }
    }

    @Setup(Level.Invocation)
    public void freshEngineWithFundedUsersAndPrefilledBook() {
        forgetTheStore();
        System.gc();
        InMemoryTradingStore fresh = new InMemoryTradingStore();
        openMarket(fresh, fundedEngine(fresh));
    }

    /**
     * Drops the previous invocation's store, for the setup to collect it outside the measured time. A host
     * keeps one store for its life; a benchmark that leaves a gigabyte of dead rows per invocation makes full
     * collections land in whichever later invocation fills the heap, a cost of the benchmark's own making.
     * The collections that a replay's own allocations cause stay in its measurement.
     */
    void forgetTheStore() {
        store = null;
        engine = null;
    }

    /** An engine on the store in which the users exist and have deposited cash. */
    static TradingEngine fundedEngine(InMemoryTradingStore store) {
        store.registerUser("fees");
        for (int user = 1; user <= USERS; user++) {
            store.registerUser(USER_IDS[user]);
        }
        TradingEngine engine = TradingEngine.builder().store(store).feeAccount("fees").build();
        require(engine.createAsset(Asset.cash(QUOTE, "US dollar", 2)) instanceof AssetResult.Done);
        for (int user = 1; user <= USERS; user++) {
            require(engine.deposit(USER_IDS[user], QUOTE, new BigDecimal("1000000000000.00"), "cash")
                    instanceof TransferResult.Completed);
        }
        return engine;
    }

    /** Creates this replay's market on a funded engine, gives every user tokens and rests the prefill. */
    void openMarket(InMemoryTradingStore marketStore, TradingEngine marketEngine) {
        store = marketStore;
        engine = marketEngine;
        // Maker fee only: a taker fee would shrink budget orders and let the book diverge from the workload.
        require(engine.createAsset(Asset.token(market, "Benchmark share", 0, QUOTE, new BigDecimal("0.01"),
                BigDecimal.ONE, BigDecimal.ONE, 1, 0)) instanceof AssetResult.Done);
        for (int user = 1; user <= USERS; user++) {
            require(engine.deposit(userIds[user], market, new BigDecimal("1000000000"), "tokens-" + market)
                    instanceof TransferResult.Completed);
        }
        orderIds = new UUID[workload.prefillCount() + workload.commandCount() + 2];
        rejected = 0;
        run(0, workload.prefillCount());
        require(rejected == 0);
    }

    InMemoryTradingStore store() {
        return store;
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long replay() {
        run(workload.prefillCount(), workload.prefillCount() + workload.commandCount());
        return rejected;
    }

    /**
     * The same replay through {@link TradingEngine#execute}, in batches of up to {@value #BATCH} commands. A
     * batch is sent early when the next command names an order placed in it: a host learns an order's id
     * from its result, so it cannot send a command on that order in the same batch.
     */
    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long replayInBatches() {
        runInBatches(workload.prefillCount(), workload.prefillCount() + workload.commandCount());
        return rejected;
    }

    @TearDown(Level.Invocation)
    public void theEngineRefusedWhatTheBookRefuses() {
        if (rejected != expectedRejections) {
            throw new IllegalStateException(rejected + " commands were rejected instead of " + expectedRejections
                    + ", the replay diverged; first: " + firstRejection);
        }
    }

    private long rejectionsOfThePlainBook() {
        CountingBookListener counter = new CountingBookListener();
        OrderBook book = new OrderBook(BookWorkload.QUOTE_MINOR_PER_TICK_LOT, counter);
        workload.prefill(book);
        long refusedInPrefill = counter.rejected;
        workload.replay(book);
        return counter.rejected - refusedInPrefill;
    }

    @TearDown(Level.Trial)
    public void theLedgerIsConsistent() {
        AuditReport report = engine.audit();
        if (!report.isClean()) {
            throw new IllegalStateException(report.toString());
        }
    }

    private void run(int from, int to) {
        for (int i = from; i < to; i++) {
            switch (workload.type(i)) {
                case BookWorkload.PLACE_GTC, BookWorkload.PLACE_IOC, BookWorkload.PLACE_FOK_BUDGET -> {
                    PlaceResult result = engine.placeOrder(placements[i]);
                    if (result instanceof PlaceResult.Placed placed) {
                        orderIds[(int) workload.orderId(i)] = placed.order().id();
                    } else {
                        reject(i, result);
                    }
                }
                case BookWorkload.MOVE -> count(i, engine.amendOrder(
                        AmendOrder.moveTo(userIds[(int) workload.userId(i)], orderIds[(int) workload.orderId(i)],
                                amounts[i])));
                case BookWorkload.REDUCE -> count(i, engine.amendOrder(
                        AmendOrder.reduceTo(userIds[(int) workload.userId(i)], orderIds[(int) workload.orderId(i)],
                                amounts[i])));
                case BookWorkload.CANCEL -> {
                    CancelResult result = engine.cancelOrder(userIds[(int) workload.userId(i)],
                            orderIds[(int) workload.orderId(i)]);
                    if (!(result instanceof CancelResult.Cancelled)) {
                        reject(i, result);
                    }
                }
                default -> throw new IllegalStateException("unknown command type " + workload.type(i));
            }
        }
    }

    static final int BATCH = 256;
    private final List<OrderCommand> batch = new ArrayList<>(BATCH);
    private final int[] batchCommands = new int[BATCH];

    private void runInBatches(int from, int to) {
        for (int i = from; i < to; i++) {
            int type = workload.type(i);
            boolean namesAnOrder = type == BookWorkload.MOVE || type == BookWorkload.REDUCE
                    || type == BookWorkload.CANCEL;
            if (namesAnOrder && orderIds[(int) workload.orderId(i)] == null) {
                sendBatch();
            }
            String user = userIds[(int) workload.userId(i)];
            OrderCommand command = switch (type) {
                case BookWorkload.PLACE_GTC, BookWorkload.PLACE_IOC, BookWorkload.PLACE_FOK_BUDGET -> placements[i];
                case BookWorkload.MOVE -> AmendOrder.moveTo(user, orderIds[(int) workload.orderId(i)], amounts[i]);
                case BookWorkload.REDUCE -> AmendOrder.reduceTo(user, orderIds[(int) workload.orderId(i)], amounts[i]);
                case BookWorkload.CANCEL -> new CancelOrder(user, orderIds[(int) workload.orderId(i)]);
                default -> throw new IllegalStateException("unknown command type " + type);
            };
            batchCommands[batch.size()] = i;
            batch.add(command);
            if (batch.size() == BATCH) {
                sendBatch();
            }
        }
        sendBatch();
    }

    private void sendBatch() {
        if (batch.isEmpty()) {
            return;
        }
        List<OrderResult> results = engine.execute(batch);
        for (int k = 0; k < results.size(); k++) {
            int i = batchCommands[k];
            OrderResult result = results.get(k);
            if (result instanceof PlaceResult.Placed placed) {
                orderIds[(int) workload.orderId(i)] = placed.order().id();
            } else if (!(result instanceof AmendResult.Amended) && !(result instanceof CancelResult.Cancelled)) {
                reject(i, result);
            }
        }
        batch.clear();
    }

    private void count(int command, AmendResult result) {
        if (!(result instanceof AmendResult.Amended)) {
            reject(command, result);
        }
    }

    private void reject(int command, Object result) {
        if (rejected++ == 0) {
            firstRejection = "command " + command + " (type " + workload.type(command) + "): " + result;
        }
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw new IllegalStateException("benchmark setup failed");
        }
    }

    /**
     * Runs replays without JMH, for a quick check: prints commands per second and rejections. Arguments: the
     * number of rounds (3), then {@code batches} to replay through {@link TradingEngine#execute}.
     */
    public static void main(String[] args) {
        EngineBenchmark benchmark = new EngineBenchmark();
        benchmark.generateWorkload();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        boolean inBatches = args.length > 1 && args[1].equals("batches");
        for (int round = 0; round < rounds; round++) {
            benchmark.freshEngineWithFundedUsersAndPrefilledBook();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            if (inBatches) {
                benchmark.replayInBatches();
            } else {
                benchmark.replay();
            }
            long nanos = System.nanoTime() - start;
            long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            benchmark.theEngineRefusedWhatTheBookRefuses();
            System.out.printf("round %d: %,d commands/s (%,d per second of this thread's CPU time), %d rejected"
                    + " as the book does%n", round, COMMANDS * 1_000_000_000L / nanos,
                    COMMANDS * 1_000_000_000L / cpuNanos, benchmark.rejected);
        }
        benchmark.theLedgerIsConsistent();
        System.out.println("audit clean");
    }
}
