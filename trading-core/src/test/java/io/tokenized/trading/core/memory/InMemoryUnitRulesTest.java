package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.BalanceDelta;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.LedgerChanges;
import io.tokenized.trading.core.port.MarketChanges;
import io.tokenized.trading.core.port.MarketSession;
import io.tokenized.trading.core.port.MarketWork;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outcomes the in-memory store must refuse as a whole, before it applies any part of them. */
class InMemoryUnitRulesTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private final InMemoryTradingStore store = new InMemoryTradingStore();

    @BeforeEach
    void usdAcmeAndAFundedAlice() {
        store.registerUser("alice");
        store.registerUser("bob");
        ledger(new LedgerChanges(List.of(Asset.cash("USD", "US dollar", 2), Asset.token("ACME", "Acme", 0, "USD",
                new BigDecimal("0.01"), BigDecimal.ONE, BigDecimal.ONE, 0, 0)), List.of(), List.of()));
        ledger(new LedgerChanges(List.of(), List.of(new JournalEntry(new UUID(9, 1), "alice", "USD",
                EntryKind.DEPOSIT, 1_000, null, null, "dep-1", null, AT)),
                List.of(new BalanceDelta("alice", "USD", 1_000, 0))));
    }

    @Test
    void tradesWhoseSumsPerOrderWouldPassALongFailTheUnitBeforeAnythingIsApplied() {
        OrderRecord maker = order(1, "bob", "m-1", 5, 100, 100);
        OrderRecord taker = order(2, "alice", "t-1", 5, 100, 100);
        market(new MarketChanges("ACME", 1, null, List.of(maker, taker),
                List.of(trade(1, Long.MAX_VALUE, maker, taker)), List.of(), List.of()));
        List<BalanceRecord> balances = store.allBalances();
        List<JournalEntry> journal = store.journal("alice", 10);
        List<TradeRecord> trades = store.marketTrades("ACME", 10);

        OrderRecord fresh = order(3, "alice", "n-1", 5, 100, 100);
        MarketChanges overflowing = new MarketChanges("ACME", 2, null, List.of(fresh),
                List.of(trade(2, 1, maker, fresh)),
                List.of(new JournalEntry(new UUID(9, 2), "alice", "USD", EntryKind.TRADE, -5, new UUID(7, 2),
                        fresh.id(), null, null, AT)),
                List.of(new BalanceDelta("alice", "USD", -5, 0)));
        assertThatThrownBy(() -> market(overflowing)).isInstanceOf(TradingException.class)
                .hasMessageContaining("beyond a long");

        OrderRecord seenByTheNextUnit = store.inMarket("ACME", session -> session.orderByClientId("alice", "n-1"));
        assertThat(seenByTheNextUnit).isNull();
        assertThat(store.order(fresh.id())).isEmpty();
        assertThat(store.allBalances()).containsExactlyInAnyOrderElementsOf(balances);
        assertThat(store.journal("alice", 10)).isEqualTo(journal);
        assertThat(store.marketTrades("ACME", 10)).isEqualTo(trades);
        assertThat(store.sequence("ACME")).isEqualTo(1);
    }

    @Test
    void anOrderRecordThatChangesTheTermsAsPlacedFailsTheUnit() {
        OrderRecord placed = order(1, "alice", "c-1", 5, 100, 100);
        market(new MarketChanges("ACME", 1, null, List.of(placed), List.of(), List.of(), List.of()));

        for (OrderRecord changed : List.of(order(1, "alice", "c-1", 0, 100, 100), order(1, "alice", "c-1", 5, 150,
                150), copyWithTimeInForce(placed, TimeInForce.IOC), copyWithLockedAsset(placed, "ACME"))) {
            assertThatThrownBy(() -> market(new MarketChanges("ACME", 2, null, List.of(changed), List.of(),
                    List.of(), List.of()))).isInstanceOf(TradingException.class).hasMessageContaining("what it is");
        }

        assertThat(store.order(placed.id())).contains(placed);
        assertThat(store.liveOrders("ACME")).containsExactly(placed);
        assertThat(store.sequence("ACME")).isEqualTo(1);
    }

    @Test
    void aUnitCannotRunInsideAnotherUnitOfTheSameStore() {
        OrderRecord placed = order(1, "alice", "c-1", 5, 100, 100);

        assertThatThrownBy(() -> store.inMarket("ACME", session -> {
            session.apply(new MarketChanges("ACME", 1, null, List.of(placed), List.of(), List.of(), List.of()));
            return store.inLedger(ledger -> ledger.userExists("alice"));
        })).isInstanceOf(TradingException.class).hasMessageContaining("inside another unit");

        assertThat(store.order(placed.id())).isEmpty();
        assertThat(store.sequence("ACME")).isZero();
        long sequenceSeenByTheNextUnit = store.inMarket("ACME", session -> session.sequence());
        assertThat(sequenceSeenByTheNextUnit).isZero();
    }

    @Test
    void readsMayRunInsideAUnit() {
        OrderRecord placed = order(1, "alice", "c-1", 5, 100, 100);
        market(new MarketChanges("ACME", 1, null, List.of(placed), List.of(), List.of(), List.of()));

        List<Object> seen = store.inMarket("ACME", session -> List.of(store.liveOrders("ACME"),
                store.marketTrades("ACME", 5), store.sequence("ACME"), store.latestSnapshot("ACME"),
                store.order(placed.id())));

        assertThat(seen).containsExactly(List.of(placed), List.of(), 1L, Optional.empty(),
                Optional.of(placed));
    }

    @Test
    void anOutcomeThatAnotherUnitInvalidatedMeanwhileIsRolledBackAndDecidedAgainOnWhatIsThereNow() {
        aSecondMarketBolt();
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger rollbacks = new AtomicInteger();
        OrderRecord buy = order(1, "alice", "c-1", 6, 100, 100);

        String outcome = store.inMarket("ACME", new MarketWork<>() {
            @Override
            public String run(MarketSession session) {
                long available = session.balance("alice", "USD").availableMinor();
                if (runs.incrementAndGet() == 1) {
                    // Another market's unit takes the cash between this work's read and its commit.
                    boltReservesAlicesCash(1_000);
                }
                if (available < 600) {
                    return "insufficient: " + available;
                }
                session.apply(new MarketChanges("ACME", 1, null, List.of(buy), List.of(), List.of(),
                        List.of(new BalanceDelta("alice", "USD", -600, 600))));
                return "placed";
            }

            @Override
            public void rolledBack() {
                rollbacks.incrementAndGet();
            }
        });

        assertThat(outcome).isEqualTo("insufficient: 0");
        assertThat(runs).hasValue(2);
        assertThat(rollbacks).hasValue(1);
        assertThat(store.order(buy.id())).isEmpty();
        assertThat(store.sequence("ACME")).isZero();
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", "USD", 0, 1_000));
    }

    @Test
    void aFundsCheckThatAnotherMarketsCommitLeavesTrueHoldsAndTheWorkRunsOnce() {
        aSecondMarketBolt();
        AtomicInteger runs = new AtomicInteger();
        OrderRecord buy = order(1, "alice", "c-1", 6, 100, 100);

        // Takes 400 of the 1,000: the 600 the work checked are still there.
        assertThat(placeIfCovered(buy, 600, 400, runs)).isEqualTo("placed");

        assertThat(runs).hasValue(1);
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", "USD", 0, 1_000));
    }

    @Test
    void aFundsCheckThatAnotherMarketsCommitTurnsFalseRunsTheWorkAgain() {
        aSecondMarketBolt();
        AtomicInteger runs = new AtomicInteger();
        OrderRecord buy = order(1, "alice", "c-1", 6, 100, 100);

        assertThat(placeIfCovered(buy, 600, 401, runs)).isEqualTo("insufficient");

        assertThat(runs).hasValue(2);
        assertThat(store.order(buy.id())).isEmpty();
    }

    /**
     * A unit of ACME that places {@code buy} if alice's available cash covers {@code amount}; during its
     * first run, a unit of BOLT reserves {@code takenMeanwhile} of that cash.
     */
    private String placeIfCovered(OrderRecord buy, long amount, long takenMeanwhile, AtomicInteger runs) {
        return store.inMarket("ACME", session -> {
            boolean covered = session.hasAvailable("alice", "USD", amount);
            if (runs.incrementAndGet() == 1) {
                boltReservesAlicesCash(takenMeanwhile);
            }
            if (!covered) {
                return "insufficient";
            }
            session.apply(new MarketChanges("ACME", 1, null, List.of(buy), List.of(), List.of(),
                    List.of(new BalanceDelta("alice", "USD", -amount, amount))));
            return "placed";
        });
    }

    @Test
    void aRefusalOnALoneFundsCheckThatAnotherMarketsCommitTurnsTrueIsDecidedAgain() {
        aSecondMarketBolt();
        boltReservesAlicesCash(1_000);
        AtomicInteger runs = new AtomicInteger();

        String outcome = store.inMarket("ACME", session -> {
            // Made without the store-wide lock, so checked before the answer stands, even alone.
            boolean covered = session.hasAvailable("alice", "USD", 600);
            if (runs.incrementAndGet() == 1) {
                // BOLT gives the 1,000 back: a refusal decided on the old balance would be stale.
                runOnAnotherThread(() -> market(new MarketChanges("BOLT", 2, null, List.of(), List.of(),
                        List.of(), List.of(new BalanceDelta("alice", "USD", 1_000, -1_000)))));
            }
            return covered ? "would place" : "insufficient";
        });

        assertThat(outcome).isEqualTo("would place");
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRunWhoseReadsChangedRunsAgainWhileOtherMarketsGoOnCommitting() {
        aSecondMarketBolt();
        AtomicInteger runs = new AtomicInteger();
        OrderRecord buy = order(1, "alice", "c-1", 6, 100, 100);

        String outcome = store.inMarket("ACME", session -> {
            long available = session.balance("alice", "USD").availableMinor();
            int run = runs.incrementAndGet();
            if (run == 1) {
                boltReservesAlicesCash(500);
            } else if (run == 2) {
                // Run again as the engine does after a rollback, rebuilding its book: another market's
                // unit commits meanwhile, which it could not while this run held the store-wide lock.
                runOnAnotherThread(() -> market(new MarketChanges("BOLT", 2, null, List.of(), List.of(),
                        List.of(), List.of())));
            }
            if (available < 600) {
                return "insufficient: " + available;
            }
            session.apply(new MarketChanges("ACME", 1, null, List.of(buy), List.of(), List.of(),
                    List.of(new BalanceDelta("alice", "USD", -600, 600))));
            return "placed";
        });

        assertThat(outcome).isEqualTo("insufficient: 500");
        assertThat(runs).hasValue(2);
        assertThat(store.sequence("BOLT")).isEqualTo(2);
    }

    @Test
    void aRunWhoseReadsChangeTwiceRunsLastWithEveryOtherCommitWaiting() {
        aSecondMarketBolt();
        AtomicInteger runs = new AtomicInteger();
        OrderRecord buy = order(1, "alice", "c-1", 1, 100, 100);

        String outcome = store.inMarket("ACME", session -> {
            long available = session.balance("alice", "USD").availableMinor();
            if (runs.incrementAndGet() <= 2) {
                boltReservesAlicesCash(100);
            }
            if (available < 100) {
                return "insufficient: " + available;
            }
            session.apply(new MarketChanges("ACME", 1, null, List.of(buy), List.of(), List.of(),
                    List.of(new BalanceDelta("alice", "USD", -100, 100))));
            return "placed";
        });

        assertThat(outcome).isEqualTo("placed");
        assertThat(runs).hasValue(3);
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", "USD", 700, 300));
    }

    @Test
    void anOutcomeThatGivesPartOfItsReservationBackIsDecidedAgainWhenTheCashItCheckedWasTakenMeanwhile() {
        aSecondMarketBolt();
        AtomicInteger runs = new AtomicInteger();
        OrderRecord buy = order(1, "alice", "c-1", 1, 100, 100);

        String outcome = store.inMarket("ACME", session -> {
            long available = session.balance("alice", "USD").availableMinor();
            if (runs.incrementAndGet() == 1) {
                // Another market reserves 950 of the 1,000 after this work saw all of it.
                boltReservesAlicesCash(950);
            }
            if (available < 1_000) {
                return "insufficient: " + available;
            }
            // Reserves the 1,000 it checked and gives 960 back at once (a fill below the limit): a net
            // change of 40, which the 50 left would cover, though the check no longer holds.
            session.apply(new MarketChanges("ACME", 1, null, List.of(buy), List.of(), List.of(),
                    List.of(new BalanceDelta("alice", "USD", -40, 40))));
            return "placed";
        });

        assertThat(outcome).isEqualTo("insufficient: 50");
        assertThat(runs).hasValue(2);
        assertThat(store.order(buy.id())).isEmpty();
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", "USD", 50, 950));
    }

    @Test
    void anAnswerFromSeveralReadsThatAnotherUnitChangedMeanwhileIsDecidedAgain() {
        aSecondMarketBolt();
        AtomicInteger runs = new AtomicInteger();
        OrderRecord placedElsewhere = boltOrder(order(7, "alice", "once", 10, 100, 100));

        String answer = store.inMarket("ACME", session -> {
            OrderRecord existing = session.orderByClientId("alice", "once");
            if (existing != null) {
                return "already placed in " + existing.assetId();
            }
            if (runs.incrementAndGet() == 1) {
                // Between the two reads, another market places "once" and reserves all the cash.
                runOnAnotherThread(() -> store.inMarket("BOLT", bolt -> {
                    bolt.apply(new MarketChanges("BOLT", 1, null, List.of(placedElsewhere), List.of(),
                            List.of(), List.of(new BalanceDelta("alice", "USD", -1_000, 1_000))));
                    return null;
                }));
            }
            // Alone, each read held when it was made; together they describe no moment at all.
            return session.balance("alice", "USD").availableMinor() < 1_000 ? "insufficient" : "placed";
        });

        assertThat(answer).isEqualTo("already placed in BOLT");
        assertThat(runs).hasValue(1);
    }

    @Test
    void anOutcomeThatCannotBeAppliedFailsAfterItsSecondRunAndLeavesNothing() {
        AtomicInteger rollbacks = new AtomicInteger();
        MarketWork<Void> overdraft = new MarketWork<>() {
            @Override
            public Void run(MarketSession session) {
                session.apply(new MarketChanges("ACME", 1, null, List.of(), List.of(), List.of(),
                        List.of(new BalanceDelta("alice", "USD", -1_001, 0))));
                return null;
            }

            @Override
            public void rolledBack() {
                rollbacks.incrementAndGet();
            }
        };

        assertThatThrownBy(() -> store.inMarket("ACME", overdraft)).isInstanceOf(TradingException.class)
                .hasMessageContaining("below zero");
        assertThat(rollbacks).hasValue(2);
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", "USD", 1_000, 0));
        assertThat(store.sequence("ACME")).isZero();
    }

    @Test
    void aUnitOfOneMarketDoesNotWaitForAUnitOfAnotherMarketToEnd() throws Exception {
        aSecondMarketBolt();
        CountDownLatch acmeStarted = new CountDownLatch(1);
        CountDownLatch boltDone = new CountDownLatch(1);
        ExecutorService acme = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> acmeSawBolt = acme.submit(() -> store.inMarket("ACME", session -> {
                acmeStarted.countDown();
                try {
                    return boltDone.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(acmeStarted.await(30, TimeUnit.SECONDS)).isTrue();

            long boltSequence = store.inMarket("BOLT", session -> {
                session.apply(new MarketChanges("BOLT", 1, null, List.of(), List.of(), List.of(), List.of()));
                return session.sequence();
            });
            boltDone.countDown();

            assertThat(boltSequence).isZero();
            assertThat(store.sequence("BOLT")).isEqualTo(1);
            assertThat(acmeSawBolt.get(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            acme.shutdownNow();
        }
    }

    private void aSecondMarketBolt() {
        ledger(new LedgerChanges(List.of(Asset.token("BOLT", "Bolt", 0, "USD", new BigDecimal("0.01"),
                BigDecimal.ONE, BigDecimal.ONE, 0, 0)), List.of(), List.of()));
    }

    /** A unit of BOLT, on another thread, that reserves some of alice's cash while the caller's unit runs. */
    private void boltReservesAlicesCash(long minor) {
        runOnAnotherThread(() -> store.inMarket("BOLT", bolt -> {
            bolt.apply(new MarketChanges("BOLT", 1, null, List.of(), List.of(), List.of(),
                    List.of(new BalanceDelta("alice", "USD", -minor, minor))));
            return null;
        }));
    }

    private static void runOnAnotherThread(Runnable task) {
        Thread thread = new Thread(task);
        thread.start();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the other unit did not finish");
        }
    }

    private void market(MarketChanges changes) {
        store.inMarket(changes.assetId(), session -> {
            session.apply(changes);
            return null;
        });
    }

    private void ledger(LedgerChanges changes) {
        store.inLedger(session -> {
            session.apply(changes);
            return null;
        });
    }

    /** An open limit buy; a quantity of 0 makes it a buy sized by a budget of 500. */
    private static OrderRecord order(int n, String user, String clientOrderId, long quantity, long price,
                                     long requestedPrice) {
        return new OrderRecord(new UUID(1, n), user, "ACME", n, clientOrderId, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, false, SelfTradePrevention.CANCEL_TAKER, price, 0, quantity, quantity,
                requestedPrice, 0, quantity == 0 ? 500 : 0, 0, 0, 0, "USD", OrderStatus.OPEN, null, null, 1, n, AT,
                AT);
    }

    private static OrderRecord copyWithTimeInForce(OrderRecord o, TimeInForce timeInForce) {
        return copy(o, o.assetId(), timeInForce, o.lockedAssetId());
    }

    private static OrderRecord copyWithLockedAsset(OrderRecord o, String lockedAssetId) {
        return copy(o, o.assetId(), o.timeInForce(), lockedAssetId);
    }

    private static OrderRecord boltOrder(OrderRecord o) {
        return copy(o, "BOLT", o.timeInForce(), o.lockedAssetId());
    }

    private static OrderRecord copy(OrderRecord o, String assetId, TimeInForce timeInForce, String lockedAssetId) {
        return new OrderRecord(o.id(), o.userId(), assetId, o.bookId(), o.clientOrderId(), o.side(), o.type(),
                timeInForce, o.postOnly(), o.selfTradePrevention(), o.priceTicks(), o.stopPriceTicks(),
                o.quantityLots(), o.requestedLots(), o.requestedPriceTicks(), o.requestedStopPriceTicks(),
                o.quoteBudgetMinor(), o.filledLots(), o.filledQuoteMinor(), o.lockedMinor(), lockedAssetId,
                o.status(), o.cancelReason(), o.ocoSiblingId(), o.sequence(), o.priority(), o.createdAt(),
                o.updatedAt());
    }

    private static TradeRecord trade(int n, long lots, OrderRecord maker, OrderRecord taker) {
        return new TradeRecord(new UUID(7, n), "ACME", n, 100, lots, 1, maker.id(), taker.id(), maker.userId(),
                taker.userId(), Side.BUY, 0, 0, AT);
    }
}
