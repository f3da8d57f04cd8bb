package io.tokenized.trading.core.book;

/** What an open order of an {@link OrderBook} is: resting on the book, or a stop waiting off the book. */
public enum OrderKind {
    /** A limit order resting in its price level's queue. */
    RESTING,
    /** A stop waiting for its trigger; it enters the book as a limit order at its limit price. */
    STOP_LIMIT,
    /** A stop waiting for its trigger; it enters the book as a market order (IOC). */
    STOP_MARKET;

    /** Whether the order waits off the book for the last trade price to cross its stop. */
    public boolean isPendingStop() {
        return this != RESTING;
    }
}
