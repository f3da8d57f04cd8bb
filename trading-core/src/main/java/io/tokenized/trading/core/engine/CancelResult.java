package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;

import java.util.Objects;

/** What cancelling an order did. */
public sealed interface CancelResult extends OrderResult {

    /** The order is cancelled and its reservation released; {@code order} is its final state. */
    record Cancelled(Order order) implements CancelResult {
        public Cancelled {
            Objects.requireNonNull(order, "order");
        }
    }

    /** Refused; nothing changed. */
    record Rejected(RejectReason reason) implements CancelResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
