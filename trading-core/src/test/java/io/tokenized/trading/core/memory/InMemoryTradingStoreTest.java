package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.BalanceDelta;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.JournalTotal;
import io.tokenized.trading.core.port.LedgerChanges;
import io.tokenized.trading.core.port.MarketChanges;
import io.tokenized.trading.core.port.OrderFill;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeLegTotal;
import io.tokenized.trading.core.port.TradeRecord;
import io.tokenized.trading.core.port.TradingStore;
import io.tokenized.trading.core.port.TradingStoreConformance;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The in-memory store against the store conformance suite, and what only this store promises. */
class InMemoryTradingStoreTest extends TradingStoreConformance {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00.000000123Z");

    @Override
    protected TradingStore newStore() {
        return new InMemoryTradingStore();
    }

    @Override
    protected void createUser(TradingStore store, String userId) {
        ((InMemoryTradingStore) store).registerUser(userId);
    }

    @Test
    void aHundredThousandOrdersAreEachReadBackByIdAndClientOrderId() {
        List<OrderRecord> placed = new ArrayList<>();
        for (int n = 0; n < 100_000; n++) {
            OrderRecord order = anOrder(n, n % 3 == 0 ? OrderStatus.FILLED : OrderStatus.OPEN);
            placed.add(order);
            commit(n + 1, List.of(order), List.of());
        }

        for (OrderRecord order : placed) {
            assertThat(store.order(order.id())).contains(order);
            assertThat(store.orderByClientId(order.userId(), order.clientOrderId())).contains(order);
        }
        List<OrderRecord> live = store.liveOrders(ACME);
        assertThat(live).hasSize(66_666).allMatch(OrderRecord::isLive);
        assertThat(live).extracting(OrderRecord::priority).isSorted();
        assertThat(store.openOrders("bob")).hasSize(33_333).extracting(OrderRecord::createdAt).isSorted();
    }

    @Test
    void anOrderLeavesTheLiveOrdersWhenItEndsAndOnlyThen() {
        OrderRecord open = anOrder(1, OrderStatus.OPEN);
        commit(1, List.of(open, anOrder(2, OrderStatus.OPEN)), List.of());

        commit(2, List.of(with(open, OrderStatus.PARTIALLY_FILLED)), List.of());
        assertThat(store.liveOrders(ACME)).hasSize(2);
        commit(3, List.of(with(open, OrderStatus.CANCELLED)), List.of());

        assertThat(store.liveOrders(ACME)).extracting(OrderRecord::id).containsExactly(anOrder(2, OrderStatus.OPEN).id());
        assertThat(store.order(open.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        List<OrderRecord> seenBySession = store.inMarket(ACME, session -> session.liveOrders());
        assertThat(seenBySession).hasSize(1);
    }

    @Test
    void anOutcomeThatBreaksAnyRuleLeavesNothingBehind() {
        fund("alice", USD, "100.00");
        OrderRecord first = anOrder(1, OrderStatus.OPEN);
        commit(1, List.of(first), List.of());
        List<BalanceRecord> balances = store.allBalances();
        List<JournalTotal> totals = store.journalTotals();
        BalanceDelta spend = new BalanceDelta("alice", USD, -100, 100);
        OrderRecord fresh = anOrder(2, OrderStatus.OPEN);

        List<MarketChanges> broken = List.of(
                // a client order id another order holds
                changes(2, List.of(fresh, withClientOrderId(anOrder(5, OrderStatus.OPEN), fresh.clientOrderId())),
                        spend),
                changes(2, List.of(fresh, withClientOrderId(anOrder(4, OrderStatus.OPEN), first.clientOrderId())),
                        spend),
                // one order twice, an order that changes what it is, an order of another market
                changes(2, List.of(fresh, fresh), spend),
                changes(2, List.of(fresh, withBookId(first, 999)), spend),
                changes(2, List.of(fresh, withAsset(anOrder(4, OrderStatus.OPEN), "USD")), spend),
                // a sequence going back, a balance below zero or for someone unknown
                changes(0, List.of(fresh), spend),
                changes(2, List.of(fresh), new BalanceDelta("alice", USD, -10_001, 0)),
                changes(2, List.of(fresh), new BalanceDelta("mallory", USD, 1, 0)),
                changes(2, List.of(fresh), new BalanceDelta("alice", "NOPE", 1, 0)),
                changes(2, List.of(fresh), new BalanceDelta("alice", USD, Long.MAX_VALUE, 0)));

        for (MarketChanges outcome : broken) {
            assertThatThrownBy(() -> store.inMarket(ACME, session -> {
                session.apply(outcome);
                return null;
            })).isInstanceOf(RuntimeException.class);
        }
        assertThatThrownBy(() -> store.inMarket(ACME, session -> {
            session.apply(new MarketChanges(USD, 2, null, List.of(), List.of(), List.of(), List.of()));
            return null;
        })).isInstanceOf(TradingException.class);

        assertThat(store.order(fresh.id())).isEmpty();
        assertThat(store.liveOrders(ACME)).containsExactly(first);
        assertThat(store.allBalances()).containsExactlyInAnyOrderElementsOf(balances);
        assertThat(store.journalTotals()).containsExactlyInAnyOrderElementsOf(totals);
        assertThat(store.sequence(ACME)).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyTakenInTheStoreOrInTheSameOutcomeFailsTheUnit() {
        fund("alice", USD, "1.00");
        JournalEntry deposit = deposit("alice", "dep-1", 5);
        commitLedger(deposit);

        assertThatThrownBy(() -> commitLedger(deposit("alice", "dep-1", 6))).isInstanceOf(TradingException.class);
        assertThatThrownBy(() -> commitLedger(deposit("alice", "dep-2", 6), deposit("alice", "dep-2", 7)))
                .isInstanceOf(TradingException.class);
        commitLedger(deposit("bob", "dep-1", 8));

        JournalEntry found = store.inLedger(session -> session.journalEntry("alice", "dep-1"));
        JournalEntry notFound = store.inLedger(session -> session.journalEntry("alice", "dep-2"));
        assertThat(found).isEqualTo(deposit);
        assertThat(notFound).isNull();
        assertThat(store.journal("alice", 10)).hasSize(2).first().isEqualTo(deposit);
        assertThat(store.journal("bob", 10)).extracting(JournalEntry::amountMinor).containsExactly(8L);
    }

    @Test
    void tradesNamingOrdersTheStoreDoesNotHoldAreReportedUntilTheOrderArrives() {
        OrderRecord maker = anOrder(1, OrderStatus.OPEN);
        UUID unknownTaker = new UUID(42, 42);
        commit(1, List.of(maker), List.of());
        TradeRecord trade = new TradeRecord(new UUID(5, 5), ACME, 2, 100, 3, 300, maker.id(), unknownTaker, "alice",
                "bob", Side.SELL, 0, 0, AT);

        commit(2, List.of(), List.of(trade));

        assertThat(store.orderFills()).containsExactlyInAnyOrder(
                new OrderFill(maker.id(), ACME, maker.quantityLots(), 0, 0, BigInteger.valueOf(3),
                        BigInteger.valueOf(300)),
                new OrderFill(unknownTaker, "?", 0, 0, 0, BigInteger.valueOf(3), BigInteger.valueOf(300)));
        assertThat(store.userTrades("bob", 10)).containsExactly(trade);
        assertThat(store.marketTrades(ACME, 10)).containsExactly(trade);
        long lastPrice = store.inMarket(ACME, session -> session.lastTradePriceTicks());
        assertThat(lastPrice).isEqualTo(100);

        OrderRecord late = withId(anOrder(2, OrderStatus.FILLED), unknownTaker);
        commit(3, List.of(late), List.of());

        assertThat(store.orderFills()).extracting(OrderFill::orderId, OrderFill::assetId, OrderFill::tradedLots)
                .containsExactlyInAnyOrder(tuple(maker.id(), ACME, BigInteger.valueOf(3)),
                        tuple(unknownTaker, ACME, BigInteger.valueOf(3)));
    }

    @Test
    void tradesAndJournalEntriesAreListedNewestFirstUpToTheLimit() {
        OrderRecord maker = anOrder(1, OrderStatus.OPEN);
        OrderRecord taker = anOrder(2, OrderStatus.OPEN);
        commit(1, List.of(maker, taker), List.of());
        List<TradeRecord> made = new ArrayList<>();
        for (int n = 0; n < 5_000; n++) {
            TradeRecord trade = new TradeRecord(new UUID(6, n), ACME, n + 2, 100 + n, 1, 100 + n, maker.id(),
                    taker.id(), "alice", n % 2 == 0 ? "alice" : "bob", Side.BUY, 0, 0, AT.plusNanos(n));
            made.add(trade);
            commit(n + 2, List.of(), List.of(trade));
        }

        List<TradeRecord> latest = store.marketTrades(ACME, 3);
        assertThat(latest).containsExactly(made.get(4_999), made.get(4_998), made.get(4_997));
        assertThat(store.userTrades("alice", 10_000)).hasSize(5_000).first().isEqualTo(made.get(4_999));
        assertThat(store.userTrades("bob", 2)).containsExactly(made.get(4_999), made.get(4_997));
        assertThat(store.userTrades("carol", 2)).isEmpty();
        assertThat(store.marketTrades(ACME, 0)).isEmpty();
        long lastPrice = store.inMarket(ACME, session -> session.lastTradePriceTicks());
        assertThat(lastPrice).isEqualTo(5_099);
    }

    @Test
    void tradeLegsAreSummedPerTradeAndAsset() {
        fund("alice", USD, "100.00");
        fund("bob", ACME, "10");
        UUID trade = new UUID(1, 2);
        commitLedger(leg("alice", ACME, trade, 4), leg("bob", ACME, trade, -4), leg("alice", USD, trade, -400),
                leg("bob", USD, trade, 400), leg("bob", USD, trade, -1), leg(FEES, USD, trade, 1),
                leg("alice", USD, new UUID(3, 4), -7));

        assertThat(store.tradeLegTotals()).containsExactlyInAnyOrder(
                new TradeLegTotal(trade, ACME, BigInteger.ZERO, 2),
                new TradeLegTotal(trade, USD, BigInteger.ZERO, 4),
                new TradeLegTotal(new UUID(3, 4), USD, BigInteger.valueOf(-7), 1));
    }

    @Test
    void tradeLegsThatSumBeyondALongAreReportedExactly() {
        UUID trade = new UUID(5, 6);
        commitLedger(leg("carol", USD, trade, Long.MAX_VALUE), leg(FEES, USD, trade, Long.MAX_VALUE));

        assertThat(store.tradeLegTotals()).containsExactly(
                new TradeLegTotal(trade, USD, BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1), 2));
    }

    private void commit(long sequence, List<OrderRecord> orders, List<TradeRecord> trades) {
        store.inMarket(ACME, session -> {
            session.apply(new MarketChanges(ACME, sequence, null, orders, trades, List.of(), List.of()));
            return null;
        });
    }

    private static MarketChanges changes(long sequence, List<OrderRecord> orders, BalanceDelta delta) {
        return new MarketChanges(ACME, sequence, null, orders, List.of(), List.of(), List.of(delta));
    }

    /** Appends the entries with one balance delta per (user, asset), as the port asks. */
    private void commitLedger(JournalEntry... entries) {
        Map<String, BalanceDelta> byBalance = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            byBalance.merge(entry.userId() + "/" + entry.assetId(),
                    new BalanceDelta(entry.userId(), entry.assetId(), entry.amountMinor(), 0),
                    (a, b) -> new BalanceDelta(a.userId(), a.assetId(), a.availableMinor() + b.availableMinor(), 0));
        }
        List<BalanceDelta> deltas = new ArrayList<>(byBalance.values());
        store.inLedger(session -> {
            session.apply(new LedgerChanges(List.of(), List.of(entries), deltas));
            return null;
        });
    }

    private static JournalEntry deposit(String user, String key, long amountMinor) {
        return new JournalEntry(UUID.randomUUID(), user, USD, EntryKind.DEPOSIT, amountMinor, null, null, key, null, AT);
    }

    private static JournalEntry leg(String user, String asset, UUID trade, long amountMinor) {
        EntryKind kind = user.equals(FEES) || amountMinor == -1 ? EntryKind.FEE : EntryKind.TRADE;
        return new JournalEntry(UUID.randomUUID(), user, asset, kind, amountMinor, trade, null, null, null, AT);
    }

    /** Order {@code n} of alice, bob or carol resting in ACME; its id, book id and priority grow with n. */
    private static OrderRecord anOrder(int n, OrderStatus status) {
        String user = List.of("alice", "bob", "carol").get(n % 3);
        return new OrderRecord(new UUID(0x0190_0000_0000_7000L + n, n), user, ACME, n + 1L, "c-" + n, Side.BUY,
                OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.CANCEL_TAKER, 100, 0, 5, 5, 100, 0, 0,
                status == OrderStatus.FILLED ? 5 : 0, status == OrderStatus.FILLED ? 500 : 0,
                status.isLive() ? 501 : 0, USD, status, null, null, n, n, AT.plusSeconds(n), AT.plusSeconds(n));
    }

    private static OrderRecord with(OrderRecord o, OrderStatus status) {
        return new OrderRecord(o.id(), o.userId(), o.assetId(), o.bookId(), o.clientOrderId(), o.side(), o.type(),
                o.timeInForce(), o.postOnly(), o.selfTradePrevention(), o.priceTicks(), o.stopPriceTicks(),
                o.quantityLots(), o.requestedLots(), o.requestedPriceTicks(), o.requestedStopPriceTicks(),
                o.quoteBudgetMinor(), o.filledLots(), o.filledQuoteMinor(), status.isLive() ? o.lockedMinor() : 0,
                o.lockedAssetId(), status, status == OrderStatus.CANCELLED ? CancelReason.USER : null, o.ocoSiblingId(),
                o.sequence(), o.priority(), o.createdAt(), o.updatedAt());
    }

    private static OrderRecord withClientOrderId(OrderRecord o, String clientOrderId) {
        return copy(o, o.id(), o.assetId(), o.bookId(), clientOrderId);
    }

    private static OrderRecord withBookId(OrderRecord o, long bookId) {
        return copy(o, o.id(), o.assetId(), bookId, o.clientOrderId());
    }

    private static OrderRecord withAsset(OrderRecord o, String assetId) {
        return copy(o, o.id(), assetId, o.bookId(), o.clientOrderId());
    }

    private static OrderRecord withId(OrderRecord o, UUID id) {
        return copy(o, id, o.assetId(), o.bookId(), o.clientOrderId());
    }

    private static OrderRecord copy(OrderRecord o, UUID id, String assetId, long bookId, String clientOrderId) {
        return new OrderRecord(id, o.userId(), assetId, bookId, clientOrderId, o.side(), o.type(), o.timeInForce(),
                o.postOnly(), o.selfTradePrevention(), o.priceTicks(), o.stopPriceTicks(), o.quantityLots(),
                o.requestedLots(), o.requestedPriceTicks(), o.requestedStopPriceTicks(), o.quoteBudgetMinor(),
                o.filledLots(), o.filledQuoteMinor(), o.lockedMinor(), o.lockedAssetId(), o.status(),
                o.cancelReason(), o.ocoSiblingId(), o.sequence(), o.priority(), o.createdAt(), o.updatedAt());
    }
}
