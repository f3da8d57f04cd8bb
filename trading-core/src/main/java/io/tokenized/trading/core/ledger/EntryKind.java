package io.tokenized.trading.core.ledger;

/** Why ownership moved; the kind of a journal entry. */
public enum EntryKind {
    /** Funds brought in from outside the ledger. */
    DEPOSIT,
    /** Funds taken out of the ledger. */
    WITHDRAWAL,
    /** One leg of a trade: base or quote changing hands between buyer and seller. */
    TRADE,
    /** A fee paid by a trader, or received by the fee account. */
    FEE,
    /** A correction that cancels an earlier entry. */
    REVERSAL
}
