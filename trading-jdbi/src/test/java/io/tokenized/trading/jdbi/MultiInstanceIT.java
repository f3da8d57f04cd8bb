package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.engine.CancelResult;
import io.tokenized.trading.core.engine.Order;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.tokenized.trading.jdbi.Exchanges.ACME;
import static io.tokenized.trading.jdbi.Exchanges.BETA;
import static io.tokenized.trading.jdbi.Exchanges.FEES;
import static io.tokenized.trading.jdbi.Exchanges.USD;
import static io.tokenized.trading.jdbi.Exchanges.assertAuditClean;
import static io.tokenized.trading.jdbi.Exchanges.fund;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several host instances — each an engine over its own store and connection pool — trading the same
 * markets of one database at the same time.
 */
class MultiInstanceIT {

    private static final int INSTANCES = 3;
    private static PostgresFixture postgres;

    private List<JdbiTradingStore> stores;
    private List<TradingEngine> engines;

    @BeforeAll
    static void aDatabaseWithTheAuthTables() {
        postgres = PostgresFixture.create();
    }

    @AfterAll
    static void dropTheDatabase() {
        postgres.close();
    }

    @AfterEach
    void closeThePools() {
        postgres.closePools();
    }

    private void instancesOnAFreshSchema(int users) {
        String schema = postgres.migratedSchema();
        postgres.createUser(FEES);
        for (int i = 0; i < users; i++) {
            postgres.createUser("u" + i);
        }
        stores = new ArrayList<>();
        engines = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            JdbiTradingStore store = postgres.store(schema, 4);
            stores.add(store);
            engines.add(Exchanges.engine(store));
        }
        Exchanges.createMarkets(engines.get(0));
    }

    @Test
    void severalInstancesTradingTheSameMarketsLoseNoFillDoubleNoneAndLeaveGapFreeSequences() throws Exception {
        int users = 12;
        instancesOnAFreshSchema(users);
        for (int i = 0; i < users; i++) {
            fund(engines.get(i % INSTANCES), "u" + i, USD, "100000.00");
            fund(engines.get(i % INSTANCES), "u" + i, ACME, "5000");
            fund(engines.get(i % INSTANCES), "u" + i, BETA, "5000");
        }
        Map<String, AtomicLong> acceptedCommands = Map.of(ACME, new AtomicLong(), BETA, new AtomicLong());
        int threadsPerInstance = 2;
        int commandsPerThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES * threadsPerInstance);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < INSTANCES * threadsPerInstance; t++) {
                TradingEngine engine = engines.get(t % INSTANCES);
                long seed = 1_000 + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    trade(engine, new Random(seed), users, commandsPerThread, acceptedCommands);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        JdbiTradingStore store = stores.get(0);
        for (String market : List.of(ACME, BETA)) {
            assertThat(store.sequence(market)).as("sequence of %s", market)
                    .isEqualTo(acceptedCommands.get(market).get());
            List<TradeRecord> trades = store.marketTrades(market, 100_000);
            assertThat(trades).extracting(TradeRecord::id).doesNotHaveDuplicates();
            Set<Long> placementSequences = new HashSet<>();
            for (TradeRecord trade : trades) {
                assertThat(trade.sequence()).isBetween(1L, store.sequence(market));
            }
            for (OrderRecord order : store.liveOrders(market)) {
                assertThat(placementSequences.add(order.sequence())).as("one order placed per sequence").isTrue();
            }
        }
        assertThat(acceptedCommands.get(ACME).get() + acceptedCommands.get(BETA).get()).isGreaterThan(300);
        for (TradingEngine engine : engines) {
            assertAuditClean(engine);
        }
        assertAuditClean(Exchanges.engine(postgres.store(stores.get(0).config().schema(), 2)));
    }

    /** Limit orders around 10.00, some marketable, some cancels; counts accepted commands per market. */
    private static void trade(TradingEngine engine, Random random, int users, int commands,
                              Map<String, AtomicLong> accepted) {
        List<Order> mine = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            String market = random.nextBoolean() ? ACME : BETA;
            String user = "u" + random.nextInt(users);
            int roll = random.nextInt(10);
            if (roll == 0 && !mine.isEmpty()) {
                Order order = mine.remove(random.nextInt(mine.size()));
                if (engine.cancelOrder(order.userId(), order.id()) instanceof CancelResult.Cancelled) {
                    accepted.get(order.assetId()).incrementAndGet();
                }
                continue;
            }
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            int offset = roll == 1 ? -30 : 1 + random.nextInt(20);
            long cents = side == Side.BUY ? 1_000 - offset : 1_000 + offset;
            PlaceResult result = engine.placeOrder(PlaceOrder.limit(user, market, side,
                    BigDecimal.valueOf(cents, 2), BigDecimal.valueOf(1 + random.nextInt(5))));
            if (result instanceof PlaceResult.Placed placed) {
                accepted.get(market).incrementAndGet();
                mine.add(placed.order());
            }
        }
    }

    @Test
    void ofTwoHundredSimultaneousOrdersAcrossInstancesAndMarketsEachNeedingTheWholeBalanceOneIsAccepted()
            throws Exception {
        instancesOnAFreshSchema(1);
        fund(engines.get(0), "u0", USD, "100.00");
        int orders = 200;
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<PlaceResult> results = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PlaceResult>> futures = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                TradingEngine engine = engines.get(i % INSTANCES);
                String market = i % 2 == 0 ? ACME : BETA;
                futures.add(pool.submit(() -> {
                    start.await();
                    return engine.placeOrder(PlaceOrder.limit("u0", market, Side.BUY, new BigDecimal("1.00"),
                            new BigDecimal("99")));
                }));
            }
            start.countDown();
            for (Future<PlaceResult> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).filteredOn(PlaceResult::isAccepted).hasSize(1);
        assertThat(results).filteredOn(result -> !result.isAccepted())
                .allSatisfy(result -> assertThat(result).isEqualTo(
                        new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS)));
        assertThat(stores.get(1).openOrders("u0")).hasSize(1);
        assertThat(engines.get(2).balance("u0", USD).available()).isEqualByComparingTo("0.80");
        assertAuditClean(engines.get(1));
    }

    @Test
    void theSameClientOrderIdSentFromSeveralInstancesMakesOneOrder() throws Exception {
        instancesOnAFreshSchema(1);
        fund(engines.get(0), "u0", USD, "1000.00");
        PlaceOrder request = PlaceOrder.limit("u0", ACME, Side.BUY, new BigDecimal("2.00"), new BigDecimal("3"))
                .withClientOrderId("client-" + UUID.randomUUID());
        PlaceOrder sameIdOtherMarket = PlaceOrder.limit("u0", BETA, Side.BUY, new BigDecimal("2.00"),
                new BigDecimal("3")).withClientOrderId(request.clientOrderId());
        int senders = 24;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<PlaceResult> results = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PlaceResult>> futures = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                TradingEngine engine = engines.get(i % INSTANCES);
                PlaceOrder sent = i % 6 == 5 ? sameIdOtherMarket : request;
                futures.add(pool.submit(() -> {
                    start.await();
                    return engine.placeOrder(sent);
                }));
            }
            start.countDown();
            for (Future<PlaceResult> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }

        List<PlaceResult> placed = results.stream().filter(r -> r instanceof PlaceResult.Placed).toList();
        assertThat(placed).hasSize(1);
        UUID orderId = ((PlaceResult.Placed) placed.get(0)).order().id();
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        for (PlaceResult result : results) {
            if (result instanceof PlaceResult.AlreadyPlaced already) {
                seen.add(already.order().id());
            } else if (result instanceof PlaceResult.Rejected rejected) {
                assertThat(rejected.reason()).isEqualTo(RejectReason.IDEMPOTENCY_KEY_REUSED);
            }
        }
        assertThat(seen).containsOnly(orderId);
        assertThat(stores.get(2).openOrders("u0")).extracting(OrderRecord::id).containsExactly(orderId);
        assertAuditClean(engines.get(0));
    }
}
