package io.tokenized.trading.core.book;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.TradingException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The limit order book and matching engine of one market, working only in primitive longs: prices in
 * ticks, quantities in lots, quote amounts in minor units of the quote asset. It reports what every
 * command did to its {@link BookListener}, synchronously and in order.
 *
 * <p>Rules: price-time priority; trades at the maker's price; partial fills; IOC rests nothing; FOK is
 * decided before any fill; post-only never takes; self-trade prevention per taker order; stop orders
 * wait off the book until the last trade price crosses them (buy stop: last &gt;= stop; sell stop:
 * last &lt;= stop), then enter one at a time, always the earliest placed of those crossed, so that a
 * stop's trades may trigger further stops; OCO pairs a resting limit with a pending stop, and the first
 * fill of either leg, the stop's trigger, or the end of either leg cancels the other.
 *
 * <p>Every command validates completely before changing anything: a refused command calls only
 * {@link BookListener#rejected} and leaves the book exactly as it was (same {@link #stateHash()}, same
 * {@link #sequence()}). An accepted command calls {@link BookListener#accepted} with the next sequence
 * and then its other callbacks.
 *
 * <p>Structure: price levels sit in 64-tick buckets with occupancy bit masks, the buckets in a sorted
 * primitive array (see {@link BookSide}); each level is an intrusive FIFO of pooled order nodes, and an
 * open-addressing map finds an order by id. The command
 * path allocates nothing once the pools are warm; queries allocate.
 *
 * <p>Single writer; not thread-safe.
 */
public final class OrderBook {
    private static final int FILLED = 0;
    private static final int PRICE_LIMIT_REACHED = 1;
    private static final int BOOK_EXHAUSTED = 2;
    private static final int BUDGET_EXHAUSTED = 3;
    private static final int SELF_TRADE = 4;

    private final long quoteMinorPerTickLot;
    private final BookListener listener;
    private final BookSide bids = new BookSide(Side.BUY);
    private final BookSide asks = new BookSide(Side.SELL);
    private final OrderIndex index = new OrderIndex(1024);
    /** Pending stops in placement order: the order in which crossed stops trigger. */
    private OrderNode stopsHead;
    private OrderNode stopsTail;
    private int pendingStopCount;
    private int restingCount;
    /** Released nodes, linked through {@code next}. */
    private OrderNode freeNodes;
    private long sequence;
    private long lastTradePriceTicks;

    /**
     * An empty book.
     *
     * @param quoteMinorPerTickLot quote minor units of one tick times one lot (at least 1)
     * @param listener             receives what every command did
     */
    public OrderBook(long quoteMinorPerTickLot, BookListener listener) {
        if (quoteMinorPerTickLot < 1) {
            throw new IllegalArgumentException("quoteMinorPerTickLot must be at least 1: " + quoteMinorPerTickLot);
        }
        this.quoteMinorPerTickLot = quoteMinorPerTickLot;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Rebuilds a book from persisted state, calling no listener method. The result has the same
     * {@link #stateHash()} as the book the state was taken from.
     *
     * @param orders resting orders in priority order (within each price level, first in time first;
     *               levels and sides may interleave) and pending stops in placement order, as
     *               {@link #orders()} returns them; OCO legs name each other
     * @throws TradingException when the state is inconsistent (duplicate ids, a crossed book, a
     *                          one-sided OCO link, invalid values)
     */
    public static OrderBook restore(long quoteMinorPerTickLot, BookListener listener, long sequence,
                                    long lastTradePriceTicks, List<OrderView> orders) {
        OrderBook book = new OrderBook(quoteMinorPerTickLot, listener);
        if (sequence < 0 || lastTradePriceTicks < 0) {
            throw new TradingException("cannot restore a book with a negative sequence or last trade price");
        }
        book.sequence = sequence;
        book.lastTradePriceTicks = lastTradePriceTicks;
        for (OrderView view : orders) {
            book.restoreOrder(view);
        }
        for (OrderView view : orders) {
            if (view.ocoSiblingId() != 0) {
                OrderNode node = book.index.get(view.orderId());
                OrderNode sibling = book.index.get(view.ocoSiblingId());
                if (sibling == null || sibling == node
                        || (sibling.ocoSibling != null && sibling.ocoSibling != node)) {
                    throw new TradingException("order " + view.orderId() + " names an invalid OCO sibling");
                }
                node.ocoSibling = sibling;
            }
        }
        for (OrderView view : orders) {
            OrderNode node = book.index.get(view.orderId());
            if (node.ocoSibling != null && node.ocoSibling.ocoSibling != node) {
                throw new TradingException("order " + view.orderId() + " has a one-sided OCO link");
            }
        }
        long bestBid = book.bids.bestPriceTicks();
        long bestAsk = book.asks.bestPriceTicks();
        if (bestBid != 0 && bestAsk != 0 && bestBid >= bestAsk) {
            throw new TradingException("cannot restore a crossed book: bid " + bestBid + " >= ask " + bestAsk);
        }
        return book;
    }

    private void restoreOrder(OrderView view) {
        if (view.orderId() <= 0 || index.contains(view.orderId())) {
            throw new TradingException("cannot restore order " + view.orderId() + ": invalid or duplicate id");
        }
        boolean resting = view.kind() == OrderKind.RESTING;
        boolean valid = view.originalLots() >= view.remainingLots() && view.quoteBudgetMinor() >= 0;
        valid &= switch (view.kind()) {
            case RESTING -> view.priceTicks() > 0 && view.remainingLots() > 0 && view.stopPriceTicks() == 0
                    && view.quoteBudgetMinor() == 0 && view.timeInForce() == TimeInForce.GTC
                    && fitsQuote(view.priceTicks(), view.remainingLots());
            case STOP_LIMIT -> view.priceTicks() > 0 && view.stopPriceTicks() > 0 && view.remainingLots() > 0
                    && view.quoteBudgetMinor() == 0 && !view.postOnly()
                    && fitsQuote(view.priceTicks(), view.remainingLots());
            case STOP_MARKET -> view.priceTicks() == 0 && view.stopPriceTicks() > 0 && !view.postOnly()
                    && view.timeInForce() == TimeInForce.IOC
                    && (view.remainingLots() > 0) != (view.quoteBudgetMinor() > 0)
                    && (view.quoteBudgetMinor() == 0 || view.side() == Side.BUY);
        };
        if (!valid) {
            throw new TradingException("cannot restore order " + view.orderId() + ": inconsistent values " + view);
        }
        OrderNode node = acquireNode();
        node.orderId = view.orderId();
        node.userId = view.userId();
        node.side = view.side();
        node.kind = view.kind();
        node.priceTicks = view.priceTicks();
        node.stopPriceTicks = view.stopPriceTicks();
        node.remainingLots = view.remainingLots();
        node.originalLots = view.originalLots();
        node.quoteBudgetMinor = view.quoteBudgetMinor();
        node.timeInForce = view.timeInForce();
        node.postOnly = view.postOnly();
        node.selfTradePrevention = view.selfTradePrevention();
        index.put(node.orderId, node);
        if (resting) {
            sideOf(node.side).append(node);
            restingCount++;
        } else {
            appendStop(node);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Commands
    // ------------------------------------------------------------------------------------------------

    /**
     * Places a limit order: it takes what it can at prices at least as good as its limit, then rests
     * (GTC) or has its remainder cancelled with {@link CancelReason#IOC_REMAINDER} (IOC).
     * Callbacks: accepted, traded*, then rested or cancelled, then the stops it triggered.
     * Refusals: INVALID_ORDER (id not positive, a null argument, post-only without GTC), INVALID_PRICE,
     * INVALID_QUANTITY, OVERFLOW (price x quantity in quote minor units, or the level's total),
     * DUPLICATE_ORDER_ID, POST_ONLY_WOULD_TAKE, NO_LIQUIDITY (IOC/FOK that would not cross),
     * FOK_NOT_FILLABLE.
     */
    public void placeLimit(long orderId, long userId, Side side, long priceTicks, long quantityLots,
                           TimeInForce tif, boolean postOnly, SelfTradePrevention stp) {
        RejectReason refusal = checkLimit(orderId, userId, side, priceTicks, quantityLots, tif, postOnly, stp);
        if (refusal != null) {
            listener.rejected(orderId, refusal);
            return;
        }
        accept(orderId);
        OrderNode taker = newOrder(orderId, userId, side, OrderKind.RESTING, priceTicks, 0, quantityLots, 0, tif,
                postOnly, stp);
        execute(taker, priceTicks, false);
        triggerStops();
    }

    private RejectReason checkLimit(long orderId, long userId, Side side, long priceTicks, long quantityLots,
                                    TimeInForce tif, boolean postOnly, SelfTradePrevention stp) {
        if (orderId <= 0 || side == null || tif == null || stp == null || (postOnly && tif != TimeInForce.GTC)) {
            return RejectReason.INVALID_ORDER;
        }
        if (priceTicks <= 0) {
            return RejectReason.INVALID_PRICE;
        }
        if (quantityLots <= 0) {
            return RejectReason.INVALID_QUANTITY;
        }
        if (!fitsQuote(priceTicks, quantityLots)) {
            return RejectReason.OVERFLOW;
        }
        if (index.contains(orderId)) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        boolean crosses = crosses(side, priceTicks);
        if (postOnly && crosses) {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        if (tif != TimeInForce.GTC && !crosses) {
            return RejectReason.NO_LIQUIDITY;
        }
        if (tif == TimeInForce.FOK && !canFillCompletely(side, userId, stp, priceTicks, quantityLots, 0)) {
            return RejectReason.FOK_NOT_FILLABLE;
        }
        if (tif == TimeInForce.GTC && !levelCanHold(side, priceTicks, quantityLots)) {
            return RejectReason.OVERFLOW;
        }
        return null;
    }

    /**
     * Places a market order (IOC or FOK), sized by quantity or, for a buy, by a quote budget: exactly one
     * of {@code quantityLots} and {@code quoteBudgetMinor} is positive. A budget buys whole lots while it
     * lasts; it ends with {@link CancelReason#BUDGET_EXHAUSTED} when what is left cannot pay the next lot,
     * with {@link CancelReason#IOC_REMAINDER} when the book runs dry first. For a budget order the
     * remaining lots reported in callbacks are 0. A budget FOK is fillable when the book holds enough to
     * spend the budget down to less than one more lot.
     * Refusals: INVALID_ORDER (id, null, GTC, both sizes or a sell by budget), INVALID_QUANTITY (no size or
     * negative), INVALID_AMOUNT (negative budget), DUPLICATE_ORDER_ID, NO_LIQUIDITY (nothing on the other
     * side, or a budget too small for one lot at the best price), FOK_NOT_FILLABLE.
     */
    public void placeMarket(long orderId, long userId, Side side, long quantityLots, long quoteBudgetMinor,
                            TimeInForce tif, SelfTradePrevention stp) {
        RejectReason refusal = checkMarket(orderId, userId, side, quantityLots, quoteBudgetMinor, tif, stp);
        if (refusal != null) {
            listener.rejected(orderId, refusal);
            return;
        }
        accept(orderId);
        // A market order never rests, so it is a taker with no limit price and a non-GTC time in force.
        OrderNode taker = newOrder(orderId, userId, side, OrderKind.RESTING, 0, 0, quantityLots, quoteBudgetMinor,
                tif, false, stp);
        execute(taker, marketLimit(side), false);
        triggerStops();
    }

    private RejectReason checkMarket(long orderId, long userId, Side side, long quantityLots, long quoteBudgetMinor,
                                     TimeInForce tif, SelfTradePrevention stp) {
        if (orderId <= 0 || side == null || tif == null || stp == null || tif == TimeInForce.GTC) {
            return RejectReason.INVALID_ORDER;
        }
        RejectReason sizing = checkMarketSizing(side, quantityLots, quoteBudgetMinor);
        if (sizing != null) {
            return sizing;
        }
        if (index.contains(orderId)) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        BookSide opposite = oppositeOf(side);
        if (opposite.levelCount() == 0
                || (quoteBudgetMinor > 0 && quoteBudgetMinor / quoteMinorPerTickLot < opposite.bestPriceTicks())) {
            return RejectReason.NO_LIQUIDITY;
        }
        if (tif == TimeInForce.FOK
                && !canFillCompletely(side, userId, stp, marketLimit(side), quantityLots, quoteBudgetMinor)) {
            return RejectReason.FOK_NOT_FILLABLE;
        }
        return null;
    }

    private static RejectReason checkMarketSizing(Side side, long quantityLots, long quoteBudgetMinor) {
        if (quantityLots < 0) {
            return RejectReason.INVALID_QUANTITY;
        }
        if (quoteBudgetMinor < 0) {
            return RejectReason.INVALID_AMOUNT;
        }
        if (quantityLots == 0 && quoteBudgetMinor == 0) {
            return RejectReason.INVALID_QUANTITY;
        }
        if ((quantityLots > 0 && quoteBudgetMinor > 0) || (quoteBudgetMinor > 0 && side == Side.SELL)) {
            return RejectReason.INVALID_ORDER;
        }
        return null;
    }

    /**
     * Places a stop-limit order: it waits off the book until the last trade price crosses
     * {@code stopPriceTicks}, then enters as a limit order with {@code tif} (a triggered FOK that cannot
     * fill completely, or an IOC that cannot trade, is cancelled with {@link CancelReason#IOC_REMAINDER}).
     * Callbacks: accepted, stopPending. Refusals: INVALID_ORDER, INVALID_PRICE, INVALID_QUANTITY,
     * OVERFLOW, DUPLICATE_ORDER_ID, STOP_ALREADY_TRIGGERED (the last trade price already crossed the stop).
     */
    public void placeStopLimit(long orderId, long userId, Side side, long stopPriceTicks, long limitPriceTicks,
                               long quantityLots, TimeInForce tif, SelfTradePrevention stp) {
        RejectReason refusal = checkStopLimit(orderId, side, stopPriceTicks, limitPriceTicks, quantityLots, tif, stp);
        if (refusal != null) {
            listener.rejected(orderId, refusal);
            return;
        }
        accept(orderId);
        OrderNode stop = newOrder(orderId, userId, side, OrderKind.STOP_LIMIT, limitPriceTicks, stopPriceTicks,
                quantityLots, 0, tif, false, stp);
        addPendingStop(stop);
    }

    private RejectReason checkStopLimit(long orderId, Side side, long stopPriceTicks, long limitPriceTicks,
                                        long quantityLots, TimeInForce tif, SelfTradePrevention stp) {
        if (orderId <= 0 || side == null || tif == null || stp == null) {
            return RejectReason.INVALID_ORDER;
        }
        if (stopPriceTicks <= 0 || limitPriceTicks <= 0) {
            return RejectReason.INVALID_PRICE;
        }
        if (quantityLots <= 0) {
            return RejectReason.INVALID_QUANTITY;
        }
        if (!fitsQuote(limitPriceTicks, quantityLots)) {
            return RejectReason.OVERFLOW;
        }
        if (index.contains(orderId)) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        if (isCrossed(side, stopPriceTicks)) {
            return RejectReason.STOP_ALREADY_TRIGGERED;
        }
        if (tif == TimeInForce.GTC && !levelCanHold(side, limitPriceTicks, quantityLots)) {
            return RejectReason.OVERFLOW;
        }
        return null;
    }

    /**
     * Places a stop-market order: it waits off the book until the last trade price crosses
     * {@code stopPriceTicks}, then enters as an IOC market order sized by quantity or (buy only) by
     * budget, exactly as {@link #placeMarket} would, except that finding no liquidity then cancels it
     * with {@link CancelReason#IOC_REMAINDER}. Callbacks: accepted, stopPending. Refusals: INVALID_ORDER,
     * INVALID_PRICE, INVALID_QUANTITY, INVALID_AMOUNT, DUPLICATE_ORDER_ID, STOP_ALREADY_TRIGGERED.
     */
    public void placeStopMarket(long orderId, long userId, Side side, long stopPriceTicks, long quantityLots,
                                long quoteBudgetMinor, SelfTradePrevention stp) {
        RejectReason refusal = checkStopMarket(orderId, side, stopPriceTicks, quantityLots, quoteBudgetMinor, stp);
        if (refusal != null) {
            listener.rejected(orderId, refusal);
            return;
        }
        accept(orderId);
        OrderNode stop = newOrder(orderId, userId, side, OrderKind.STOP_MARKET, 0, stopPriceTicks, quantityLots,
                quoteBudgetMinor, TimeInForce.IOC, false, stp);
        addPendingStop(stop);
    }

    private RejectReason checkStopMarket(long orderId, Side side, long stopPriceTicks, long quantityLots,
                                         long quoteBudgetMinor, SelfTradePrevention stp) {
        if (orderId <= 0 || side == null || stp == null) {
            return RejectReason.INVALID_ORDER;
        }
        if (stopPriceTicks <= 0) {
            return RejectReason.INVALID_PRICE;
        }
        RejectReason sizing = checkMarketSizing(side, quantityLots, quoteBudgetMinor);
        if (sizing != null) {
            return sizing;
        }
        if (index.contains(orderId)) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        if (isCrossed(side, stopPriceTicks)) {
            return RejectReason.STOP_ALREADY_TRIGGERED;
        }
        return null;
    }

    /**
     * Places a one-cancels-other pair of the same side and quantity: a GTC limit order (which may trade
     * at once, like {@link #placeLimit}) and a pending stop ({@code stopLimitPriceTicks} = 0 makes it a
     * stop-market order, else a GTC stop-limit). The first fill of either leg, the stop's trigger, or a
     * leg ending any other way (cancel, self-trade prevention) cancels the other leg with
     * {@link CancelReason#OCO_SIBLING}; after a first fill the rest of the filled leg carries on alone.
     * The command is identified by {@code limitOrderId}: callbacks accepted(limit), stopPending(stop),
     * then the limit leg's traded*, cancelled(stop) on its first fill, rested(limit).
     * Refusals: as {@link #placeLimit} and {@link #placeStopLimit}; equal ids are INVALID_ORDER.
     */
    public void placeOco(long limitOrderId, long stopOrderId, long userId, Side side, long limitPriceTicks,
                         long quantityLots, long stopPriceTicks, long stopLimitPriceTicks, SelfTradePrevention stp) {
        RejectReason refusal = checkOco(limitOrderId, stopOrderId, side, limitPriceTicks, quantityLots, stopPriceTicks,
                stopLimitPriceTicks, stp);
        if (refusal != null) {
            listener.rejected(limitOrderId, refusal);
            return;
        }
        accept(limitOrderId);
        OrderKind stopKind = stopLimitPriceTicks == 0 ? OrderKind.STOP_MARKET : OrderKind.STOP_LIMIT;
        TimeInForce stopTif = stopLimitPriceTicks == 0 ? TimeInForce.IOC : TimeInForce.GTC;
        OrderNode stop = newOrder(stopOrderId, userId, side, stopKind, stopLimitPriceTicks, stopPriceTicks,
                quantityLots, 0, stopTif, false, stp);
        OrderNode limit = newOrder(limitOrderId, userId, side, OrderKind.RESTING, limitPriceTicks, 0, quantityLots, 0,
                TimeInForce.GTC, false, stp);
        stop.ocoSibling = limit;
        limit.ocoSibling = stop;
        addPendingStop(stop);
        execute(limit, limitPriceTicks, false);
        triggerStops();
    }

    private RejectReason checkOco(long limitOrderId, long stopOrderId, Side side, long limitPriceTicks,
                                  long quantityLots, long stopPriceTicks, long stopLimitPriceTicks,
                                  SelfTradePrevention stp) {
        if (limitOrderId <= 0 || stopOrderId <= 0 || limitOrderId == stopOrderId || side == null || stp == null) {
            return RejectReason.INVALID_ORDER;
        }
        if (limitPriceTicks <= 0 || stopPriceTicks <= 0 || stopLimitPriceTicks < 0) {
            return RejectReason.INVALID_PRICE;
        }
        if (quantityLots <= 0) {
            return RejectReason.INVALID_QUANTITY;
        }
        if (!fitsQuote(limitPriceTicks, quantityLots) || !fitsQuote(stopLimitPriceTicks, quantityLots)) {
            return RejectReason.OVERFLOW;
        }
        if (index.contains(limitOrderId) || index.contains(stopOrderId)) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        if (isCrossed(side, stopPriceTicks)) {
            return RejectReason.STOP_ALREADY_TRIGGERED;
        }
        if (!levelCanHold(side, limitPriceTicks, quantityLots)
                || (stopLimitPriceTicks > 0 && !levelCanHold(side, stopLimitPriceTicks, quantityLots))) {
            return RejectReason.OVERFLOW;
        }
        return null;
    }

    /**
     * Cancels a resting order or a pending stop (and its OCO sibling). Callbacks: accepted,
     * cancelled(USER), cancelled(sibling, OCO_SIBLING). Refusals: UNKNOWN_ORDER, NOT_OWNER.
     */
    public void cancel(long orderId, long userId) {
        OrderNode order = orderId > 0 ? index.get(orderId) : null;
        if (order == null || order.userId != userId) {
            listener.rejected(orderId, order == null ? RejectReason.UNKNOWN_ORDER : RejectReason.NOT_OWNER);
            return;
        }
        accept(orderId);
        endOpenOrder(order, CancelReason.USER);
    }

    /**
     * Lowers the remaining quantity of a resting order or a pending stop; a resting order keeps its
     * place in the queue. Callbacks: accepted, reduced. Refusals: UNKNOWN_ORDER, NOT_OWNER,
     * INVALID_QUANTITY (not {@code 0 < newRemainingLots < remaining}; a budget-sized stop has no lots).
     */
    public void reduce(long orderId, long userId, long newRemainingLots) {
        OrderNode order = orderId > 0 ? index.get(orderId) : null;
        RejectReason refusal = order == null ? RejectReason.UNKNOWN_ORDER
                : order.userId != userId ? RejectReason.NOT_OWNER
                : newRemainingLots <= 0 || newRemainingLots >= order.remainingLots ? RejectReason.INVALID_QUANTITY
                : null;
        if (refusal != null) {
            listener.rejected(orderId, refusal);
            return;
        }
        accept(orderId);
        long oldRemainingLots = order.remainingLots;
        if (order.level != null) {
            order.level.totalLots -= oldRemainingLots - newRemainingLots;
        }
        order.remainingLots = newRemainingLots;
        // A reduction lowers the order's size, as a store records it: size = filled + remaining.
        order.originalLots -= oldRemainingLots - newRemainingLots;
        listener.reduced(orderId, userId, oldRemainingLots, newRemainingLots);
    }

    /**
     * Gives a resting order a new limit price, or a pending stop a new stop price. Either way it loses
     * its place: a resting order joins the back of its new level's queue, and may first trade as a taker
     * (GTC, with its own self-trade mode); a stop goes to the back of the trigger order.
     * Callbacks for a resting order: accepted, moved, traded*, rested (if anything remains), then the
     * stops it triggered; for a stop: accepted, moved. Refusals: UNKNOWN_ORDER, NOT_OWNER, INVALID_PRICE,
     * OVERFLOW, POST_ONLY_WOULD_TAKE (a post-only order moved across the spread), STOP_ALREADY_TRIGGERED.
     */
    public void move(long orderId, long userId, long newPriceTicks) {
        OrderNode order = orderId > 0 ? index.get(orderId) : null;
        RejectReason refusal = checkMove(order, userId, newPriceTicks);
        if (refusal != null) {
            listener.rejected(orderId, refusal);
            return;
        }
        accept(orderId);
        if (order.kind.isPendingStop()) {
            long oldStopTicks = order.stopPriceTicks;
            unlinkStop(order);
            order.stopPriceTicks = newPriceTicks;
            appendStop(order);
            listener.moved(orderId, userId, oldStopTicks, newPriceTicks);
            return;
        }
        long oldPriceTicks = order.priceTicks;
        sideOf(order.side).unlink(order);
        restingCount--;
        order.priceTicks = newPriceTicks;
        listener.moved(orderId, userId, oldPriceTicks, newPriceTicks);
        execute(order, newPriceTicks, true);
        triggerStops();
    }

    private RejectReason checkMove(OrderNode order, long userId, long newPriceTicks) {
        if (order == null) {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (order.userId != userId) {
            return RejectReason.NOT_OWNER;
        }
        if (newPriceTicks <= 0) {
            return RejectReason.INVALID_PRICE;
        }
        if (order.kind.isPendingStop()) {
            return isCrossed(order.side, newPriceTicks) ? RejectReason.STOP_ALREADY_TRIGGERED : null;
        }
        if (!fitsQuote(newPriceTicks, order.remainingLots)) {
            return RejectReason.OVERFLOW;
        }
        if (order.postOnly && crosses(order.side, newPriceTicks)) {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        if (!levelCanHold(order.side, newPriceTicks, order.remainingLots)) {
            return RejectReason.OVERFLOW;
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------
    // Matching
    // ------------------------------------------------------------------------------------------------

    /**
     * Lets an accepted order take liquidity up to {@code limitTicks}, then rests its remainder (GTC
     * limit) or ends it. {@code indexed}: the order is already in the id index (moved or triggered).
     */
    private void execute(OrderNode taker, long limitTicks, boolean indexed) {
        int outcome = match(taker, limitTicks);
        if (outcome == FILLED) {
            endTaker(taker, indexed);
            return;
        }
        if (outcome == SELF_TRADE) {
            listener.cancelled(taker.orderId, taker.userId, taker.remainingLots, CancelReason.SELF_TRADE);
            endTaker(taker, indexed);
            return;
        }
        if (taker.timeInForce == TimeInForce.GTC) {
            if (!indexed) {
                index.put(taker.orderId, taker);
            }
            sideOf(taker.side).append(taker);
            restingCount++;
            listener.rested(taker.orderId, taker.userId, taker.side, taker.priceTicks, taker.remainingLots);
            return;
        }
        CancelReason reason = outcome == BUDGET_EXHAUSTED ? CancelReason.BUDGET_EXHAUSTED : CancelReason.IOC_REMAINDER;
        listener.cancelled(taker.orderId, taker.userId, taker.remainingLots, reason);
        endTaker(taker, indexed);
    }

    private void endTaker(OrderNode taker, boolean indexed) {
        if (indexed) {
            index.remove(taker.orderId);
        }
        if (taker.ocoSibling != null) {
            cancelSibling(taker);
        }
        releaseNode(taker);
    }

    /** The matching loop: walks the opposite side best level first, each level's queue in time order. */
    private int match(OrderNode taker, long limitTicks) {
        boolean buy = taker.side == Side.BUY;
        BookSide book = buy ? asks : bids;
        boolean byBudget = taker.quoteBudgetMinor > 0;
        long takerUserId = taker.userId;
        while (true) {
            PriceLevel level = book.best();
            if (level == null) {
                return BOOK_EXHAUSTED;
            }
            long priceTicks = level.priceTicks;
            if (buy ? priceTicks > limitTicks : priceTicks < limitTicks) {
                return PRICE_LIMIT_REACHED;
            }
            long lotQuoteMinor = priceTicks * quoteMinorPerTickLot;
            OrderNode maker = level.head;
            while (maker != null) {
                OrderNode nextMaker = maker.next;
                if (maker.userId == takerUserId) {
                    SelfTradePrevention mode = taker.selfTradePrevention;
                    if (mode == SelfTradePrevention.CANCEL_TAKER) {
                        return SELF_TRADE;
                    }
                    endOpenOrder(maker, CancelReason.SELF_TRADE);
                    if (mode == SelfTradePrevention.CANCEL_BOTH) {
                        return SELF_TRADE;
                    }
                    maker = nextMaker;
                    continue;
                }
                long fillLots;
                if (byBudget) {
                    long affordableLots = taker.quoteBudgetMinor / lotQuoteMinor;
                    if (affordableLots == 0) {
                        return BUDGET_EXHAUSTED;
                    }
                    fillLots = Math.min(affordableLots, maker.remainingLots);
                } else {
                    fillLots = Math.min(taker.remainingLots, maker.remainingLots);
                }
                // Cannot overflow: price x remaining x quoteMinorPerTickLot was checked when the maker rested.
                long quoteMinor = lotQuoteMinor * fillLots;
                maker.remainingLots -= fillLots;
                level.totalLots -= fillLots;
                if (byBudget) {
                    taker.quoteBudgetMinor -= quoteMinor;
                } else {
                    taker.remainingLots -= fillLots;
                }
                lastTradePriceTicks = priceTicks;
                listener.traded(taker.orderId, takerUserId, maker.orderId, maker.userId, taker.side, priceTicks,
                        fillLots, quoteMinor, maker.remainingLots, taker.remainingLots);
                if (maker.ocoSibling != null) {
                    cancelSibling(maker);
                }
                if (taker.ocoSibling != null) {
                    cancelSibling(taker);
                }
                if (maker.remainingLots == 0) {
                    removeResting(maker);
                    index.remove(maker.orderId);
                    releaseNode(maker);
                }
                if (byBudget ? taker.quoteBudgetMinor == 0 : taker.remainingLots == 0) {
                    return FILLED;
                }
                if (maker.remainingLots > 0) {
                    // Only a budget stops short of the maker's size: what is left cannot pay one more lot here.
                    return BUDGET_EXHAUSTED;
                }
                maker = nextMaker;
            }
        }
    }

    /**
     * Whether a FOK order would fill completely, decided before any fill: walks the liquidity it could
     * take, skipping its owner's orders under CANCEL_MAKER and stopping at them otherwise.
     */
    private boolean canFillCompletely(Side side, long userId, SelfTradePrevention stp, long limitTicks,
                                      long quantityLots, long quoteBudgetMinor) {
        boolean buy = side == Side.BUY;
        BookSide book = buy ? asks : bids;
        long neededLots = quantityLots;
        long budgetMinor = quoteBudgetMinor;
        for (PriceLevel level = book.best(); level != null; level = book.nextWorse(level)) {
            if (buy ? level.priceTicks > limitTicks : level.priceTicks < limitTicks) {
                return false;
            }
            long lotQuoteMinor = level.priceTicks * quoteMinorPerTickLot;
            for (OrderNode maker = level.head; maker != null; maker = maker.next) {
                if (maker.userId == userId) {
                    if (stp == SelfTradePrevention.CANCEL_MAKER) {
                        continue;
                    }
                    return false;
                }
                if (quoteBudgetMinor > 0) {
                    long affordableLots = budgetMinor / lotQuoteMinor;
                    if (affordableLots <= maker.remainingLots) {
                        return true;
                    }
                    budgetMinor -= maker.remainingLots * lotQuoteMinor;
                } else {
                    neededLots -= maker.remainingLots;
                    if (neededLots <= 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------
    // Stops and OCO
    // ------------------------------------------------------------------------------------------------

    private void addPendingStop(OrderNode stop) {
        index.put(stop.orderId, stop);
        appendStop(stop);
        listener.stopPending(stop.orderId, stop.userId, stop.side, stop.stopPriceTicks);
    }

    /** Triggers crossed stops one at a time, earliest placed first, until none is crossed. */
    private void triggerStops() {
        while (stopsHead != null && lastTradePriceTicks > 0) {
            OrderNode stop = stopsHead;
            while (stop != null && !isCrossed(stop.side, stop.stopPriceTicks)) {
                stop = stop.next;
            }
            if (stop == null) {
                return;
            }
            unlinkStop(stop);
            listener.triggered(stop.orderId, stop.userId, lastTradePriceTicks);
            if (stop.ocoSibling != null) {
                cancelSibling(stop);
            }
            enterTriggered(stop);
        }
    }

    private void enterTriggered(OrderNode stop) {
        boolean limit = stop.kind == OrderKind.STOP_LIMIT;
        long limitTicks = limit ? stop.priceTicks : marketLimit(stop.side);
        boolean unfillableFok = stop.timeInForce == TimeInForce.FOK
                && !canFillCompletely(stop.side, stop.userId, stop.selfTradePrevention, limitTicks,
                        stop.remainingLots, stop.quoteBudgetMinor);
        if (unfillableFok) {
            listener.cancelled(stop.orderId, stop.userId, stop.remainingLots, CancelReason.IOC_REMAINDER);
            index.remove(stop.orderId);
            releaseNode(stop);
            return;
        }
        // From here on it is an ordinary taker: a limit may rest (GTC), a market order (IOC) never does.
        stop.kind = OrderKind.RESTING;
        stop.stopPriceTicks = 0;
        execute(stop, limitTicks, true);
    }

    /** Ends the other leg of an OCO pair (cancelled with OCO_SIBLING) and unlinks both. */
    private void cancelSibling(OrderNode order) {
        OrderNode sibling = order.ocoSibling;
        order.ocoSibling = null;
        sibling.ocoSibling = null;
        if (sibling.kind.isPendingStop()) {
            unlinkStop(sibling);
        } else {
            removeResting(sibling);
        }
        index.remove(sibling.orderId);
        listener.cancelled(sibling.orderId, sibling.userId, sibling.remainingLots, CancelReason.OCO_SIBLING);
        releaseNode(sibling);
    }

    /** Ends an open order (resting or pending) before it filled, then its OCO sibling. */
    private void endOpenOrder(OrderNode order, CancelReason reason) {
        if (order.kind.isPendingStop()) {
            unlinkStop(order);
        } else {
            removeResting(order);
        }
        index.remove(order.orderId);
        listener.cancelled(order.orderId, order.userId, order.remainingLots, reason);
        if (order.ocoSibling != null) {
            cancelSibling(order);
        }
        releaseNode(order);
    }

    private void appendStop(OrderNode stop) {
        stop.next = null;
        stop.prev = stopsTail;
        if (stopsTail == null) {
            stopsHead = stop;
        } else {
            stopsTail.next = stop;
        }
        stopsTail = stop;
        pendingStopCount++;
    }

    private void unlinkStop(OrderNode stop) {
        if (stop.prev == null) {
            stopsHead = stop.next;
        } else {
            stop.prev.next = stop.next;
        }
        if (stop.next == null) {
            stopsTail = stop.prev;
        } else {
            stop.next.prev = stop.prev;
        }
        stop.prev = null;
        stop.next = null;
        pendingStopCount--;
    }

    // ------------------------------------------------------------------------------------------------
    // Small helpers
    // ------------------------------------------------------------------------------------------------

    private void accept(long orderId) {
        listener.accepted(orderId, ++sequence);
    }

    private void removeResting(OrderNode order) {
        sideOf(order.side).unlink(order);
        restingCount--;
    }

    private OrderNode newOrder(long orderId, long userId, Side side, OrderKind kind, long priceTicks,
                               long stopPriceTicks, long quantityLots, long quoteBudgetMinor, TimeInForce tif,
                               boolean postOnly, SelfTradePrevention stp) {
        OrderNode node = acquireNode();
        node.orderId = orderId;
        node.userId = userId;
        node.side = side;
        node.kind = kind;
        node.priceTicks = priceTicks;
        node.stopPriceTicks = stopPriceTicks;
        node.remainingLots = quantityLots;
        node.originalLots = quantityLots;
        node.quoteBudgetMinor = quoteBudgetMinor;
        node.timeInForce = tif;
        node.postOnly = postOnly;
        node.selfTradePrevention = stp;
        return node;
    }

    private OrderNode acquireNode() {
        OrderNode node = freeNodes;
        if (node == null) {
            return new OrderNode();
        }
        freeNodes = node.next;
        node.next = null;
        return node;
    }

    private void releaseNode(OrderNode node) {
        node.prev = null;
        node.ocoSibling = null;
        node.level = null;
        node.next = freeNodes;
        freeNodes = node;
    }

    private BookSide sideOf(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private BookSide oppositeOf(Side side) {
        return side == Side.BUY ? asks : bids;
    }

    /** Whether a limit at this price would meet the opposite side's best price. */
    private boolean crosses(Side side, long priceTicks) {
        if (side == Side.BUY) {
            long bestAsk = asks.bestPriceTicks();
            return bestAsk != 0 && priceTicks >= bestAsk;
        }
        long bestBid = bids.bestPriceTicks();
        return bestBid != 0 && priceTicks <= bestBid;
    }

    /** Whether the last trade price has crossed this stop price. */
    private boolean isCrossed(Side side, long stopPriceTicks) {
        if (lastTradePriceTicks == 0) {
            return false;
        }
        return side == Side.BUY ? lastTradePriceTicks >= stopPriceTicks : lastTradePriceTicks <= stopPriceTicks;
    }

    private static long marketLimit(Side side) {
        return side == Side.BUY ? Long.MAX_VALUE : 1;
    }

    /** Whether price x quantity x quoteMinorPerTickLot fits in a long. */
    private boolean fitsQuote(long priceTicks, long quantityLots) {
        if (priceTicks == 0) {
            return true;
        }
        long high = Math.multiplyHigh(priceTicks, quantityLots);
        long low = priceTicks * quantityLots;
        if (high != 0 || low < 0) {
            return false;
        }
        return Math.multiplyHigh(low, quoteMinorPerTickLot) == 0 && low * quoteMinorPerTickLot >= 0;
    }

    /** Whether the level at this price can take this many more lots without its total overflowing. */
    private boolean levelCanHold(Side side, long priceTicks, long quantityLots) {
        PriceLevel level = sideOf(side).find(priceTicks);
        return level == null || level.totalLots <= Long.MAX_VALUE - quantityLots;
    }

    // ------------------------------------------------------------------------------------------------
    // Queries (they allocate; not for the command path)
    // ------------------------------------------------------------------------------------------------

    /** The sequence of the last accepted command; 0 before the first. */
    public long sequence() {
        return sequence;
    }

    /** The highest bid in ticks, 0 when there is none. */
    public long bestBidTicks() {
        return bids.bestPriceTicks();
    }

    /** The lowest ask in ticks, 0 when there is none. */
    public long bestAskTicks() {
        return asks.bestPriceTicks();
    }

    /** The price of the last trade in ticks, 0 before the first trade. */
    public long lastTradePriceTicks() {
        return lastTradePriceTicks;
    }

    /** The number of resting orders plus pending stops. */
    public int openOrderCount() {
        return restingCount + pendingStopCount;
    }

    /** The top {@code levels} price levels of each side, best first. */
    public BookDepth depth(int levels) {
        if (levels < 0) {
            throw new IllegalArgumentException("levels must not be negative: " + levels);
        }
        return new BookDepth(depthOf(bids, levels), depthOf(asks, levels));
    }

    private static List<DepthLevel> depthOf(BookSide side, int levels) {
        List<DepthLevel> result = new ArrayList<>(Math.min(levels, side.levelCount()));
        for (PriceLevel level = side.best(); level != null && result.size() < levels; level = side.nextWorse(level)) {
            result.add(new DepthLevel(level.priceTicks, level.totalLots, level.orderCount));
        }
        return result;
    }

    /** The open order with this id (resting or pending stop), or null. */
    public OrderView order(long orderId) {
        OrderNode node = orderId > 0 ? index.get(orderId) : null;
        return node == null ? null : node.view();
    }

    /**
     * Visits every open order: bids best price first, each level in time order, then asks likewise,
     * then pending stops in placement order. This is the order {@link #restore} expects.
     */
    public void forEachOrder(Consumer<OrderView> visitor) {
        visitSide(bids, visitor);
        visitSide(asks, visitor);
        for (OrderNode stop = stopsHead; stop != null; stop = stop.next) {
            visitor.accept(stop.view());
        }
    }

    /** Every open order in the order of {@link #forEachOrder}. */
    public List<OrderView> orders() {
        List<OrderView> result = new ArrayList<>(openOrderCount());
        forEachOrder(result::add);
        return List.copyOf(result);
    }

    private static void visitSide(BookSide side, Consumer<OrderView> visitor) {
        for (PriceLevel level = side.best(); level != null; level = side.nextWorse(level)) {
            for (OrderNode order = level.head; order != null; order = order.next) {
                visitor.accept(order.view());
            }
        }
    }

    /**
     * A deterministic hash of the whole state: sequence, last trade price, every resting order in
     * priority order and every pending stop in trigger order, with all their fields. Equal books have
     * equal hashes; a rebuilt book has the hash of the book it was taken from.
     */
    public long stateHash() {
        StateHash hash = new StateHash().add(sequence).add(lastTradePriceTicks);
        hashSide(bids, hash);
        hash.add(-1);
        hashSide(asks, hash);
        hash.add(-2);
        for (OrderNode stop = stopsHead; stop != null; stop = stop.next) {
            hashOrder(stop, hash);
        }
        return hash.value();
    }

    private static void hashSide(BookSide side, StateHash hash) {
        for (PriceLevel level = side.best(); level != null; level = side.nextWorse(level)) {
            for (OrderNode order = level.head; order != null; order = order.next) {
                hashOrder(order, hash);
            }
        }
    }

    private static void hashOrder(OrderNode order, StateHash hash) {
        hash.addOrder(order.orderId, order.userId, order.side, order.kind, order.priceTicks, order.stopPriceTicks,
                order.remainingLots, order.originalLots, order.quoteBudgetMinor, order.timeInForce, order.postOnly,
                order.selfTradePrevention, order.ocoSibling == null ? 0 : order.ocoSibling.orderId);
    }

    @Override
    public String toString() {
        return "OrderBook[sequence=" + sequence + ", bestBid=" + bestBidTicks() + ", bestAsk=" + bestAskTicks()
                + ", lastTrade=" + lastTradePriceTicks + ", openOrders=" + openOrderCount() + "]";
    }
}
