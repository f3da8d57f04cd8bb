package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.book.BookDepth;
import io.tokenized.trading.core.book.BookListener;
import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.DepthLevel;
import io.tokenized.trading.core.book.OrderBook;
import io.tokenized.trading.core.book.OrderKind;
import io.tokenized.trading.core.book.OrderView;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.market.MarketRules;
import io.tokenized.trading.core.market.MarketStatus;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.MarketChanges;
import io.tokenized.trading.core.port.MarketSession;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The engine's cached state of one market — its order book and the working copies of its live orders —
 * and the ledger logic that turns the book's callbacks into reservations, settlements, fees and journal
 * entries. Each command method runs inside the store's unit for this market and returns the command's
 * result after handing the outcome to the session.
 *
 * <p>Single writer: only works of this market touch it, and the store runs them one at a time with a
 * happens-before edge between runs. Not thread-safe otherwise.
 */
final class MarketState implements BookListener {
    /** Rest events per command that get distinct queue tickets; far above any real cascade. */
    private static final int TICKETS_PER_COMMAND_BITS = 20;
    private static final Comparator<OrderRecord> BOOK_ORDER = Comparator
            .comparing((OrderRecord o) -> o.status() == OrderStatus.PENDING)
            .thenComparingLong(OrderRecord::priority)
            .thenComparingLong(OrderRecord::bookId);

    private final TradingEngine engine;
    private final String assetId;
    /** The rules as first loaded: sizes and scales never change, so conversions outside a unit use these. */
    private final MarketRules sizes;
    private MarketRules rules;
    private OrderBook book;
    private boolean valid;
    private final LongMap<LiveOrder> live = new LongMap<>(1024);

    // Scratch of the command being run; reset by begin().
    private final List<LiveOrder> touched = new ArrayList<>();
    private final List<TradeRecord> trades = new ArrayList<>();
    private final List<JournalEntry> journal = new ArrayList<>();
    private final BalanceChanges balances = new BalanceChanges();
    private RejectReason rejection;
    private long commandSequence;
    private int ticketsUsed;
    private Instant now;
    private LiveOrder placing;
    private LiveOrder placingSibling;
    /** The order the command's result shows, and the record {@link #finish} built for it. */
    private LiveOrder subject;
    private OrderRecord subjectRecord;
    private boolean delisting;
    /** The batch whose commands run in the current unit, or null when a command runs alone. */
    private Batch batch;
    /** Reused by every batch of this market. */
    private final Batch batchScratch = new Batch();

    MarketState(TradingEngine engine, String assetId, MarketRules sizes) {
        this.engine = engine;
        this.assetId = assetId;
        this.sizes = sizes;
        this.rules = sizes;
    }

    String assetId() {
        return assetId;
    }

    MarketRules sizes() {
        return sizes;
    }

    /** Forgets the cached book: a unit that changed it was rolled back or failed. */
    void invalidate() {
        valid = false;
    }

    MarketRules rules() {
        return rules;
    }

    // ------------------------------------------------------------------------------------------------
    // Commands
    // ------------------------------------------------------------------------------------------------

    PlaceResult place(MarketSession session, OrderSpec spec, ChangesSink sink) {
        refresh(session);
        RejectReason closed = closedForTrading();
        if (closed != null) {
            return new PlaceResult.Rejected(closed);
        }
        if (spec.clientOrderId() != null) {
            OrderRecord existing = session.orderByClientId(spec.userId(), spec.clientOrderId());
            if (existing == null && batch != null) {
                existing = batch.clientIds.get(new ClientOrderKey(spec.userId(), spec.clientOrderId()));
            }
            if (existing != null) {
                return spec.sameRequestAs(existing) ? new PlaceResult.AlreadyPlaced(new Order(existing, rules))
                        : new PlaceResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED);
            }
        }
        long userNumber = engine.userNumber(spec.userId(), session);
        if (userNumber == 0) {
            return new PlaceResult.Rejected(RejectReason.UNKNOWN_USER);
        }
        String lockedAssetId = spec.side() == Side.BUY ? rules.quote().id() : assetId;
        long reserve = reservation(spec, userNumber);
        if (reserve < 0) {
            return new PlaceResult.Rejected(MarketRules.rejection(reserve));
        }
        if (!canSpend(session, spec.userId(), lockedAssetId, reserve)) {
            return new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS);
        }
        begin();
        long bookId = Math.multiplyExact(book.sequence() + 1, 2);
        UUID orderId = engine.nextId(now);
        UUID siblingId = spec.oco() ? engine.nextId(now) : null;
        placing = newOrder(spec, orderId, bookId, userNumber, siblingId, reserve, lockedAssetId);
        if (spec.oco()) {
            placingSibling = stopLeg(spec, siblingId, bookId + 1, userNumber, orderId, lockedAssetId);
        }
        balances.add(spec.userId(), lockedAssetId, -reserve, reserve);
        subject = placing;
        submit(spec, bookId, userNumber);
        if (rejection != null) {
            return new PlaceResult.Rejected(abandon());
        }
        finish(session, null, sink);
        return new PlaceResult.Placed(new Order(subjectRecord(), rules), tradeViews());
    }

    CancelResult cancel(MarketSession session, UUID orderId, long bookId, String userId, ChangesSink sink) {
        refresh(session);
        // The order first, as the engine checks it before the unit: an earlier command of a batch may have
        // ended it, and the answer must be the one the command would have had on its own.
        LiveOrder order = live.get(bookId);
        if (order == null || !order.id.equals(orderId)) {
            return new CancelResult.Rejected(RejectReason.UNKNOWN_ORDER);
        }
        if (!order.userId.equals(userId)) {
            return new CancelResult.Rejected(RejectReason.NOT_OWNER);
        }
        if (rules.token().status() == MarketStatus.DELISTED) {
            return new CancelResult.Rejected(RejectReason.MARKET_DELISTED);
        }
        begin();
        subject = order;
        book.cancel(bookId, order.userNumber);
        if (rejection != null) {
            return new CancelResult.Rejected(abandon());
        }
        finish(session, null, sink);
        return new CancelResult.Cancelled(new Order(subjectRecord(), rules));
    }

    /** Moves ({@code move}: value in ticks) or reduces (value: new remaining lots) a live order. */
    AmendResult amend(MarketSession session, UUID orderId, long bookId, String userId, boolean move, long value,
                      ChangesSink sink) {
        refresh(session);
        // The order first, as in cancel.
        LiveOrder order = live.get(bookId);
        if (order == null || !order.id.equals(orderId)) {
            return new AmendResult.Rejected(RejectReason.UNKNOWN_ORDER);
        }
        if (!order.userId.equals(userId)) {
            return new AmendResult.Rejected(RejectReason.NOT_OWNER);
        }
        RejectReason closed = closedForTrading();
        if (closed != null) {
            return new AmendResult.Rejected(closed);
        }
        if (liveSibling(order) != null) {
            // Both legs share one reservation sized for the pair; amending one leg would unbalance it.
            return new AmendResult.Rejected(RejectReason.INVALID_ORDER);
        }
        long extraLock = 0;
        if (move && order.status != OrderStatus.PENDING && order.isPricedBuy()) {
            long required = pricedBuyReservation(order.remainingLots(), value);
            if (required < 0) {
                return new AmendResult.Rejected(MarketRules.rejection(required));
            }
            extraLock = required - order.lockedMinor;
        }
        if (extraLock > 0 && !canSpend(session, userId, rules.quote().id(), extraLock)) {
            return new AmendResult.Rejected(RejectReason.INSUFFICIENT_FUNDS);
        }
        begin();
        subject = order;
        if (move) {
            book.move(bookId, order.userNumber, value);
        } else {
            book.reduce(bookId, order.userNumber, value);
        }
        if (rejection != null) {
            return new AmendResult.Rejected(abandon());
        }
        finish(session, null, sink);
        return new AmendResult.Amended(new Order(subjectRecord(), rules), tradeViews());
    }

    /** Halts, resumes or delists the market; delisting cancels every live order first. */
    AssetResult changeStatus(MarketSession session, MarketStatus target, ChangesSink sink) {
        refresh(session);
        Asset token = rules.token();
        if (token.status() == MarketStatus.DELISTED) {
            return new AssetResult.Rejected(RejectReason.MARKET_DELISTED);
        }
        if (token.status() == target) {
            return new AssetResult.Done(token);
        }
        begin();
        if (target == MarketStatus.DELISTED) {
            delisting = true;
            List<LiveOrder> open = live.values();
            open.sort(Comparator.comparingLong((LiveOrder o) -> o.priority).thenComparingLong(o -> o.bookId));
            for (LiveOrder order : open) {
                if (order.inBook && order.status.isLive()) {
                    book.cancel(order.bookId, order.userNumber);
                    if (rejection != null) {
                        throw new TradingException("the book refused to cancel order " + order.id
                                + " while delisting " + assetId + ": " + rejection);
                    }
                }
            }
        }
        finish(session, target, sink);
        rules = rules.withToken(token.withStatus(target));
        return new AssetResult.Done(rules.token());
    }

    BookDepth depth(MarketSession session, int levels) {
        refresh(session);
        return book.depth(levels);
    }

    long sequence() {
        return book.sequence();
    }

    /**
     * Checks the cached book against the store: uncrossed, and equal (orders, queue order, sequence, last
     * trade price) to a book rebuilt from the session's live orders. Adds a line per break.
     */
    void audit(MarketSession session, List<String> breaks) {
        refresh(session);
        long bid = book.bestBidTicks();
        long ask = book.bestAskTicks();
        if (bid != 0 && ask != 0 && bid >= ask) {
            breaks.add("market " + assetId + ": book crossed, best bid " + bid + " >= best ask " + ask + " ticks");
        }
        OrderBook rebuilt;
        try {
            rebuilt = restore(session, new HashMap<>(), new ArrayList<>());
        } catch (TradingException e) {
            breaks.add("market " + assetId + ": the stored live orders do not rebuild a book: " + e.getMessage());
            return;
        }
        if (rebuilt.sequence() != book.sequence() || rebuilt.lastTradePriceTicks() != book.lastTradePriceTicks()) {
            breaks.add("market " + assetId + ": rebuilt book at sequence " + rebuilt.sequence() + ", last trade "
                    + rebuilt.lastTradePriceTicks() + "; live book at " + book.sequence() + ", last trade "
                    + book.lastTradePriceTicks());
        }
        List<OrderView> expected = book.orders();
        List<OrderView> actual = rebuilt.orders();
        if (!expected.equals(actual) || rebuilt.stateHash() != book.stateHash()) {
            breaks.add("market " + assetId + ": book rebuilt from the store differs from the live book:\n  live:    "
                    + expected + "\n  rebuilt: " + actual);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Cache
    // ------------------------------------------------------------------------------------------------

    /** Reuses the cached book while the persisted sequence equals its own; otherwise rebuilds it. */
    private void refresh(MarketSession session) {
        if (batch != null) {
            // Refreshed when the batch opened; the book has run ahead of the store by the batch's commands.
            return;
        }
        Asset token = session.market();
        if (rules.token() != token && !rules.token().equals(token)) {
            rules = rules.withToken(token);
        }
        if (valid && book.sequence() == session.sequence()) {
            return;
        }
        valid = false;
        Map<Long, LiveOrder> restored = new HashMap<>();
        List<LiveOrder> orders = new ArrayList<>();
        book = restore(session, restored, orders);
        for (LiveOrder stale : live.values()) {
            engine.unindexLive(stale);
        }
        live.clear();
        for (LiveOrder order : orders) {
            live.put(order.bookId, order);
            engine.indexLive(order);
        }
        valid = true;
    }

    private OrderBook restore(MarketSession session, Map<Long, LiveOrder> byBookId, List<LiveOrder> orders) {
        List<OrderRecord> records = new ArrayList<>(session.liveOrders());
        records.sort(BOOK_ORDER);
        Map<UUID, Long> bookIds = new HashMap<>();
        for (OrderRecord record : records) {
            bookIds.put(record.id(), record.bookId());
        }
        List<OrderView> views = new ArrayList<>(records.size());
        for (OrderRecord record : records) {
            long userNumber = engine.knownUserNumber(record.userId());
            Long sibling = record.ocoSiblingId() == null ? null : bookIds.get(record.ocoSiblingId());
            long siblingBookId = sibling == null ? 0 : sibling;
            LiveOrder order = new LiveOrder(this, record, userNumber, siblingBookId);
            orders.add(order);
            byBookId.put(record.bookId(), order);
            views.add(viewOf(record, userNumber, siblingBookId));
        }
        return OrderBook.restore(rules.quoteMinorPerTickLot(), this, session.sequence(),
                session.lastTradePriceTicks(), views);
    }

    private OrderView viewOf(OrderRecord record, long userNumber, long siblingBookId) {
        boolean pending = record.status() == OrderStatus.PENDING;
        OrderKind kind = !pending ? OrderKind.RESTING
                : record.type() == OrderType.STOP_MARKET ? OrderKind.STOP_MARKET : OrderKind.STOP_LIMIT;
        TimeInForce tif = !pending ? TimeInForce.GTC
                : kind == OrderKind.STOP_MARKET ? TimeInForce.IOC : record.timeInForce();
        long budget = kind == OrderKind.STOP_MARKET ? bookBudget(record.quoteBudgetMinor()) : 0;
        return new OrderView(record.bookId(), userNumber, record.side(), kind, record.priceTicks(),
                pending ? record.stopPriceTicks() : 0, record.remainingLots(), record.quantityLots(), budget, tif,
                record.postOnly(), record.selfTradePrevention(), siblingBookId);
    }

    // ------------------------------------------------------------------------------------------------
    // Batches: several commands, one outcome
    // ------------------------------------------------------------------------------------------------

    /**
     * Starts running several commands in this unit: the book is refreshed once, the commands share one
     * time, and their outcomes are merged and applied once by {@link #closeBatch}. Until then each command
     * sees what the earlier ones did: the book, its funds (the store's balance plus the batch's changes) and
     * the client order ids it placed.
     */
    void openBatch(MarketSession session) {
        refresh(session);
        batch = batchScratch;
        batch.clear(engine.now());
    }

    /** Applies the merged outcome of the batch's accepted commands, if any. */
    void closeBatch(MarketSession session) {
        Batch closing = batch;
        batch = null;
        if (closing.commands > 0) {
            session.apply(new MarketChanges(assetId, book.sequence(), null, closing.orders,
                    closing.trades, closing.journal,
                    closing.balances.toDeltasWithZeros()));
        }
        closing.clear(null);
    }

    /** Leaves batch mode after a failure; the unit is rolled back and the cached book invalidated. */
    void abandonBatch() {
        if (batch != null) {
            batch.clear(null);
            batch = null;
        }
    }

    /**
     * Whether the user may spend {@code amountMinor} of an asset now: whether the stored balance, with the
     * batch's changes so far, covers it. Asked of the store as a funds check, which another market's commit
     * invalidates only when it changes the answer.
     */
    private boolean canSpend(MarketSession session, String userId, String balanceAssetId, long amountMinor) {
        long fromStore = amountMinor;
        if (batch != null) {
            try {
                fromStore = Math.subtractExact(amountMinor, batch.balances.available(userId, balanceAssetId));
            } catch (ArithmeticException beyondAnyBalance) {
                return false;
            }
        }
        return session.hasAvailable(userId, balanceAssetId, fromStore);
    }

    private record ClientOrderKey(String userId, String clientOrderId) {
    }

    /** The merged outcome of a batch's accepted commands so far. */
    private static final class Batch {
        /** Numbers the batches of a market, so that an order's mark tells whether this batch holds it. */
        private long number;
        /** The latest record of every order the batch changed, in the order first changed. */
        final List<OrderRecord> orders = new ArrayList<>();
        final Map<ClientOrderKey, OrderRecord> clientIds = new HashMap<>();
        final List<TradeRecord> trades = new ArrayList<>();
        final List<JournalEntry> journal = new ArrayList<>();
        final BalanceChanges balances = new BalanceChanges();
        Instant now;
        int commands;

        void clear(Instant time) {
            number++;
            orders.clear();
            clientIds.clear();
            trades.clear();
            journal.clear();
            balances.clear();
            now = time;
            commands = 0;
        }

        /** Adds an order's record, replacing the one an earlier command of the batch made of it. */
        void add(LiveOrder order, OrderRecord record) {
            if (order.batchNumber == number) {
                orders.set(order.batchSlot, record);
            } else {
                order.batchNumber = number;
                order.batchSlot = orders.size();
                orders.add(record);
            }
            if (record.clientOrderId() != null) {
                clientIds.put(new ClientOrderKey(record.userId(), record.clientOrderId()), record);
            }
        }

        /** Adds a command's trades, journal entries and balance changes. */
        void add(List<TradeRecord> commandTrades, List<JournalEntry> commandJournal, BalanceChanges commandBalances) {
            commands++;
            trades.addAll(commandTrades);
            journal.addAll(commandJournal);
            commandBalances.addTo(balances);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Reservations
    // ------------------------------------------------------------------------------------------------

    private RejectReason closedForTrading() {
        MarketStatus status = rules.token().status();
        return status == MarketStatus.HALTED ? RejectReason.MARKET_HALTED
                : status == MarketStatus.DELISTED ? RejectReason.MARKET_DELISTED : null;
    }

    /**
     * What an order must lock from placement, its worst case: a sell its quantity; a priced buy quantity x
     * price + the highest fee (for an OCO buy at the higher of its two limits); a budget buy its budget; a
     * market buy by quantity what the book could charge it. Negative: a rejection code.
     */
    private long reservation(OrderSpec spec, long userNumber) {
        if (spec.side() == Side.SELL) {
            try {
                return Math.multiplyExact(spec.quantityLots(), rules.baseMinorPerLot());
            } catch (ArithmeticException overflow) {
                return rejectionCode(RejectReason.OVERFLOW);
            }
        }
        if (spec.quoteBudgetMinor() > 0) {
            return spec.quoteBudgetMinor();
        }
        if (spec.type() == OrderType.MARKET) {
            return marketBuyReservation(spec.quantityLots(), userNumber);
        }
        long priceTicks = spec.oco() ? Math.max(spec.priceTicks(), spec.ocoStopLimitTicks()) : spec.priceTicks();
        return pricedBuyReservation(spec.quantityLots(), priceTicks);
    }

    /** lots x price in quote minor units plus the highest fee rate on it; a rejection code on overflow. */
    private long pricedBuyReservation(long lots, long priceTicks) {
        try {
            long notional = Math.multiplyExact(Math.multiplyExact(lots, priceTicks), rules.quoteMinorPerTickLot());
            return Math.addExact(notional, Fees.ceilBps(notional, maxFeeBps()));
        } catch (ArithmeticException overflow) {
            return rejectionCode(RejectReason.OVERFLOW);
        }
    }

    /**
     * An upper bound of what a market buy of {@code lots} can cost with its taker fees. The i-th lot it
     * buys from others costs at most the (i + own)-th cheapest ask lot, where own is the buyer's resting
     * ask quantity (self-trade prevention may skip those), so the bound holds for every prevention mode.
     * The fee is rounded up on every fill, not once on the total, so the bound allows for the rounding of
     * as many fills as there can be: one per resting ask of others, and at most one per lot.
     */
    private long marketBuyReservation(long lots, long userNumber) {
        long ownLots = 0;
        long ownOrders = 0;
        for (LiveOrder order : live.values()) {
            if (order.userNumber == userNumber && order.side == Side.SELL && order.inBook
                    && order.status != OrderStatus.PENDING) {
                ownLots += order.remainingLots();
                ownOrders++;
            }
        }
        try {
            long skip = ownLots;
            long needed = lots;
            long cost = 0;
            long askOrders = 0;
            for (DepthLevel level : book.depth(Integer.MAX_VALUE).asks()) {
                askOrders += level.orderCount();
                if (needed == 0) {
                    continue;
                }
                long available = level.totalLots();
                long skipped = Math.min(skip, available);
                skip -= skipped;
                long taken = Math.min(needed, available - skipped);
                cost = Math.addExact(cost, Math.multiplyExact(Math.multiplyExact(taken, level.priceTicks()),
                        rules.quoteMinorPerTickLot()));
                needed -= taken;
            }
            long fills = Math.min(lots, askOrders - ownOrders);
            return Math.addExact(cost, Fees.ceilBpsPerFill(cost, rules.token().takerFeeBps(), fills));
        } catch (ArithmeticException overflow) {
            return rejectionCode(RejectReason.OVERFLOW);
        }
    }

    private int maxFeeBps() {
        return Math.max(rules.token().makerFeeBps(), rules.token().takerFeeBps());
    }

    /** What a live order must still hold: the reservation for its remaining quantity. */
    private long requiredLock(LiveOrder order) {
        if (order.side == Side.SELL) {
            return order.remainingLots() * rules.baseMinorPerLot();
        }
        long required = pricedBuyReservation(order.remainingLots(), order.priceTicks);
        if (required < 0) {
            throw new TradingException("reservation of order " + order.id + " overflows after it was accepted");
        }
        return required;
    }

    private static long rejectionCode(RejectReason reason) {
        return -1L - reason.ordinal();
    }

    // ------------------------------------------------------------------------------------------------
    // Command scaffolding
    // ------------------------------------------------------------------------------------------------

    private void begin() {
        touched.clear();
        trades.clear();
        journal.clear();
        balances.clear();
        rejection = null;
        ticketsUsed = 0;
        placing = null;
        placingSibling = null;
        subject = null;
        subjectRecord = null;
        delisting = false;
        now = batch != null ? batch.now : engine.now();
    }

    /** Drops the scratch of a refused command; the book left itself unchanged. */
    private RejectReason abandon() {
        RejectReason reason = rejection;
        begin();
        return reason;
    }

    private void submit(OrderSpec spec, long bookId, long userNumber) {
        switch (spec.type()) {
            case LIMIT -> {
                if (spec.oco()) {
                    book.placeOco(bookId, bookId + 1, userNumber, spec.side(), spec.priceTicks(), spec.quantityLots(),
                            spec.stopPriceTicks(), spec.ocoStopLimitTicks(), spec.selfTradePrevention());
                } else {
                    book.placeLimit(bookId, userNumber, spec.side(), spec.priceTicks(), spec.quantityLots(),
                            spec.timeInForce(), spec.postOnly(), spec.selfTradePrevention());
                }
            }
            case MARKET -> book.placeMarket(bookId, userNumber, spec.side(), spec.quantityLots(),
                    bookBudget(spec.quoteBudgetMinor()), spec.timeInForce(), spec.selfTradePrevention());
            case STOP_LIMIT -> book.placeStopLimit(bookId, userNumber, spec.side(), spec.stopPriceTicks(),
                    spec.priceTicks(), spec.quantityLots(), spec.timeInForce(), spec.selfTradePrevention());
            case STOP_MARKET -> book.placeStopMarket(bookId, userNumber, spec.side(), spec.stopPriceTicks(),
                    spec.quantityLots(), bookBudget(spec.quoteBudgetMinor()), spec.selfTradePrevention());
        }
    }

    /** The part of a budget the book may spend on trades; the taker fee comes on top of it. */
    private long bookBudget(long budgetMinor) {
        return budgetMinor == 0 ? 0 : Math.max(1, Fees.spendableBeforeFee(budgetMinor, rules.token().takerFeeBps()));
    }

    private LiveOrder newOrder(OrderSpec spec, UUID id, long bookId, long userNumber, UUID siblingId, long reserve,
                               String lockedAssetId) {
        return new LiveOrder(this, id, spec.userId(), bookId, userNumber, spec.side(),
                spec.oco() ? OrderType.LIMIT : spec.type(), spec.clientOrderId(), spec.timeInForce(), spec.postOnly(),
                spec.selfTradePrevention(), spec.priceTicks(), spec.oco() ? 0 : spec.stopPriceTicks(),
                spec.quantityLots(), spec.quoteBudgetMinor(), reserve, lockedAssetId, OrderStatus.OPEN, siblingId,
                spec.oco() ? bookId + 1 : 0, book.sequence() + 1, now);
    }

    /** The stop leg of an OCO pair: the pair's reservation sits on the limit leg until the stop triggers. */
    private LiveOrder stopLeg(OrderSpec spec, UUID id, long bookId, long userNumber, UUID limitLegId,
                              String lockedAssetId) {
        boolean market = spec.ocoStopLimitTicks() == 0;
        return new LiveOrder(this, id, spec.userId(), bookId, userNumber, spec.side(),
                market ? OrderType.STOP_MARKET : OrderType.STOP_LIMIT, null, market ? TimeInForce.IOC : TimeInForce.GTC,
                false, spec.selfTradePrevention(), spec.ocoStopLimitTicks(), spec.stopPriceTicks(),
                spec.quantityLots(), 0, 0, lockedAssetId, OrderStatus.PENDING, limitLegId, bookId - 1,
                book.sequence() + 1, now);
    }

    /**
     * Ends the command: settles what finished orders still hold, drops them from the cache and hands the
     * outcome to the session, or adds it to the batch's (then the sink gets it only to publish events).
     */
    private void finish(MarketSession session, MarketStatus newStatus, ChangesSink sink) {
        int count = touched.size();
        // Most commands touch one order: List.of(record) then needs no array (the port copies lists).
        OrderRecord[] orders = count == 1 ? null : new OrderRecord[count];
        OrderRecord single = null;
        for (int index = 0; index < count; index++) {
            LiveOrder order = touched.get(index);
            order.touched = false;
            if (!order.inBook && order.status.isLive()) {
                // A taker that neither rests nor was cancelled has spent its quantity or budget.
                if (order.filledLots > 0) {
                    order.status = OrderStatus.FILLED;
                } else {
                    order.status = OrderStatus.CANCELLED;
                    order.cancelReason = CancelReason.IOC_REMAINDER;
                }
            }
            if (!order.status.isLive()) {
                release(order, order.lockedMinor);
                live.remove(order.bookId);
                engine.unindexLive(order);
            } else if (order == placing || order == placingSibling) {
                engine.indexLive(order);
            }
            // One record per order and command: the outcome and the result share it.
            OrderRecord record = order.toRecord(assetId, now);
            if (order == subject) {
                subjectRecord = record;
            }
            if (batch != null) {
                batch.add(order, record);
            }
            if (orders == null) {
                single = record;
            } else {
                orders[index] = record;
            }
        }
        touched.clear();
        if (batch != null) {
            batch.add(trades, journal, balances);
            if (!engine.publishesEvents()) {
                return;
            }
        }
        MarketChanges changes = new MarketChanges(assetId, book.sequence(), newStatus,
                orders == null ? List.of(single) : List.of(orders),
                trades.isEmpty() ? List.of() : trades, journal.isEmpty() ? List.of() : journal,
                balances.toDeltas());
        if (batch == null) {
            session.apply(changes);
        }
        sink.applied(changes);
    }

    /** The subject's record as {@link #finish} built it (a new one only if finish did not touch it). */
    private OrderRecord subjectRecord() {
        return subjectRecord != null ? subjectRecord : subject.toRecord(assetId, now);
    }

    /** The command's trades as the result shows them. */
    private List<Trade> tradeViews() {
        if (trades.isEmpty()) {
            return List.of();
        }
        List<Trade> views = new ArrayList<>(trades.size());
        for (TradeRecord trade : trades) {
            views.add(new Trade(trade, rules));
        }
        return views;
    }

    private void touch(LiveOrder order) {
        if (!order.touched) {
            order.touched = true;
            touched.add(order);
        }
    }

    private long nextTicket() {
        if (++ticketsUsed >= 1 << TICKETS_PER_COMMAND_BITS) {
            throw new TradingException("more than a million queue changes in one command of " + assetId);
        }
        return (commandSequence << TICKETS_PER_COMMAND_BITS) | ticketsUsed;
    }

    private LiveOrder order(long bookId) {
        // Most callbacks name the command's own order: no probe for it.
        LiveOrder order = subject != null && subject.bookId == bookId ? subject : live.get(bookId);
        if (order == null) {
            throw new TradingException("the book of " + assetId + " reported unknown order " + bookId);
        }
        touch(order);
        return order;
    }

    private LiveOrder liveSibling(LiveOrder order) {
        if (order.siblingBookId == 0) {
            return null;
        }
        LiveOrder sibling = live.get(order.siblingBookId);
        return sibling != null && sibling.status.isLive() && sibling.id.equals(order.ocoSiblingId)
                ? sibling : null;
    }

    private void release(LiveOrder order, long amountMinor) {
        if (amountMinor == 0) {
            return;
        }
        if (amountMinor < 0 || amountMinor > order.lockedMinor) {
            throw new TradingException("cannot release " + amountMinor + " of order " + order.id + " holding "
                    + order.lockedMinor);
        }
        order.lockedMinor -= amountMinor;
        balances.add(order.userId, order.lockedAssetId, amountMinor, -amountMinor);
    }

    /** Lowers a priced order's lock to what its remaining quantity needs (price improvement, reduce). */
    private void releaseExcess(LiveOrder order) {
        if (order.side == Side.SELL || order.isPricedBuy()) {
            long excess = order.lockedMinor - requiredLock(order);
            if (excess > 0) {
                release(order, excess);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Book callbacks: settle as the book reports
    // ------------------------------------------------------------------------------------------------

    @Override
    public void rejected(long orderId, RejectReason reason) {
        rejection = reason;
    }

    @Override
    public void accepted(long orderId, long sequence) {
        commandSequence = sequence;
        if (placing != null && orderId == placing.bookId) {
            live.put(placing.bookId, placing);
            touch(placing);
            if (placingSibling != null) {
                live.put(placingSibling.bookId, placingSibling);
                touch(placingSibling);
            }
        }
    }

    @Override
    public void traded(long takerOrderId, long takerUserId, long makerOrderId, long makerUserId, Side takerSide,
                       long priceTicks, long quantityLots, long quoteMinor, long makerRemainingLots,
                       long takerRemainingLots) {
        LiveOrder taker = order(takerOrderId);
        LiveOrder maker = order(makerOrderId);
        boolean takerBuys = takerSide == Side.BUY;
        LiveOrder buyer = takerBuys ? taker : maker;
        LiveOrder seller = takerBuys ? maker : taker;
        Asset token = rules.token();
        String quoteId = rules.quote().id();
        long baseMinor = rules.baseMinor(quantityLots);

        taker.filledLots += quantityLots;
        taker.filledQuoteMinor = Math.addExact(taker.filledQuoteMinor, quoteMinor);
        maker.filledLots += quantityLots;
        maker.filledQuoteMinor = Math.addExact(maker.filledQuoteMinor, quoteMinor);
        int buyerBps = buyer == taker ? token.takerFeeBps() : token.makerFeeBps();
        int sellerBps = seller == taker ? token.takerFeeBps() : token.makerFeeBps();

        // The buyer pays quote + fee out of its lock; the fee never exceeds what its reservation still
        // covers beyond the rest of the order, so per-fill rounding cannot eat into other funds.
        long keep = buyer.isPricedBuy() ? requiredLock(buyer) : budgetLeft(buyer);
        long feeRoom = buyer.lockedMinor - quoteMinor - keep;
        if (feeRoom < 0) {
            throw new TradingException("order " + buyer.id + " holds " + buyer.lockedMinor + " but owes "
                    + quoteMinor + " and must keep " + keep);
        }
        long buyerFee = Math.min(Fees.ceilBps(quoteMinor, buyerBps), feeRoom);
        long sellerFee = Fees.ceilBps(quoteMinor, sellerBps);
        buyer.lockedMinor -= quoteMinor + buyerFee;
        balances.add(buyer.userId, quoteId, 0, -(quoteMinor + buyerFee));
        balances.add(buyer.userId, assetId, baseMinor, 0);
        if (buyer.isPricedBuy()) {
            release(buyer, buyer.lockedMinor - keep);
        }
        if (seller.lockedMinor < baseMinor) {
            throw new TradingException("order " + seller.id + " holds " + seller.lockedMinor + " but delivers "
                    + baseMinor);
        }
        seller.lockedMinor -= baseMinor;
        balances.add(seller.userId, assetId, 0, -baseMinor);
        balances.add(seller.userId, quoteId, quoteMinor - sellerFee, 0);
        String feeAccount = engine.feeAccount();
        balances.add(feeAccount, quoteId, buyerFee + sellerFee, 0);

        TradeRecord trade = new TradeRecord(engine.nextId(now), assetId, commandSequence, priceTicks, quantityLots,
                quoteMinor, maker.id, taker.id, maker.userId, taker.userId, takerSide,
                maker == buyer ? buyerFee : sellerFee, taker == buyer ? buyerFee : sellerFee, now);
        trades.add(trade);
        UUID tradeId = trade.id();
        entry(buyer, assetId, EntryKind.TRADE, baseMinor, tradeId);
        entry(seller, assetId, EntryKind.TRADE, -baseMinor, tradeId);
        entry(buyer, quoteId, EntryKind.TRADE, -quoteMinor, tradeId);
        entry(seller, quoteId, EntryKind.TRADE, quoteMinor, tradeId);
        if (buyerFee > 0) {
            entry(buyer, quoteId, EntryKind.FEE, -buyerFee, tradeId);
            feeEntry(feeAccount, quoteId, buyerFee, tradeId, buyer.id);
        }
        if (sellerFee > 0) {
            entry(seller, quoteId, EntryKind.FEE, -sellerFee, tradeId);
            feeEntry(feeAccount, quoteId, sellerFee, tradeId, seller.id);
        }
        afterFill(maker, makerRemainingLots);
        afterFill(taker, takerRemainingLots);
    }

    /**
     * What the rest of a buy sized by budget may still spend: its book budget less what it has traded.
     * The budget reserves the book budget plus the fee on it rounded up once, while fees round up on
     * every fill, so without this keep early fees could eat the quote of later fills. 0 for a market
     * buy by quantity, whose reservation covers the rounding of every fill it can make.
     */
    private long budgetLeft(LiveOrder buyer) {
        long budgetMinor = buyer.quoteBudgetMinor;
        return budgetMinor == 0 ? 0 : bookBudget(budgetMinor) - buyer.filledQuoteMinor;
    }

    private void afterFill(LiveOrder order, long remainingLots) {
        if (order.quantityLots > 0 && order.filledLots == order.quantityLots) {
            order.status = OrderStatus.FILLED;
            order.inBook = false;
        } else {
            order.status = OrderStatus.PARTIALLY_FILLED;
            if (order.side == Side.SELL) {
                releaseExcess(order);
            }
        }
        if (order.quantityLots > 0 && order.remainingLots() != remainingLots) {
            throw new TradingException("order " + order.id + " has " + order.remainingLots()
                    + " lots left but the book says " + remainingLots);
        }
    }

    private void entry(LiveOrder order, String entryAssetId, EntryKind kind, long amountMinor, UUID tradeId) {
        journal.add(new JournalEntry(engine.nextId(now), order.userId, entryAssetId, kind, amountMinor, tradeId,
                order.id, null, null, now));
    }

    private void feeEntry(String feeAccount, String quoteId, long amountMinor, UUID tradeId, UUID orderId) {
        journal.add(new JournalEntry(engine.nextId(now), feeAccount, quoteId, EntryKind.FEE, amountMinor, tradeId,
                orderId, null, null, now));
    }

    @Override
    public void rested(long orderId, long userId, Side side, long priceTicks, long remainingLots) {
        LiveOrder order = order(orderId);
        order.inBook = true;
        order.status = order.filledLots > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.OPEN;
        order.priority = nextTicket();
    }

    @Override
    public void stopPending(long orderId, long userId, Side side, long stopPriceTicks) {
        LiveOrder order = order(orderId);
        order.inBook = true;
        order.status = OrderStatus.PENDING;
        order.priority = nextTicket();
    }

    @Override
    public void triggered(long orderId, long userId, long lastTradePriceTicks) {
        LiveOrder order = order(orderId);
        order.inBook = false;
        order.status = OrderStatus.OPEN;
        LiveOrder sibling = liveSibling(order);
        if (sibling != null) {
            // The pair's reservation sits on the limit leg; the triggered stop now needs it.
            touch(sibling);
            order.lockedMinor += sibling.lockedMinor;
            sibling.lockedMinor = 0;
        }
    }

    @Override
    public void cancelled(long orderId, long userId, long remainingLots, CancelReason reason) {
        LiveOrder order = order(orderId);
        order.inBook = false;
        order.status = OrderStatus.CANCELLED;
        order.cancelReason = delisting ? CancelReason.MARKET_DELISTED : reason;
        LiveOrder sibling = liveSibling(order);
        if (sibling != null && order.lockedMinor > 0) {
            touch(sibling);
            sibling.lockedMinor += order.lockedMinor;
            order.lockedMinor = 0;
        } else {
            release(order, order.lockedMinor);
        }
    }

    @Override
    public void reduced(long orderId, long userId, long oldRemainingLots, long newRemainingLots) {
        LiveOrder order = order(orderId);
        order.quantityLots = order.filledLots + newRemainingLots;
        releaseExcess(order);
    }

    @Override
    public void moved(long orderId, long userId, long oldPriceTicks, long newPriceTicks) {
        LiveOrder order = order(orderId);
        if (order.status == OrderStatus.PENDING) {
            order.stopPriceTicks = newPriceTicks;
            order.priority = nextTicket();
            return;
        }
        order.priceTicks = newPriceTicks;
        order.inBook = false;
        if (order.isPricedBuy()) {
            long change = requiredLock(order) - order.lockedMinor;
            if (change > 0) {
                order.lockedMinor += change;
                balances.add(order.userId, rules.quote().id(), -change, change);
            } else {
                release(order, -change);
            }
        }
    }

    /** Receives the outcome a command applied, for the events published after commit. */
    interface ChangesSink {
        void applied(MarketChanges changes);
    }
}
