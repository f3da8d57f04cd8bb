package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.ledger.LedgerEntry;

import java.util.Objects;

/** What a deposit or withdrawal did. */
public sealed interface TransferResult {

    /**
     * Booked: {@code entry} is the journal entry. Repeating the request with the same idempotency key
     * returns the first entry again.
     */
    record Completed(LedgerEntry entry) implements TransferResult {
        public Completed {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** Refused; nothing changed. */
    record Rejected(RejectReason reason) implements TransferResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
