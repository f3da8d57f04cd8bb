package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.market.Asset;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.tokenized.trading.core.engine.Exchange.ACME;
import static io.tokenized.trading.core.engine.Exchange.USD;
import static io.tokenized.trading.core.engine.Exchange.dec;
import static org.assertj.core.api.Assertions.assertThat;

class TradingEngineConcurrencyTest {
    private static final int THREADS = 200;

    @Test
    void ofTwoHundredSimultaneousOrdersThatEachNeedTheWholeBalanceExactlyOneIsAccepted() throws Exception {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "100.00");

        List<PlaceResult> results = all(i -> x.engine.placeOrder(
                PlaceOrder.limit("alice", ACME, Side.BUY, dec("10.00"), dec("10"))));

        assertThat(results).filteredOn(PlaceResult::isAccepted).hasSize(1);
        assertThat(results).filteredOn(r -> !r.isAccepted())
                .containsOnly(new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("0.00");
        x.assertAuditClean();
    }

    @Test
    void theSameClientOrderIdSentFromManyThreadsMakesOneOrder() throws Exception {
        Exchange x = Exchange.standard().fund("alice", USD, "1000.00");
        TradingEngine second = Exchange.engineOn(x.store);

        List<PlaceResult> results = all(i -> (i % 2 == 0 ? x.engine : second).placeOrder(
                PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("3")).withClientOrderId("once")));

        assertThat(results).filteredOn(r -> r instanceof PlaceResult.Placed).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof PlaceResult.AlreadyPlaced).hasSize(THREADS - 1);
        assertThat(x.engine.openOrders("alice")).hasSize(1);
        x.assertAuditClean();
    }

    @Test
    void manyThreadsTradingTwoMarketsLeaveEveryInvariantIntact() throws Exception {
        Exchange x = Exchange.withFees(5, 15);
        x.engine.createAsset(Asset.token("BOLT", "Bolt", 0, USD, new BigDecimal("0.01"), BigDecimal.ONE,
                BigDecimal.ONE, 0, 30));
        for (String user : List.of("alice", "bob", "carol")) {
            x.fund(user, USD, "100000.00").fund(user, ACME, "1000").fund(user, "BOLT", "1000");
        }
        String[] users = {"alice", "bob", "carol"};

        List<PlaceResult> results = all(i -> {
            String market = i % 2 == 0 ? ACME : "BOLT";
            Side side = i % 3 == 0 ? Side.SELL : Side.BUY;
            PlaceResult last = null;
            for (int n = 0; n < 20; n++) {
                BigDecimal price = BigDecimal.valueOf(990 + (i * 7 + n * 13) % 20, 2);
                last = x.engine.placeOrder(PlaceOrder.limit(users[(i + n) % 3], market, side, price,
                        BigDecimal.valueOf(1 + n % 5)));
            }
            return last;
        });

        assertThat(results).allMatch(PlaceResult::isAccepted);
        assertThat(x.engine.trades(ACME, 10)).isNotEmpty();
        x.assertAuditClean();
    }

    @Test
    void ofSimultaneousOrdersInFourMarketsThatEachNeedTheWholeCashBalanceExactlyOneIsAccepted() throws Exception {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "100.00");
        String[] markets = withMarkets(x, ACME, "BOLT", "COG", "DYNE");

        List<PlaceResult> results = all(i -> x.engine.placeOrder(
                PlaceOrder.limit("alice", markets[i % markets.length], Side.BUY, dec("10.00"), dec("10"))));

        assertThat(results).filteredOn(PlaceResult::isAccepted).hasSize(1);
        assertThat(results).filteredOn(r -> !r.isAccepted())
                .containsOnly(new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("0.00");
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("100.00");
        x.assertAuditClean();
    }

    @Test
    void withdrawalsRacingOrdersInSeveralMarketsNeverSpendTheSameCashTwice() throws Exception {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "100.00");
        String[] markets = withMarkets(x, ACME, "BOLT", "COG");

        List<Boolean> accepted = all(i -> i % 4 == 0
                ? x.engine.withdraw("alice", USD, dec("60.00"), "out-" + i) instanceof TransferResult.Completed
                : x.engine.placeOrder(PlaceOrder.limit("alice", markets[i % markets.length], Side.BUY,
                        dec("6.00"), dec("10"))).isAccepted());

        assertThat(accepted).filteredOn(Boolean::booleanValue).hasSize(1);
        x.assertAuditClean();
    }

    @Test
    void oneClientOrderIdSentToFourMarketsAtOnceMakesOneOrder() throws Exception {
        Exchange x = Exchange.standard().fund("alice", USD, "1000.00");
        String[] markets = withMarkets(x, ACME, "BOLT", "COG", "DYNE");

        List<PlaceResult> results = all(i -> x.engine.placeOrder(PlaceOrder.limit("alice",
                markets[i % markets.length], Side.BUY, dec("1.00"), dec("3")).withClientOrderId("once")));

        assertThat(results).filteredOn(r -> r instanceof PlaceResult.Placed).hasSize(1);
        assertThat(results).filteredOn(r -> !(r instanceof PlaceResult.Placed)).allMatch(r ->
                r instanceof PlaceResult.AlreadyPlaced
                        || r.equals(new PlaceResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED)));
        assertThat(x.engine.openOrders("alice")).hasSize(1);
        x.assertAuditClean();
    }

    /** Creates the markets after the first (which the exchange has) and returns all of them. */
    private static String[] withMarkets(Exchange x, String... markets) {
        for (int i = 1; i < markets.length; i++) {
            assertThat(x.engine.createAsset(Asset.token(markets[i], markets[i], 0, USD, new BigDecimal("0.01"),
                    BigDecimal.ONE, BigDecimal.ONE, 0, 0))).isInstanceOf(AssetResult.Done.class);
        }
        return markets;
    }

    @Test
    void batchesFromManyThreadsInTwoMarketsSpendTheCashOnce() throws Exception {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "100.00");
        x.engine.createAsset(Asset.token("BOLT", "Bolt", 0, USD, new BigDecimal("0.01"), BigDecimal.ONE,
                BigDecimal.ONE, 0, 0));

        // Each batch asks for 3 x 1.00; the cash covers 100 orders of 1.00 in all.
        List<List<OrderResult>> results = all(i -> x.engine.execute(List.of(
                PlaceOrder.limit("alice", i % 2 == 0 ? ACME : "BOLT", Side.BUY, dec("1.00"), dec("1")),
                PlaceOrder.limit("alice", i % 2 == 0 ? ACME : "BOLT", Side.BUY, dec("1.00"), dec("1")),
                PlaceOrder.limit("alice", i % 2 == 0 ? ACME : "BOLT", Side.BUY, dec("1.00"), dec("1")))));

        long accepted = results.stream().flatMap(List::stream)
                .filter(result -> result instanceof PlaceResult.Placed).count();
        assertThat(accepted).isEqualTo(100);
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("0.00");
        assertThat(x.engine.openOrders("alice")).hasSize(100);
        x.assertAuditClean();
    }

    private static <T> List<T> all(Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int index = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Task<T> {
        T run(int index);
    }
}
