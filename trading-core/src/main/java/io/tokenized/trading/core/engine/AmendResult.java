package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;

import java.util.List;
import java.util.Objects;

/** What amending an order did. */
public sealed interface AmendResult extends OrderResult {

    /** The order changed; a move may have traded. */
    record Amended(Order order, List<Trade> trades) implements AmendResult {
        public Amended {
            Objects.requireNonNull(order, "order");
            trades = List.copyOf(trades);
        }
    }

    /** Refused; nothing changed. */
    record Rejected(RejectReason reason) implements AmendResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
