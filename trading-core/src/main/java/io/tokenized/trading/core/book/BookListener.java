package io.tokenized.trading.core.book;

import io.tokenized.trading.core.RejectReason;

/**
 * Receives what an {@link OrderBook} command did, synchronously and in order, as primitive values so
 * that the matching loop allocates nothing. The engine turns these calls into immutable events.
 *
 * <p>Every command produces exactly one of {@link #rejected} or {@link #accepted} first; the other
 * calls follow only after {@code accepted}. Quantities are in lots, prices in ticks, quote amounts in
 * minor units of the quote asset. For a market buy sized by quote budget the remaining lots reported
 * are 0: such an order has no lot quantity, its spending is the sum of its trades' quote amounts.
 *
 * <p>Called on the book's single writer thread, synchronously, while the book is mid-command: an
 * implementation must not call back into the book.
 */
public interface BookListener {

    /** The command was refused; the book is exactly as before. */
    void rejected(long orderId, RejectReason reason);

    /** The command was accepted and got the market's next {@code sequence}. */
    void accepted(long orderId, long sequence);

    /**
     * A trade at the maker's price. {@code makerRemainingLots} and {@code takerRemainingLots} are what
     * is left of each order after this trade (0 = completely filled).
     */
    void traded(long takerOrderId, long takerUserId, long makerOrderId, long makerUserId, Side takerSide,
                long priceTicks, long quantityLots, long quoteMinor, long makerRemainingLots, long takerRemainingLots);

    /** The order (or its remainder) now rests on the book; also after a move, at the new price. */
    void rested(long orderId, long userId, Side side, long priceTicks, long remainingLots);

    /** A stop order (or the stop leg of an OCO pair) is waiting off the book for its trigger price. */
    void stopPending(long orderId, long userId, Side side, long stopPriceTicks);

    /** The last trade price crossed a stop; the order now enters the book as a limit or market order. */
    void triggered(long orderId, long userId, long lastTradePriceTicks);

    /** An accepted order ended with {@code remainingLots} unfilled. */
    void cancelled(long orderId, long userId, long remainingLots, CancelReason reason);

    /** A resting order's remaining quantity went down; it kept its place in the queue. */
    void reduced(long orderId, long userId, long oldRemainingLots, long newRemainingLots);

    /** A resting order got a new price and lost its place in the queue (it may trade as a taker next). */
    void moved(long orderId, long userId, long oldPriceTicks, long newPriceTicks);
}
