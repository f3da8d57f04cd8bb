package io.tokenized.trading.examples;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.engine.AssetResult;
import io.tokenized.trading.core.engine.AuditReport;
import io.tokenized.trading.core.engine.BookSnapshot;
import io.tokenized.trading.core.engine.CancelResult;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.engine.TradingEvent;
import io.tokenized.trading.core.engine.TradingListener;
import io.tokenized.trading.core.engine.TransferResult;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.port.TradeRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Submitters placing and cancelling orders concurrently on one market, each on its own thread and for
 * accounts of its own, each command timed from call to return (which, on PostgreSQL, is after its commit).
 *
 * <p>The mix: resting limit orders 1-10 ticks away from the last trade price (about 70 %), marketable IOC
 * orders up to 5 ticks through it (about 20 %), and cancels of the trader's own open orders (about 10 %,
 * and every other command once a submitter has {@value #MAX_OPEN_PER_SUBMITTER} open orders, which bounds
 * the book). Each command acts for one of the submitter's accounts, picked at random, so a lone submitter
 * with several accounts still trades (with one account, self-trade prevention would cancel its takers). Sides
 * are random, so the price walks. Each trader's choices come from {@code seed}, but the interleaving of
 * threads does not: results vary from run to run.
 *
 * <p>{@link #run} runs once and blocks its caller; progress may be read from any thread.
 */
final class Simulation {

    static final String QUOTE = "USD";
    static final String FEES = "fees";
    static final int MAX_OPEN_PER_SUBMITTER = 50;
    private static final long START_PRICE_TICKS = 10_000;
    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final long BUCKET_NANOS = 100_000_000L;

    /**
     * What to run.
     *
     * @param submitters concurrent submitters, one thread each
     * @param accounts   trading accounts (users), dealt out to the submitters; at least one each
     * @param duration   how long to run, or null to run until {@code orders}
     * @param orders     how many commands to run in total, or 0 to run for {@code duration}
     */
    record Settings(String market, int submitters, int accounts, Duration duration, long orders, long seed) {
        Settings {
            Objects.requireNonNull(market, "market");
            if (submitters < 1) {
                throw new IllegalArgumentException("at least one submitter");
            }
            if (accounts < submitters) {
                throw new IllegalArgumentException("at least one account per submitter");
            }
            if (duration == null && orders <= 0) {
                throw new IllegalArgumentException("a duration or a number of orders");
            }
        }
    }

    /** The price and volume of the trades in one time slice. */
    static final class Bucket {
        long firstTicks;
        long lastTicks;
        long highTicks;
        long lowTicks = Long.MAX_VALUE;
        long volumeLots;
        long trades;

        synchronized void add(long priceTicks, long lots) {
            if (trades == 0) {
                firstTicks = priceTicks;
            }
            lastTicks = priceTicks;
            highTicks = Math.max(highTicks, priceTicks);
            lowTicks = Math.min(lowTicks, priceTicks);
            volumeLots += lots;
            trades++;
        }
    }

    /**
     * What a run did.
     *
     * @param commands  commands sent (places and cancels)
     * @param latencies every command's latency in nanoseconds
     * @param buckets   trades per {@link #bucketNanos()} slice since the start, by slice number
     */
    record Result(Settings settings, long commands, long placed, long cancelled, long trades,
                  Map<RejectReason, Long> rejections, long elapsedNanos, Histogram latencies,
                  TreeMap<Long, Bucket> buckets, BookSnapshot book, AuditReport audit) {

        long commandsPerSecond() {
            return elapsedNanos == 0 ? 0 : commands * 1_000_000_000L / elapsedNanos;
        }

        static long bucketNanos() {
            return BUCKET_NANOS;
        }

        /** A price in ticks as a decimal of the quote asset. */
        static BigDecimal price(long ticks) {
            return TICK.multiply(BigDecimal.valueOf(ticks));
        }
    }

    private final TradingEngine engine;
    private final Settings settings;
    private final List<String> accounts;
    private final AtomicLong lastPriceTicks = new AtomicLong(START_PRICE_TICKS);
    private final AtomicLong claimed = new AtomicLong();
    private final LongAdder completed = new LongAdder();
    private final LongAdder trades = new LongAdder();
    private final LongAdder placed = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final ConcurrentHashMap<RejectReason, LongAdder> rejections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final TradingListener listener = this::onEvent;
    private volatile long startNanos;
    private volatile long deadlineNanos;

    private Simulation(TradingEngine engine, Settings settings, List<String> accounts) {
        this.engine = engine;
        this.settings = settings;
        this.accounts = accounts;
    }

    /**
     * Creates the market (and USD when missing), signs the accounts up and funds them; the engine must have
     * been built with {@link #FEES} as its fee account, existing in the backend.
     */
    static Simulation prepare(Backend backend, TradingEngine engine, Settings settings) {
        List<String> accounts = new ArrayList<>();
        for (int i = 1; i <= settings.accounts(); i++) {
            accounts.add(String.format(Locale.ROOT, "trader-%03d", i));
        }
        backend.signUp(accounts);
        require(engine.createAsset(Asset.cash(QUOTE, "US dollar", 2)), true);
        Asset token = Asset.token(settings.market(), "Simulated tokenized share", 0, QUOTE, TICK, BigDecimal.ONE,
                BigDecimal.ONE, 10, 20);
        // a market of an earlier run on the same database is traded on, as long as it is the same market
        require(engine.createAsset(token), engine.asset(token.id()).filter(token::equals).isPresent());
        String run = UUID.randomUUID().toString();
        for (String account : accounts) {
            fund(engine, account, QUOTE, "100000000.00", run);
            fund(engine, account, settings.market(), "1000000", run);
        }
        Simulation simulation = new Simulation(engine, settings, accounts);
        engine.addListener(simulation.listener);
        return simulation;
    }

    private static void require(AssetResult result, boolean existingIsFine) {
        if (result instanceof AssetResult.Rejected rejected
                && !(existingIsFine && rejected.reason() == RejectReason.ASSET_EXISTS)) {
            throw new CommandFailure("creating the simulation's assets was refused: " + rejected.reason()
                    + (rejected.reason() == RejectReason.ASSET_EXISTS
                    ? " (an asset of that name with other rules or status exists); pass another --market" : ""));
        }
    }

    private static void fund(TradingEngine engine, String trader, String asset, String amount, String run) {
        TransferResult result = engine.deposit(trader, asset, new BigDecimal(amount), "sim-" + run + "-" + asset);
        if (result instanceof TransferResult.Rejected rejected) {
            throw new CommandFailure("funding " + trader + " with " + asset + " was refused: " + rejected.reason());
        }
    }

    /** Commands completed so far. */
    long completed() {
        return completed.sum();
    }

    /** Nanoseconds since the run started, or 0 before. */
    long elapsedNanos() {
        long start = startNanos;
        return start == 0 ? 0 : System.nanoTime() - start;
    }

    Settings settings() {
        return settings;
    }

    /** Runs the submitters until the duration or the number of orders is reached, then audits. */
    Result run() throws InterruptedException {
        try {
            return runTraders();
        } finally {
            engine.removeListener(listener);
        }
    }

    private Result runTraders() throws InterruptedException {
        int submitters = settings.submitters();
        Histogram[] latencies = new Histogram[submitters];
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < submitters; i++) {
            Histogram histogram = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
            latencies[i] = histogram;
            SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + i);
            List<String> own = new ArrayList<>();
            for (int account = i; account < accounts.size(); account += submitters) {
                own.add(accounts.get(account));
            }
            Submitter submitter = new Submitter(own, random, histogram);
            Thread thread = new Thread(() -> {
                try {
                    ready.await();
                    submitter.trade();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    // stop the others too: a failed run has no meaningful figures
                    deadlineNanos = System.nanoTime();
                    claimed.set(Long.MAX_VALUE / 2);
                }
            }, "submitter-" + (i + 1));
            threads.add(thread);
            thread.start();
        }
        startNanos = System.nanoTime();
        deadlineNanos = settings.duration() == null ? Long.MAX_VALUE : startNanos + settings.duration().toNanos();
        ready.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - startNanos;
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            throw new CommandFailure("a submitter failed: " + Main.describe(first), first);
        }
        Histogram all = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
        for (Histogram histogram : latencies) {
            all.add(histogram);
        }
        Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        rejections.forEach((reason, count) -> rejected.put(reason, count.sum()));
        BookSnapshot book = engine.depth(settings.market(), 50);
        return new Result(settings, completed.sum(), placed.sum(), cancelled.sum(), trades.sum(), rejected, elapsed,
                all, new TreeMap<>(buckets), book, engine.audit());
    }

    private void onEvent(TradingEvent event) {
        if (event instanceof TradingEvent.TradeExecuted executed) {
            TradeRecord trade = executed.trade().record();
            if (!trade.assetId().equals(settings.market())) {
                return;
            }
            trades.increment();
            lastPriceTicks.set(trade.priceTicks());
            long slice = elapsedNanos() / BUCKET_NANOS;
            buckets.computeIfAbsent(slice, key -> new Bucket()).add(trade.priceTicks(), trade.quantityLots());
        }
    }

    /** An order a submitter placed that rested when placed (it may have filled since). */
    private record OpenOrder(String owner, UUID id) {
    }

    /** One submitter's loop; confined to its thread. */
    private final class Submitter {
        private final List<String> own;
        private final SplittableRandom random;
        private final Histogram latencies;
        private final List<OpenOrder> open = new ArrayList<>();

        Submitter(List<String> own, SplittableRandom random, Histogram latencies) {
            this.own = own;
            this.random = random;
            this.latencies = latencies;
        }

        void trade() {
            while (System.nanoTime() < deadlineNanos) {
                if (settings.orders() > 0 && claimed.incrementAndGet() > settings.orders()) {
                    return;
                }
                int roll = random.nextInt(100);
                if (!open.isEmpty() && (roll < 10 || open.size() >= MAX_OPEN_PER_SUBMITTER)) {
                    cancelOne();
                } else {
                    place(roll < 30);
                }
                completed.increment();
            }
        }

        private void place(boolean marketable) {
            int account = random.nextInt(own.size());
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            long reference = lastPriceTicks.get();
            long offset = marketable ? -random.nextInt(6) : 1 + random.nextInt(10);
            long ticks = Math.max(1, side == Side.BUY ? reference - offset : reference + offset);
            PlaceOrder order = PlaceOrder.limit(own.get(account), settings.market(), side, Result.price(ticks),
                    BigDecimal.valueOf(1 + random.nextInt(10)));
            if (marketable) {
                order = order.withTimeInForce(TimeInForce.IOC);
            }
            long begin = System.nanoTime();
            PlaceResult result = engine.placeOrder(order);
            latencies.recordValue(Math.min(System.nanoTime() - begin, latencies.getHighestTrackableValue()));
            if (result instanceof PlaceResult.Placed accepted) {
                placed.increment();
                OrderStatus status = accepted.order().status();
                if (status == OrderStatus.OPEN || status == OrderStatus.PARTIALLY_FILLED) {
                    open.add(new OpenOrder(own.get(account), accepted.order().id()));
                }
            } else if (result instanceof PlaceResult.Rejected rejected) {
                rejections.computeIfAbsent(rejected.reason(), reason -> new LongAdder()).increment();
            }
        }

        private void cancelOne() {
            OpenOrder chosen = open.remove(random.nextInt(open.size()));
            long begin = System.nanoTime();
            CancelResult result = engine.cancelOrder(chosen.owner(), chosen.id());
            latencies.recordValue(Math.min(System.nanoTime() - begin, latencies.getHighestTrackableValue()));
            if (result instanceof CancelResult.Cancelled) {
                cancelled.increment();
            } else if (result instanceof CancelResult.Rejected rejected
                    && rejected.reason() != RejectReason.UNKNOWN_ORDER) {
                // UNKNOWN_ORDER: it filled since; that is the market, not a failure
                rejections.computeIfAbsent(rejected.reason(), reason -> new LongAdder()).increment();
            }
        }
    }
}
