package io.tokenized.trading.core.book;

/** Why an accepted order stopped before it was completely filled. */
public enum CancelReason {
    /** Its owner cancelled it. */
    USER,
    /**
     * The unfilled remainder of an IOC or market order; also a triggered stop that could not trade as
     * its time in force required (an FOK that could not fill completely, a market order facing an empty
     * book).
     */
    IOC_REMAINDER,
    /** Self-trade prevention removed it. */
    SELF_TRADE,
    /** The other leg of its one-cancels-other pair filled or triggered. */
    OCO_SIBLING,
    /** A market buy spent its quote budget before its quantity was reached, or the rest was too small for a lot. */
    BUDGET_EXHAUSTED,
    /** The market was delisted. */
    MARKET_DELISTED
}
