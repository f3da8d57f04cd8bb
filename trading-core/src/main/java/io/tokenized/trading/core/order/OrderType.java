package io.tokenized.trading.core.order;

/** How an order prices itself. */
public enum OrderType {
    /** Trades at its limit price or better; the remainder may rest. */
    LIMIT,
    /** Takes what the book offers now; never rests. */
    MARKET,
    /** Waits off the book until the last trade price crosses its stop, then enters as a limit order. */
    STOP_LIMIT,
    /** Waits off the book until the last trade price crosses its stop, then enters as a market order. */
    STOP_MARKET
}
