package io.tokenized.trading.core.book;

/** What happens when an order would trade with a resting order of the same user. */
public enum SelfTradePrevention {
    /** The incoming order's remainder is cancelled; the resting order stays. The default. */
    CANCEL_TAKER,
    /** The resting order is cancelled and matching goes on. */
    CANCEL_MAKER,
    /** Both are cancelled. */
    CANCEL_BOTH
}
