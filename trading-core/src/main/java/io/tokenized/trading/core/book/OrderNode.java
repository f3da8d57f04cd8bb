package io.tokenized.trading.core.book;

/**
 * One open order inside an {@link OrderBook}: a node of its price level's intrusive FIFO queue (or of
 * the pending-stop list), pooled and reused so that steady-state matching allocates nothing.
 * Single writer (the owning book); not thread-safe.
 */
final class OrderNode {
    long orderId;
    long userId;
    long priceTicks;
    long stopPriceTicks;
    long remainingLots;
    long originalLots;
    long quoteBudgetMinor;
    Side side;
    OrderKind kind;
    TimeInForce timeInForce;
    SelfTradePrevention selfTradePrevention;
    boolean postOnly;
    /** Neighbours in the level queue or in the pending-stop list; {@code next} also links the free pool. */
    OrderNode prev;
    OrderNode next;
    /** The other leg of a one-cancels-other pair while both legs are open. */
    OrderNode ocoSibling;
    /** The level this order rests in; null for a pending stop or a taker in flight. */
    PriceLevel level;

    OrderView view() {
        return new OrderView(orderId, userId, side, kind, priceTicks, stopPriceTicks, remainingLots, originalLots,
                quoteBudgetMinor, timeInForce, postOnly, selfTradePrevention,
                ocoSibling == null ? 0 : ocoSibling.orderId);
    }
}
