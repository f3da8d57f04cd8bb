package io.tokenized.trading.core.book;

/** How long an order may wait for a counterparty. */
public enum TimeInForce {
    /** Good till cancelled: the remainder rests on the book. */
    GTC,
    /** Immediate or cancel: fills what it can now, the remainder is cancelled. */
    IOC,
    /** Fill or kill: fills completely now or is rejected before any fill. */
    FOK
}
