package io.tokenized.trading.core.order;

/** Where an order is in its life. FILLED and CANCELLED are final. */
public enum OrderStatus {
    /** A stop waiting off the book for its trigger price. */
    PENDING,
    /** On the book with nothing filled yet. */
    OPEN,
    /** On the book with part of its quantity filled. */
    PARTIALLY_FILLED,
    /** Completely filled. */
    FILLED,
    /** Ended before it was completely filled; {@code cancelReason} says why. */
    CANCELLED;

    /** Whether the order still holds a reservation (it rests on the book or waits as a stop). */
    public boolean isLive() {
        return this == PENDING || this == OPEN || this == PARTIALLY_FILLED;
    }
}
