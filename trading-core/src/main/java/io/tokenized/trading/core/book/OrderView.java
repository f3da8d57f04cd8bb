package io.tokenized.trading.core.book;

import java.util.Objects;

/**
 * An immutable snapshot of one open order of an {@link OrderBook}: a resting limit order or a pending
 * stop. It carries everything needed to {@linkplain OrderBook#restore rebuild} the order exactly.
 *
 * @param orderId             the caller-chosen id, positive and unique within the book
 * @param userId              the owner
 * @param side                buy or sell
 * @param kind                resting, or which kind of pending stop
 * @param priceTicks          the limit price; 0 for a stop-market order
 * @param stopPriceTicks      the trigger price of a pending stop; 0 for a resting order
 * @param remainingLots       what is left to fill; 0 only for a stop-market buy sized by budget
 * @param originalLots        the order's size: the quantity it was placed with, less reductions
 *                            (so filled = originalLots - remainingLots)
 * @param quoteBudgetMinor    the quote budget of a stop-market buy sized by budget; otherwise 0
 * @param timeInForce         GTC for a resting order; what a stop-limit becomes when it triggers;
 *                            IOC for a stop-market order
 * @param postOnly            whether a resting order may never take liquidity (also when moved)
 * @param selfTradePrevention what happens when this order, as the taker, meets its owner's order
 * @param ocoSiblingId        the other leg of its one-cancels-other pair, or 0
 */
public record OrderView(long orderId, long userId, Side side, OrderKind kind, long priceTicks, long stopPriceTicks,
                        long remainingLots, long originalLots, long quoteBudgetMinor, TimeInForce timeInForce,
                        boolean postOnly, SelfTradePrevention selfTradePrevention, long ocoSiblingId) {
    public OrderView {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
    }

    /** Whether the order waits off the book for its stop price. */
    public boolean isPendingStop() {
        return kind.isPendingStop();
    }
}
