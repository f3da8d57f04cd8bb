package io.tokenized.trading.core.port;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.engine.AmendOrder;
import io.tokenized.trading.core.engine.AmendResult;
import io.tokenized.trading.core.engine.AssetResult;
import io.tokenized.trading.core.engine.AuditReport;
import io.tokenized.trading.core.engine.BookSnapshot;
import io.tokenized.trading.core.engine.CancelResult;
import io.tokenized.trading.core.engine.Order;
import io.tokenized.trading.core.engine.PlaceOco;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.engine.TransferResult;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.market.MarketStatus;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The behaviour every {@link TradingStore} must have, run through the engine and directly through the
 * port. A store module subclasses it with a factory for a fresh, empty store and a way to create users
 * (in PostgreSQL: rows of the auth user table); nothing else changes.
 *
 * <p>Fixture: USD (2 decimals), ACME (0 decimals, tick 0.01, lot 1, maker 10 bps, taker 20 bps), users
 * alice, bob, carol and the fee account "fees", timestamps at whole seconds (a database keeps
 * microseconds).
 */
public abstract class TradingStoreConformance {
    protected static final String USD = "USD";
    protected static final String ACME = "ACME";
    protected static final String FEES = "fees";
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    protected TradingStore store;
    protected TradingEngine engine;

    /** A fresh store with no assets, orders, trades, journal entries or balances. */
    protected abstract TradingStore newStore();

    /** Makes {@code userId} a user of {@code store}. */
    protected abstract void createUser(TradingStore store, String userId);

    @BeforeEach
    void aStoreWithUsdAndTheAcmeMarket() {
        store = newStore();
        for (String user : List.of("alice", "bob", "carol", FEES)) {
            createUser(store, user);
        }
        engine = newEngine();
        assertThat(engine.createAsset(Asset.cash(USD, "US dollar", 2))).isInstanceOf(AssetResult.Done.class);
        assertThat(engine.createAsset(Asset.token(ACME, "Acme share", 0, USD, new BigDecimal("0.01"),
                BigDecimal.ONE, BigDecimal.ONE, 10, 20))).isInstanceOf(AssetResult.Done.class);
    }

    /** Another engine on the same store, as another host process would have. */
    protected TradingEngine newEngine() {
        return TradingEngine.builder().store(store).feeAccount(FEES).clock(CLOCK).build();
    }

    @Test
    void assetsAreStoredAsCreatedAndListedById() {
        assertThat(store.assets()).extracting(Asset::id).containsExactly(ACME, USD);
        assertThat(store.asset(ACME)).contains(Asset.token(ACME, "Acme share", 0, USD, new BigDecimal("0.01"),
                BigDecimal.ONE, BigDecimal.ONE, 10, 20));
        assertThat(store.asset("NOPE")).isEmpty();
        assertThat(store.sequence(ACME)).isZero();
        assertThat(engine.createAsset(Asset.cash(USD, "again", 2)))
                .isEqualTo(new AssetResult.Rejected(RejectReason.ASSET_EXISTS));
    }

    @Test
    void usersExistOnlyWhenCreated() {
        assertThat(store.userExists("alice")).isTrue();
        assertThat(store.userExists("mallory")).isFalse();
    }

    @Test
    void aDepositIsJournaledAndCreditedExactlyOnce() {
        TransferResult first = engine.deposit("alice", USD, new BigDecimal("12.34"), "dep-1");
        TransferResult again = newEngine().deposit("alice", USD, new BigDecimal("12.34"), "dep-1");

        assertThat(again).isEqualTo(first);
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", USD, 1234, 0));
        List<JournalEntry> journal = store.journal("alice", 10);
        assertThat(journal).hasSize(1);
        assertThat(journal.get(0).kind()).isEqualTo(EntryKind.DEPOSIT);
        assertThat(journal.get(0).amountMinor()).isEqualTo(1234);
        assertThat(journal.get(0).idempotencyKey()).isEqualTo("dep-1");
        assertThat(engine.deposit("alice", USD, new BigDecimal("1.00"), "dep-1"))
                .isEqualTo(new TransferResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED));
    }

    @Test
    void journalTotalsAreExactWhenAnAccountsDepositsSumBeyondALong() {
        BigDecimal largest = BigDecimal.valueOf(Long.MAX_VALUE, 2);
        for (int cycle = 1; cycle <= 3; cycle++) {
            assertThat(engine.deposit("alice", USD, largest, "in-" + cycle)).isInstanceOf(TransferResult.Completed.class);
            assertThat(engine.withdraw("alice", USD, largest, "out-" + cycle))
                    .isInstanceOf(TransferResult.Completed.class);
        }
        assertThat(engine.deposit("alice", USD, new BigDecimal("1.00"), "in-last"))
                .isInstanceOf(TransferResult.Completed.class);

        BigInteger threeTimesTheLargest = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(3));
        assertThat(store.journalTotals())
                .filteredOn(total -> total.userId().equals("alice") && total.assetId().equals(USD))
                .extracting(JournalTotal::kind, JournalTotal::amountMinor, JournalTotal::entryCount)
                .containsExactlyInAnyOrder(
                        tuple(EntryKind.DEPOSIT, threeTimesTheLargest.add(BigInteger.valueOf(100)), 4L),
                        tuple(EntryKind.WITHDRAWAL, threeTimesTheLargest.negate(), 3L));
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", USD, 100, 0));
        assertAuditClean(engine);
    }

    @Test
    void aPlacedOrderIsStoredWithItsReservation() {
        fund("alice", USD, "100.00");

        Order order = placed(engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("2.50"),
                new BigDecimal("4")).withClientOrderId("c-1")));

        OrderRecord stored = store.order(order.id()).orElseThrow();
        assertThat(stored).isEqualTo(order.record());
        assertThat(stored.priceTicks()).isEqualTo(250);
        assertThat(stored.quantityLots()).isEqualTo(4);
        assertThat(stored.lockedMinor()).isEqualTo(1002);
        assertThat(stored.lockedAssetId()).isEqualTo(USD);
        assertThat(stored.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(stored.sequence()).isEqualTo(1);
        assertThat(store.orderByClientId("alice", "c-1")).contains(stored);
        assertThat(store.openOrders("alice")).containsExactly(stored);
        assertThat(store.liveOrders(ACME)).containsExactly(stored);
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", USD, 8998, 1002));
        assertThat(store.sequence(ACME)).isEqualTo(1);
    }

    @Test
    void aTradeIsStoredWithBalancedLegsFeesAndFills() {
        fund("alice", USD, "100.00");
        fund("bob", ACME, "10");
        Order sell = placed(engine.placeOrder(PlaceOrder.limit("bob", ACME, Side.SELL, new BigDecimal("5.00"),
                new BigDecimal("10"))));

        Order buy = placed(engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("5.00"),
                new BigDecimal("4"))));

        List<TradeRecord> trades = store.marketTrades(ACME, 10);
        assertThat(trades).hasSize(1);
        TradeRecord trade = trades.get(0);
        assertThat(trade.makerOrderId()).isEqualTo(sell.id());
        assertThat(trade.takerOrderId()).isEqualTo(buy.id());
        assertThat(trade.quoteMinor()).isEqualTo(2000);
        assertThat(trade.makerFeeMinor()).isEqualTo(2);
        assertThat(trade.takerFeeMinor()).isEqualTo(4);
        assertThat(trade.sequence()).isEqualTo(2);
        assertThat(store.userTrades("alice", 10)).containsExactly(trade);
        assertThat(store.userTrades("bob", 10)).containsExactly(trade);
        assertThat(store.tradeLegTotals()).isNotEmpty().allMatch(legs -> legs.amountMinor().signum() == 0);
        assertThat(store.orderFills()).extracting(OrderFill::orderId).containsExactlyInAnyOrder(sell.id(), buy.id());
        assertThat(store.order(sell.id()).orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(store.order(buy.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(store.liveOrders(ACME)).extracting(OrderRecord::id).containsExactly(sell.id());
        assertThat(store.balances(FEES)).containsExactly(new BalanceRecord(FEES, USD, 6, 0));
        assertAuditClean(engine);
    }

    @Test
    void theSequenceAdvancesWithAcceptedCommandsOnly() {
        fund("alice", USD, "100.00");
        Order order = placed(engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("1.00"),
                BigDecimal.ONE)));
        engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("1000.00"), BigDecimal.ONE));
        engine.amendOrder(AmendOrder.moveTo("alice", order.id(), new BigDecimal("1.01")));
        engine.cancelOrder("alice", order.id());

        assertThat(store.sequence(ACME)).isEqualTo(3);
        assertThat(store.order(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", USD, 10000, 0));
    }

    @Test
    void liveOrdersComeInQueueOrderAndAMoveGoesToTheBack() {
        fund("alice", USD, "100.00");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(placed(engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("1.00"),
                    BigDecimal.ONE))).id());
        }
        placed(engine.placeOrder(PlaceOrder.stopLimit("alice", ACME, Side.BUY, new BigDecimal("3.00"),
                new BigDecimal("3.00"), BigDecimal.ONE)));

        engine.amendOrder(AmendOrder.moveTo("alice", ids.get(0), new BigDecimal("1.01")));
        engine.amendOrder(AmendOrder.moveTo("alice", ids.get(0), new BigDecimal("1.00")));

        List<OrderRecord> live = store.liveOrders(ACME);
        assertThat(live).extracting(OrderRecord::id).startsWith(ids.get(1), ids.get(2), ids.get(0));
        assertThat(live.get(3).status()).isEqualTo(OrderStatus.PENDING);
        assertAuditClean(engine);
    }

    @Test
    void aWorkThatThrowsLeavesNothingBehindAndIsToldItWasRolledBack() {
        fund("alice", USD, "10.00");
        AtomicInteger rolledBack = new AtomicInteger();
        MarketWork<Void> failing = new MarketWork<>() {
            @Override
            public Void run(MarketSession session) {
                session.apply(new MarketChanges(ACME, session.sequence() + 1, MarketStatus.HALTED, List.of(),
                        List.of(), List.of(), List.of(new BalanceDelta("alice", USD, -100, 100))));
                throw new IllegalStateException("boom");
            }

            @Override
            public void rolledBack() {
                rolledBack.incrementAndGet();
            }
        };

        assertThatThrownBy(() -> store.inMarket(ACME, failing)).isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");

        assertThat(rolledBack).hasValue(1);
        assertThat(store.sequence(ACME)).isZero();
        assertThat(store.asset(ACME).orElseThrow().status()).isEqualTo(MarketStatus.ACTIVE);
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", USD, 1000, 0));
    }

    @Test
    void anOutcomeThatWouldTakeABalanceBelowZeroFailsAsAWhole() {
        fund("alice", USD, "10.00");
        JournalEntry entry = new JournalEntry(UUID.randomUUID(), "alice", USD, EntryKind.WITHDRAWAL, -2000, null,
                null, "too-much", null, CLOCK.instant());

        assertThatThrownBy(() -> store.inLedger(session -> {
            session.apply(new LedgerChanges(List.of(), List.of(entry),
                    List.of(new BalanceDelta("alice", USD, -2000, 0))));
            return null;
        })).isInstanceOf(TradingException.class);

        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", USD, 1000, 0));
        assertThat(store.journal("alice", 10)).hasSize(1);
    }

    @Test
    void aSessionShowsTheLockedMarketAndBalancesIncludingAbsentRows() {
        fund("alice", USD, "10.00");

        String seen = store.inMarket(ACME, session -> {
            assertThat(session.market().id()).isEqualTo(ACME);
            assertThat(session.quote().id()).isEqualTo(USD);
            assertThat(session.sequence()).isZero();
            assertThat(session.liveOrders()).isEmpty();
            assertThat(session.lastTradePriceTicks()).isZero();
            assertThat(session.balance("alice", USD)).isEqualTo(new BalanceRecord("alice", USD, 1000, 0));
            assertThat(session.balance("bob", ACME)).isEqualTo(new BalanceRecord("bob", ACME, 0, 0));
            assertThat(session.userExists("bob")).isTrue();
            assertThat(session.userExists("mallory")).isFalse();
            assertThat(session.orderByClientId("alice", "none")).isNull();
            return "ok";
        });

        assertThat(seen).isEqualTo("ok");
    }

    @Test
    void aFundsCheckAnswersWhetherTheAvailableBalanceCoversTheAmount() {
        fund("alice", USD, "10.00");

        List<Boolean> answers = store.inMarket(ACME, session -> List.of(
                session.hasAvailable("alice", USD, 1000), session.hasAvailable("alice", USD, 1001),
                session.hasAvailable("bob", ACME, 0), session.hasAvailable("bob", ACME, 1)));

        assertThat(answers).containsExactly(true, false, true, false);
    }

    @Test
    void theLastTradePriceIsThatOfTheLatestTrade() {
        fund("alice", USD, "100.00");
        fund("bob", ACME, "10");
        engine.placeOrder(PlaceOrder.limit("bob", ACME, Side.SELL, new BigDecimal("2.00"), BigDecimal.ONE));
        engine.placeOrder(PlaceOrder.limit("bob", ACME, Side.SELL, new BigDecimal("3.00"), BigDecimal.ONE));
        engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("3.00"), new BigDecimal("2")));

        long last = store.inMarket(ACME, MarketSession::lastTradePriceTicks);

        assertThat(last).isEqualTo(300);
    }

    @Test
    void aSecondEngineRebuildsItsBookFromTheStoreAndTradesAgainstTheFirst() {
        fund("alice", USD, "100.00");
        fund("bob", ACME, "10");
        TradingEngine other = newEngine();
        placed(engine.placeOrder(PlaceOrder.limit("bob", ACME, Side.SELL, new BigDecimal("5.00"), new BigDecimal("3"))));
        placed(other.placeOrder(PlaceOrder.stopLimit("alice", ACME, Side.BUY, new BigDecimal("6.00"),
                new BigDecimal("6.00"), BigDecimal.ONE)));

        Order buy = placed(other.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("5.00"),
                BigDecimal.ONE)));
        Order second = placed(engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("5.00"),
                BigDecimal.ONE)));

        assertThat(buy.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(second.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(engine.depth(ACME, 5).asks()).containsExactly(
                new BookSnapshot.Level(new BigDecimal("5.00"), BigDecimal.ONE, 1));
        assertAuditClean(engine);
        assertAuditClean(other);
    }

    @Test
    void theSameClientOrderIdFromTwoEnginesMakesOneOrder() {
        fund("alice", USD, "100.00");
        PlaceOrder request = PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("1.00"), BigDecimal.ONE)
                .withClientOrderId("once");

        PlaceResult first = newEngine().placeOrder(request);
        PlaceResult second = engine.placeOrder(request);

        assertThat(first).isInstanceOf(PlaceResult.Placed.class);
        assertThat(second).isInstanceOf(PlaceResult.AlreadyPlaced.class);
        assertThat(store.openOrders("alice")).hasSize(1);
    }

    @Test
    void aPlacementRetriedAfterItsOrderWasReducedReturnsTheOrderAsItIsNowFromEveryEngine() {
        fund("alice", USD, "100.00");
        fund("bob", ACME, "1");
        placed(engine.placeOrder(PlaceOrder.limit("bob", ACME, Side.SELL, new BigDecimal("2.00"), BigDecimal.ONE)));
        PlaceOrder request = PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("2.00"), new BigDecimal("5"))
                .withClientOrderId("retried");
        Order placed = placed(engine.placeOrder(request));
        TradingEngine other = newEngine();
        Order reducedHere = amended(engine.amendOrder(AmendOrder.reduceTo("alice", placed.id(), new BigDecimal("3"))));

        PlaceResult retriedHere = engine.placeOrder(request);
        PlaceResult retriedOnTheOther = other.placeOrder(request);

        assertThat(retriedHere).isEqualTo(new PlaceResult.AlreadyPlaced(reducedHere));
        assertThat(retriedOnTheOther).isEqualTo(new PlaceResult.AlreadyPlaced(reducedHere));
        OrderRecord stored = store.order(placed.id()).orElseThrow();
        assertThat(stored).isEqualTo(reducedHere.record());
        assertThat(stored.filledLots()).isEqualTo(1);
        assertThat(stored.quantityLots()).isEqualTo(4);
        assertThat(stored.requestedLots()).isEqualTo(5);
        assertThat(store.orderByClientId("alice", "retried")).contains(stored);
        assertThat(store.liveOrders(ACME)).containsExactly(stored);

        // The other engine rebuilt its book from the store: the requested quantity survives that too.
        Order reducedThere = amended(other.amendOrder(AmendOrder.reduceTo("alice", placed.id(), BigDecimal.ONE)));

        assertThat(engine.placeOrder(request)).isEqualTo(new PlaceResult.AlreadyPlaced(reducedThere));
        assertThat(reducedThere.quantity()).isEqualByComparingTo("2");
        assertThat(reducedThere.requestedQuantity()).isEqualByComparingTo("5");
        assertThat(engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("2.00"),
                new BigDecimal("2")).withClientOrderId("retried")))
                .isEqualTo(new PlaceResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED));
        assertThat(store.openOrders("alice")).hasSize(1);
        assertThat(store.sequence(ACME)).isEqualTo(4);
        assertAuditClean(engine);
        assertAuditClean(other);
    }

    @Test
    void aPlacementRetriedAfterItsOrderWasMovedReturnsTheOrderAsItIsNowFromEveryEngine() {
        fund("alice", USD, "100.00");
        PlaceOrder limit = PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("2.00"), new BigDecimal("5"))
                .withClientOrderId("moved-limit");
        PlaceOrder stop = PlaceOrder.stopLimit("alice", ACME, Side.BUY, new BigDecimal("3.00"), new BigDecimal("3.50"),
                new BigDecimal("2")).withClientOrderId("moved-stop");
        Order placedLimit = placed(engine.placeOrder(limit));
        Order placedStop = placed(engine.placeOrder(stop));
        TradingEngine other = newEngine();
        Order movedLimit = amended(engine.amendOrder(AmendOrder.moveTo("alice", placedLimit.id(),
                new BigDecimal("2.10"))));
        Order movedStop = amended(engine.amendOrder(AmendOrder.moveTo("alice", placedStop.id(),
                new BigDecimal("3.20"))));

        PlaceResult limitRetriedHere = engine.placeOrder(limit);
        PlaceResult stopRetriedHere = engine.placeOrder(stop);
        PlaceResult limitRetriedOnTheOther = other.placeOrder(limit);
        PlaceResult stopRetriedOnTheOther = other.placeOrder(stop);

        assertThat(limitRetriedHere).isEqualTo(new PlaceResult.AlreadyPlaced(movedLimit));
        assertThat(stopRetriedHere).isEqualTo(new PlaceResult.AlreadyPlaced(movedStop));
        assertThat(limitRetriedOnTheOther).isEqualTo(new PlaceResult.AlreadyPlaced(movedLimit));
        assertThat(stopRetriedOnTheOther).isEqualTo(new PlaceResult.AlreadyPlaced(movedStop));
        OrderRecord storedLimit = store.order(placedLimit.id()).orElseThrow();
        assertThat(storedLimit).isEqualTo(movedLimit.record());
        assertThat(storedLimit.priceTicks()).isEqualTo(210);
        assertThat(storedLimit.requestedPriceTicks()).isEqualTo(200);
        assertThat(storedLimit.requestedStopPriceTicks()).isZero();
        OrderRecord storedStop = store.order(placedStop.id()).orElseThrow();
        assertThat(storedStop).isEqualTo(movedStop.record());
        assertThat(storedStop.stopPriceTicks()).isEqualTo(320);
        assertThat(storedStop.requestedStopPriceTicks()).isEqualTo(300);
        assertThat(storedStop.requestedPriceTicks()).isEqualTo(350);
        assertThat(store.orderByClientId("alice", "moved-stop")).contains(storedStop);
        assertThat(store.liveOrders(ACME)).containsExactlyInAnyOrder(storedLimit, storedStop);

        // The other engine rebuilt its book from the store: the requested prices survive that too.
        Order movedThereLimit = amended(other.amendOrder(AmendOrder.moveTo("alice", placedLimit.id(),
                new BigDecimal("2.20"))));
        Order movedThereStop = amended(other.amendOrder(AmendOrder.moveTo("alice", placedStop.id(),
                new BigDecimal("3.30"))));

        assertThat(engine.placeOrder(limit)).isEqualTo(new PlaceResult.AlreadyPlaced(movedThereLimit));
        assertThat(engine.placeOrder(stop)).isEqualTo(new PlaceResult.AlreadyPlaced(movedThereStop));
        assertThat(movedThereLimit.price()).isEqualByComparingTo("2.20");
        assertThat(movedThereLimit.requestedPrice()).isEqualByComparingTo("2.00");
        assertThat(movedThereStop.stopPrice()).isEqualByComparingTo("3.30");
        assertThat(movedThereStop.requestedStopPrice()).isEqualByComparingTo("3.00");
        assertThat(engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("2.20"),
                new BigDecimal("5")).withClientOrderId("moved-limit")))
                .isEqualTo(new PlaceResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED));
        assertThat(store.openOrders("alice")).hasSize(2);
        assertAuditClean(engine);
        assertAuditClean(other);
    }

    @Test
    void ofManySimultaneousOrdersEachNeedingTheWholeBalanceOnlyOneIsAccepted() throws Exception {
        fund("alice", USD, "10.00");
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PlaceResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                TradingEngine caller = i % 2 == 0 ? engine : newEngine();
                futures.add(pool.submit(() -> {
                    start.await();
                    return caller.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("1.00"),
                            new BigDecimal("9")));
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<PlaceResult> future : futures) {
                PlaceResult result = future.get(60, TimeUnit.SECONDS);
                if (result.isAccepted()) {
                    accepted++;
                } else {
                    assertThat(result).isEqualTo(new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
                }
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertAuditClean(engine);
    }

    @Test
    void marketStatusChangesArePersisted() {
        fund("bob", ACME, "5");
        Order sell = placed(engine.placeOrder(PlaceOrder.limit("bob", ACME, Side.SELL, new BigDecimal("5.00"),
                new BigDecimal("5"))));

        engine.haltMarket(ACME);
        assertThat(store.asset(ACME).orElseThrow().status()).isEqualTo(MarketStatus.HALTED);
        assertThat(newEngine().placeOrder(PlaceOrder.limit("bob", ACME, Side.SELL, new BigDecimal("5.00"),
                BigDecimal.ONE))).isEqualTo(new PlaceResult.Rejected(RejectReason.MARKET_HALTED));
        engine.delistMarket(ACME);

        assertThat(store.asset(ACME).orElseThrow().status()).isEqualTo(MarketStatus.DELISTED);
        assertThat(store.order(sell.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(store.balances("bob")).containsExactly(new BalanceRecord("bob", ACME, 5, 0));
        assertAuditClean(engine);
    }

    @Test
    void snapshotsAreSavedOncePerSequenceAndTheLatestIsReturned() {
        fund("alice", USD, "100.00");
        engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("1.00"), new BigDecimal("2")));
        engine.snapshot(ACME);
        engine.snapshot(ACME);
        engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("1.10"), BigDecimal.ONE));

        engine.snapshot(ACME);

        DepthSnapshot latest = store.latestSnapshot(ACME).orElseThrow();
        assertThat(latest.sequence()).isEqualTo(2);
        assertThat(latest.bids()).containsExactly(new DepthSnapshot.Level(110, 1, 1), new DepthSnapshot.Level(100, 2, 1));
        assertThat(latest.asks()).isEmpty();
    }

    @Test
    void everyInvariantHoldsAfterAMixedSession() {
        fund("alice", USD, "1000.00");
        fund("bob", ACME, "100");
        fund("carol", USD, "1000.00");
        fund("carol", ACME, "100");
        engine.placeOrder(PlaceOrder.limit("bob", ACME, Side.SELL, new BigDecimal("10.00"), new BigDecimal("20")));
        engine.placeOrder(PlaceOrder.stopMarketBuyWithBudget("alice", ACME, new BigDecimal("10.00"),
                new BigDecimal("50.00")));
        engine.placeOco(PlaceOco.of("carol", ACME, Side.SELL, new BigDecimal("5"), new BigDecimal("12.00"),
                new BigDecimal("9.00"), null));
        Order bid = placed(engine.placeOrder(PlaceOrder.limit("carol", ACME, Side.BUY, new BigDecimal("9.50"),
                new BigDecimal("10")).withSelfTradePrevention(SelfTradePrevention.CANCEL_BOTH)));
        engine.placeOrder(PlaceOrder.marketBuyWithBudget("alice", ACME, new BigDecimal("35.00")));
        engine.placeOrder(PlaceOrder.market("bob", ACME, Side.SELL, new BigDecimal("3"))
                .withTimeInForce(TimeInForce.FOK));
        assertThat(engine.amendOrder(AmendOrder.reduceTo("carol", bid.id(), new BigDecimal("2"))))
                .isInstanceOf(AmendResult.Amended.class);
        assertThat(engine.cancelOrder("carol", bid.id())).isInstanceOf(CancelResult.class);
        engine.withdraw("alice", USD, new BigDecimal("100.00"), "w-1");

        assertThat(store.marketTrades(ACME, 100)).isNotEmpty();
        assertThat(store.order(bid.id()).orElseThrow().type()).isEqualTo(OrderType.LIMIT);
        assertAuditClean(engine);
        assertAuditClean(newEngine());
    }

    protected void fund(String user, String asset, String amount) {
        assertThat(engine.deposit(user, asset, new BigDecimal(amount), "fund-" + UUID.randomUUID()))
                .isInstanceOf(TransferResult.Completed.class);
    }

    protected static Order placed(PlaceResult result) {
        assertThat(result).isInstanceOf(PlaceResult.Placed.class);
        return ((PlaceResult.Placed) result).order();
    }

    protected static Order amended(AmendResult result) {
        assertThat(result).isInstanceOf(AmendResult.Amended.class);
        return ((AmendResult.Amended) result).order();
    }

    protected static void assertAuditClean(TradingEngine auditor) {
        AuditReport report = auditor.audit();
        assertThat(report.isClean()).as(report.toString()).isTrue();
    }
}
