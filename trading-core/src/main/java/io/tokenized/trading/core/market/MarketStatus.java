package io.tokenized.trading.core.market;

/** Whether a market trades. */
public enum MarketStatus {
    /** Orders are placed, amended and cancelled. */
    ACTIVE,
    /** Only cancellations are accepted; the book stays as it is. */
    HALTED,
    /** Every open order was cancelled; nothing is accepted any more. */
    DELISTED
}
