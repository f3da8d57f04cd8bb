package io.tokenized.trading.core.book;

import io.tokenized.trading.core.RejectReason;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A naive order book with the same contract as {@link OrderBook}, written to be obviously correct
 * rather than fast: plain lists, a full scan for the best maker, exact big-integer arithmetic for the
 * overflow checks. Property tests run both on the same commands and compare every callback and the end
 * state. Single writer; not thread-safe.
 */
final class ReferenceBook {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** One open order; {@code time} orders makers at the same price (smaller = earlier). */
    private static final class Entry {
        long orderId;
        long userId;
        Side side;
        OrderKind kind;
        long priceTicks;
        long stopPriceTicks;
        long remainingLots;
        long originalLots;
        long quoteBudgetMinor;
        TimeInForce tif;
        boolean postOnly;
        SelfTradePrevention stp;
        long ocoSiblingId;
        long time;
    }

    private enum Outcome { FILLED, STOPPED, BUDGET_EXHAUSTED, SELF_TRADE }

    private final long quoteMinorPerTickLot;
    private final BookListener listener;
    private final List<Entry> resting = new ArrayList<>();
    private final List<Entry> stops = new ArrayList<>();
    private long clock;
    private long sequence;
    private long lastTradePriceTicks;

    ReferenceBook(long quoteMinorPerTickLot, BookListener listener) {
        this.quoteMinorPerTickLot = quoteMinorPerTickLot;
        this.listener = listener;
    }

    // ---------------------------------------------------------------------------------------------- commands

    void placeLimit(long orderId, long userId, Side side, long priceTicks, long quantityLots, TimeInForce tif,
                    boolean postOnly, SelfTradePrevention stp) {
        RejectReason reason = null;
        if (orderId <= 0 || side == null || tif == null || stp == null || (postOnly && tif != TimeInForce.GTC)) {
            reason = RejectReason.INVALID_ORDER;
        } else if (priceTicks <= 0) {
            reason = RejectReason.INVALID_PRICE;
        } else if (quantityLots <= 0) {
            reason = RejectReason.INVALID_QUANTITY;
        } else if (!quoteFits(priceTicks, quantityLots)) {
            reason = RejectReason.OVERFLOW;
        } else if (find(orderId) != null) {
            reason = RejectReason.DUPLICATE_ORDER_ID;
        } else if (postOnly && crosses(side, priceTicks)) {
            reason = RejectReason.POST_ONLY_WOULD_TAKE;
        } else if (tif != TimeInForce.GTC && !crosses(side, priceTicks)) {
            reason = RejectReason.NO_LIQUIDITY;
        } else if (tif == TimeInForce.FOK && !fillable(side, userId, stp, priceTicks, quantityLots, 0)) {
            reason = RejectReason.FOK_NOT_FILLABLE;
        } else if (tif == TimeInForce.GTC && !levelFits(side, priceTicks, quantityLots)) {
            reason = RejectReason.OVERFLOW;
        }
        if (reason != null) {
            listener.rejected(orderId, reason);
            return;
        }
        listener.accepted(orderId, ++sequence);
        Entry taker = entry(orderId, userId, side, OrderKind.RESTING, priceTicks, 0, quantityLots, 0, tif, postOnly, stp);
        take(taker, priceTicks);
        triggerStops();
    }

    void placeMarket(long orderId, long userId, Side side, long quantityLots, long quoteBudgetMinor, TimeInForce tif,
                     SelfTradePrevention stp) {
        RejectReason reason = null;
        if (orderId <= 0 || side == null || tif == null || stp == null || tif == TimeInForce.GTC) {
            reason = RejectReason.INVALID_ORDER;
        } else if (sizingProblem(side, quantityLots, quoteBudgetMinor) != null) {
            reason = sizingProblem(side, quantityLots, quoteBudgetMinor);
        } else if (find(orderId) != null) {
            reason = RejectReason.DUPLICATE_ORDER_ID;
        } else if (best(side.opposite()) == null || (quoteBudgetMinor > 0
                && BigInteger.valueOf(quoteBudgetMinor).compareTo(quote(best(side.opposite()).priceTicks, 1)) < 0)) {
            reason = RejectReason.NO_LIQUIDITY;
        } else if (tif == TimeInForce.FOK
                && !fillable(side, userId, stp, anyPrice(side), quantityLots, quoteBudgetMinor)) {
            reason = RejectReason.FOK_NOT_FILLABLE;
        }
        if (reason != null) {
            listener.rejected(orderId, reason);
            return;
        }
        listener.accepted(orderId, ++sequence);
        Entry taker = entry(orderId, userId, side, OrderKind.RESTING, 0, 0, quantityLots, quoteBudgetMinor, tif,
                false, stp);
        take(taker, anyPrice(side));
        triggerStops();
    }

    void placeStopLimit(long orderId, long userId, Side side, long stopPriceTicks, long limitPriceTicks,
                        long quantityLots, TimeInForce tif, SelfTradePrevention stp) {
        RejectReason reason = null;
        if (orderId <= 0 || side == null || tif == null || stp == null) {
            reason = RejectReason.INVALID_ORDER;
        } else if (stopPriceTicks <= 0 || limitPriceTicks <= 0) {
            reason = RejectReason.INVALID_PRICE;
        } else if (quantityLots <= 0) {
            reason = RejectReason.INVALID_QUANTITY;
        } else if (!quoteFits(limitPriceTicks, quantityLots)) {
            reason = RejectReason.OVERFLOW;
        } else if (find(orderId) != null) {
            reason = RejectReason.DUPLICATE_ORDER_ID;
        } else if (stopCrossed(side, stopPriceTicks)) {
            reason = RejectReason.STOP_ALREADY_TRIGGERED;
        } else if (tif == TimeInForce.GTC && !levelFits(side, limitPriceTicks, quantityLots)) {
            reason = RejectReason.OVERFLOW;
        }
        if (reason != null) {
            listener.rejected(orderId, reason);
            return;
        }
        listener.accepted(orderId, ++sequence);
        Entry stop = entry(orderId, userId, side, OrderKind.STOP_LIMIT, limitPriceTicks, stopPriceTicks, quantityLots,
                0, tif, false, stp);
        stops.add(stop);
        listener.stopPending(orderId, userId, side, stopPriceTicks);
    }

    void placeStopMarket(long orderId, long userId, Side side, long stopPriceTicks, long quantityLots,
                         long quoteBudgetMinor, SelfTradePrevention stp) {
        RejectReason reason = null;
        if (orderId <= 0 || side == null || stp == null) {
            reason = RejectReason.INVALID_ORDER;
        } else if (stopPriceTicks <= 0) {
            reason = RejectReason.INVALID_PRICE;
        } else if (sizingProblem(side, quantityLots, quoteBudgetMinor) != null) {
            reason = sizingProblem(side, quantityLots, quoteBudgetMinor);
        } else if (find(orderId) != null) {
            reason = RejectReason.DUPLICATE_ORDER_ID;
        } else if (stopCrossed(side, stopPriceTicks)) {
            reason = RejectReason.STOP_ALREADY_TRIGGERED;
        }
        if (reason != null) {
            listener.rejected(orderId, reason);
            return;
        }
        listener.accepted(orderId, ++sequence);
        Entry stop = entry(orderId, userId, side, OrderKind.STOP_MARKET, 0, stopPriceTicks, quantityLots,
                quoteBudgetMinor, TimeInForce.IOC, false, stp);
        stops.add(stop);
        listener.stopPending(orderId, userId, side, stopPriceTicks);
    }

    void placeOco(long limitOrderId, long stopOrderId, long userId, Side side, long limitPriceTicks, long quantityLots,
                  long stopPriceTicks, long stopLimitPriceTicks, SelfTradePrevention stp) {
        RejectReason reason = null;
        if (limitOrderId <= 0 || stopOrderId <= 0 || limitOrderId == stopOrderId || side == null || stp == null) {
            reason = RejectReason.INVALID_ORDER;
        } else if (limitPriceTicks <= 0 || stopPriceTicks <= 0 || stopLimitPriceTicks < 0) {
            reason = RejectReason.INVALID_PRICE;
        } else if (quantityLots <= 0) {
            reason = RejectReason.INVALID_QUANTITY;
        } else if (!quoteFits(limitPriceTicks, quantityLots) || !quoteFits(stopLimitPriceTicks, quantityLots)) {
            reason = RejectReason.OVERFLOW;
        } else if (find(limitOrderId) != null || find(stopOrderId) != null) {
            reason = RejectReason.DUPLICATE_ORDER_ID;
        } else if (stopCrossed(side, stopPriceTicks)) {
            reason = RejectReason.STOP_ALREADY_TRIGGERED;
        } else if (!levelFits(side, limitPriceTicks, quantityLots)
                || (stopLimitPriceTicks > 0 && !levelFits(side, stopLimitPriceTicks, quantityLots))) {
            reason = RejectReason.OVERFLOW;
        }
        if (reason != null) {
            listener.rejected(limitOrderId, reason);
            return;
        }
        listener.accepted(limitOrderId, ++sequence);
        boolean stopMarket = stopLimitPriceTicks == 0;
        Entry stop = entry(stopOrderId, userId, side, stopMarket ? OrderKind.STOP_MARKET : OrderKind.STOP_LIMIT,
                stopLimitPriceTicks, stopPriceTicks, quantityLots, 0,
                stopMarket ? TimeInForce.IOC : TimeInForce.GTC, false, stp);
        Entry limit = entry(limitOrderId, userId, side, OrderKind.RESTING, limitPriceTicks, 0, quantityLots, 0,
                TimeInForce.GTC, false, stp);
        stop.ocoSiblingId = limitOrderId;
        limit.ocoSiblingId = stopOrderId;
        stops.add(stop);
        listener.stopPending(stopOrderId, userId, side, stopPriceTicks);
        take(limit, limitPriceTicks);
        triggerStops();
    }

    void cancel(long orderId, long userId) {
        Entry order = find(orderId);
        if (order == null || order.userId != userId) {
            listener.rejected(orderId, order == null ? RejectReason.UNKNOWN_ORDER : RejectReason.NOT_OWNER);
            return;
        }
        listener.accepted(orderId, ++sequence);
        end(order, CancelReason.USER);
    }

    void reduce(long orderId, long userId, long newRemainingLots) {
        Entry order = find(orderId);
        RejectReason reason = null;
        if (order == null) {
            reason = RejectReason.UNKNOWN_ORDER;
        } else if (order.userId != userId) {
            reason = RejectReason.NOT_OWNER;
        } else if (newRemainingLots <= 0 || newRemainingLots >= order.remainingLots) {
            reason = RejectReason.INVALID_QUANTITY;
        }
        if (reason != null) {
            listener.rejected(orderId, reason);
            return;
        }
        listener.accepted(orderId, ++sequence);
        long old = order.remainingLots;
        order.remainingLots = newRemainingLots;
        order.originalLots -= old - newRemainingLots;
        listener.reduced(orderId, userId, old, newRemainingLots);
    }

    void move(long orderId, long userId, long newPriceTicks) {
        Entry order = find(orderId);
        RejectReason reason = null;
        if (order == null) {
            reason = RejectReason.UNKNOWN_ORDER;
        } else if (order.userId != userId) {
            reason = RejectReason.NOT_OWNER;
        } else if (newPriceTicks <= 0) {
            reason = RejectReason.INVALID_PRICE;
        } else if (order.kind != OrderKind.RESTING) {
            if (stopCrossed(order.side, newPriceTicks)) {
                reason = RejectReason.STOP_ALREADY_TRIGGERED;
            }
        } else if (!quoteFits(newPriceTicks, order.remainingLots)) {
            reason = RejectReason.OVERFLOW;
        } else if (order.postOnly && crosses(order.side, newPriceTicks)) {
            reason = RejectReason.POST_ONLY_WOULD_TAKE;
        } else if (!levelFits(order.side, newPriceTicks, order.remainingLots)) {
            reason = RejectReason.OVERFLOW;
        }
        if (reason != null) {
            listener.rejected(orderId, reason);
            return;
        }
        listener.accepted(orderId, ++sequence);
        if (order.kind != OrderKind.RESTING) {
            long old = order.stopPriceTicks;
            stops.remove(order);
            order.stopPriceTicks = newPriceTicks;
            stops.add(order);
            listener.moved(orderId, userId, old, newPriceTicks);
            return;
        }
        long old = order.priceTicks;
        resting.remove(order);
        order.priceTicks = newPriceTicks;
        listener.moved(orderId, userId, old, newPriceTicks);
        take(order, newPriceTicks);
        triggerStops();
    }

    // ---------------------------------------------------------------------------------------------- matching

    /** Lets a taker (not on the book) trade up to its limit, then rests it or ends it. */
    private void take(Entry taker, long limitTicks) {
        Outcome outcome = match(taker, limitTicks);
        if (outcome == Outcome.FILLED) {
            endSibling(taker);
        } else if (outcome == Outcome.SELF_TRADE) {
            listener.cancelled(taker.orderId, taker.userId, taker.remainingLots, CancelReason.SELF_TRADE);
            endSibling(taker);
        } else if (taker.tif == TimeInForce.GTC) {
            taker.time = ++clock;
            resting.add(taker);
            listener.rested(taker.orderId, taker.userId, taker.side, taker.priceTicks, taker.remainingLots);
        } else {
            listener.cancelled(taker.orderId, taker.userId, taker.remainingLots,
                    outcome == Outcome.BUDGET_EXHAUSTED ? CancelReason.BUDGET_EXHAUSTED : CancelReason.IOC_REMAINDER);
            endSibling(taker);
        }
    }

    private Outcome match(Entry taker, long limitTicks) {
        boolean byBudget = taker.quoteBudgetMinor > 0;
        while (true) {
            Entry maker = best(taker.side.opposite());
            if (maker == null || !acceptable(taker.side, maker.priceTicks, limitTicks)) {
                return Outcome.STOPPED;
            }
            if (maker.userId == taker.userId) {
                if (taker.stp == SelfTradePrevention.CANCEL_TAKER) {
                    return Outcome.SELF_TRADE;
                }
                end(maker, CancelReason.SELF_TRADE);
                if (taker.stp == SelfTradePrevention.CANCEL_BOTH) {
                    return Outcome.SELF_TRADE;
                }
                continue;
            }
            long lots;
            if (byBudget) {
                long affordable = BigInteger.valueOf(taker.quoteBudgetMinor)
                        .divide(quote(maker.priceTicks, 1)).longValueExact();
                if (affordable == 0) {
                    return Outcome.BUDGET_EXHAUSTED;
                }
                lots = Math.min(affordable, maker.remainingLots);
            } else {
                lots = Math.min(taker.remainingLots, maker.remainingLots);
            }
            long quoteMinor = quote(maker.priceTicks, lots).longValueExact();
            maker.remainingLots -= lots;
            if (byBudget) {
                taker.quoteBudgetMinor -= quoteMinor;
            } else {
                taker.remainingLots -= lots;
            }
            lastTradePriceTicks = maker.priceTicks;
            listener.traded(taker.orderId, taker.userId, maker.orderId, maker.userId, taker.side, maker.priceTicks,
                    lots, quoteMinor, maker.remainingLots, taker.remainingLots);
            endSibling(maker);
            endSibling(taker);
            if (maker.remainingLots == 0) {
                resting.remove(maker);
            }
            if (byBudget ? taker.quoteBudgetMinor == 0 : taker.remainingLots == 0) {
                return Outcome.FILLED;
            }
        }
    }

    private boolean fillable(Side side, long userId, SelfTradePrevention stp, long limitTicks, long quantityLots,
                             long quoteBudgetMinor) {
        long needed = quantityLots;
        long budget = quoteBudgetMinor;
        for (Entry maker : makersInPriority(side.opposite())) {
            if (!acceptable(side, maker.priceTicks, limitTicks)) {
                return false;
            }
            if (maker.userId == userId) {
                if (stp == SelfTradePrevention.CANCEL_MAKER) {
                    continue;
                }
                return false;
            }
            if (quoteBudgetMinor > 0) {
                long lotCost = quote(maker.priceTicks, 1).longValueExact();
                if (budget / lotCost <= maker.remainingLots) {
                    return true;
                }
                budget -= maker.remainingLots * lotCost;
            } else {
                needed -= maker.remainingLots;
                if (needed <= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private void triggerStops() {
        while (true) {
            Entry stop = null;
            for (Entry candidate : stops) {
                if (stopCrossed(candidate.side, candidate.stopPriceTicks)) {
                    stop = candidate;
                    break;
                }
            }
            if (stop == null) {
                return;
            }
            stops.remove(stop);
            listener.triggered(stop.orderId, stop.userId, lastTradePriceTicks);
            endSibling(stop);
            long limitTicks = stop.kind == OrderKind.STOP_LIMIT ? stop.priceTicks : anyPrice(stop.side);
            if (stop.tif == TimeInForce.FOK && !fillable(stop.side, stop.userId, stop.stp, limitTicks,
                    stop.remainingLots, stop.quoteBudgetMinor)) {
                listener.cancelled(stop.orderId, stop.userId, stop.remainingLots, CancelReason.IOC_REMAINDER);
                continue;
            }
            stop.kind = OrderKind.RESTING;
            stop.stopPriceTicks = 0;
            take(stop, limitTicks);
        }
    }

    /** Removes an open order (cancelled with the reason), then its OCO sibling. */
    private void end(Entry order, CancelReason reason) {
        resting.remove(order);
        stops.remove(order);
        listener.cancelled(order.orderId, order.userId, order.remainingLots, reason);
        endSibling(order);
    }

    /** If the order still has an OCO sibling, cancels the sibling and unlinks the pair. */
    private void endSibling(Entry order) {
        if (order.ocoSiblingId == 0) {
            return;
        }
        Entry sibling = find(order.ocoSiblingId);
        order.ocoSiblingId = 0;
        sibling.ocoSiblingId = 0;
        resting.remove(sibling);
        stops.remove(sibling);
        listener.cancelled(sibling.orderId, sibling.userId, sibling.remainingLots, CancelReason.OCO_SIBLING);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Entry entry(long orderId, long userId, Side side, OrderKind kind, long priceTicks, long stopPriceTicks,
                        long quantityLots, long quoteBudgetMinor, TimeInForce tif, boolean postOnly,
                        SelfTradePrevention stp) {
        Entry entry = new Entry();
        entry.orderId = orderId;
        entry.userId = userId;
        entry.side = side;
        entry.kind = kind;
        entry.priceTicks = priceTicks;
        entry.stopPriceTicks = stopPriceTicks;
        entry.remainingLots = quantityLots;
        entry.originalLots = quantityLots;
        entry.quoteBudgetMinor = quoteBudgetMinor;
        entry.tif = tif;
        entry.postOnly = postOnly;
        entry.stp = stp;
        return entry;
    }

    private Entry find(long orderId) {
        for (Entry entry : resting) {
            if (entry.orderId == orderId) {
                return entry;
            }
        }
        for (Entry entry : stops) {
            if (entry.orderId == orderId) {
                return entry;
            }
        }
        return null;
    }

    private List<Entry> makersInPriority(Side side) {
        List<Entry> makers = new ArrayList<>();
        for (Entry entry : resting) {
            if (entry.side == side) {
                makers.add(entry);
            }
        }
        Comparator<Entry> byPrice = Comparator.comparingLong(entry -> entry.priceTicks);
        makers.sort((side == Side.BUY ? byPrice.reversed() : byPrice).thenComparingLong(entry -> entry.time));
        return makers;
    }

    /** The maker first in priority: the best price, then the earliest. */
    private Entry best(Side side) {
        Entry best = null;
        for (Entry entry : resting) {
            if (entry.side != side) {
                continue;
            }
            boolean betterPrice = best == null
                    || (side == Side.BUY ? entry.priceTicks > best.priceTicks : entry.priceTicks < best.priceTicks);
            if (betterPrice || (entry.priceTicks == best.priceTicks && entry.time < best.time)) {
                best = entry;
            }
        }
        return best;
    }

    private boolean crosses(Side side, long priceTicks) {
        Entry best = best(side.opposite());
        return best != null && acceptable(side, best.priceTicks, priceTicks);
    }

    private static boolean acceptable(Side takerSide, long makerPriceTicks, long limitTicks) {
        return takerSide == Side.BUY ? makerPriceTicks <= limitTicks : makerPriceTicks >= limitTicks;
    }

    private static long anyPrice(Side side) {
        return side == Side.BUY ? Long.MAX_VALUE : 1;
    }

    private boolean stopCrossed(Side side, long stopPriceTicks) {
        return lastTradePriceTicks > 0
                && (side == Side.BUY ? lastTradePriceTicks >= stopPriceTicks : lastTradePriceTicks <= stopPriceTicks);
    }

    private BigInteger quote(long priceTicks, long lots) {
        return BigInteger.valueOf(priceTicks).multiply(BigInteger.valueOf(lots))
                .multiply(BigInteger.valueOf(quoteMinorPerTickLot));
    }

    private boolean quoteFits(long priceTicks, long lots) {
        return quote(priceTicks, lots).compareTo(LONG_MAX) <= 0;
    }

    private boolean levelFits(Side side, long priceTicks, long extraLots) {
        BigInteger total = BigInteger.valueOf(extraLots);
        for (Entry entry : resting) {
            if (entry.side == side && entry.priceTicks == priceTicks) {
                total = total.add(BigInteger.valueOf(entry.remainingLots));
            }
        }
        return total.compareTo(LONG_MAX) <= 0;
    }

    private static RejectReason sizingProblem(Side side, long quantityLots, long quoteBudgetMinor) {
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

    // ---------------------------------------------------------------------------------------------- queries

    long sequence() {
        return sequence;
    }

    long lastTradePriceTicks() {
        return lastTradePriceTicks;
    }

    long bestBidTicks() {
        Entry best = best(Side.BUY);
        return best == null ? 0 : best.priceTicks;
    }

    long bestAskTicks() {
        Entry best = best(Side.SELL);
        return best == null ? 0 : best.priceTicks;
    }

    int openOrderCount() {
        return resting.size() + stops.size();
    }

    BookDepth depth(int levels) {
        return new BookDepth(depthOf(Side.BUY, levels), depthOf(Side.SELL, levels));
    }

    private List<DepthLevel> depthOf(Side side, int levels) {
        List<DepthLevel> result = new ArrayList<>();
        for (Entry maker : makersInPriority(side)) {
            DepthLevel last = result.isEmpty() ? null : result.get(result.size() - 1);
            if (last != null && last.priceTicks() == maker.priceTicks) {
                result.set(result.size() - 1, new DepthLevel(last.priceTicks(), last.totalLots() + maker.remainingLots,
                        last.orderCount() + 1));
            } else if (result.size() < levels) {
                result.add(new DepthLevel(maker.priceTicks, maker.remainingLots, 1));
            } else {
                break;
            }
        }
        return result;
    }

    /** Open orders: bids in priority order, asks in priority order, then stops in placement order. */
    List<OrderView> orders() {
        List<OrderView> views = new ArrayList<>();
        for (Entry entry : makersInPriority(Side.BUY)) {
            views.add(view(entry));
        }
        for (Entry entry : makersInPriority(Side.SELL)) {
            views.add(view(entry));
        }
        for (Entry entry : stops) {
            views.add(view(entry));
        }
        return views;
    }

    OrderView order(long orderId) {
        Entry entry = find(orderId);
        return entry == null ? null : view(entry);
    }

    long stateHash() {
        StateHash hash = new StateHash().add(sequence).add(lastTradePriceTicks);
        for (Entry entry : makersInPriority(Side.BUY)) {
            addTo(hash, entry);
        }
        hash.add(-1);
        for (Entry entry : makersInPriority(Side.SELL)) {
            addTo(hash, entry);
        }
        hash.add(-2);
        for (Entry entry : stops) {
            addTo(hash, entry);
        }
        return hash.value();
    }

    private static void addTo(StateHash hash, Entry entry) {
        hash.addOrder(entry.orderId, entry.userId, entry.side, entry.kind, entry.priceTicks, entry.stopPriceTicks,
                entry.remainingLots, entry.originalLots, entry.quoteBudgetMinor, entry.tif, entry.postOnly, entry.stp,
                entry.ocoSiblingId);
    }

    private static OrderView view(Entry entry) {
        return new OrderView(entry.orderId, entry.userId, entry.side, entry.kind, entry.priceTicks,
                entry.stopPriceTicks, entry.remainingLots, entry.originalLots, entry.quoteBudgetMinor, entry.tif,
                entry.postOnly, entry.stp, entry.ocoSiblingId);
    }
}
