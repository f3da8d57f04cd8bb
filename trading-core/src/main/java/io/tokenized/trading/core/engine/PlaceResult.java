package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;

import java.util.List;
import java.util.Objects;

/** What placing an order did. */
public sealed interface PlaceResult extends OrderResult {

    /**
     * The order was accepted. {@code order} is its state after the command (for an OCO pair, the limit
     * leg); {@code trades} are the trades the command executed, its own and those of stops it triggered.
     */
    record Placed(Order order, List<Trade> trades) implements PlaceResult {
        public Placed {
            Objects.requireNonNull(order, "order");
            trades = List.copyOf(trades);
        }
    }

    /**
     * The client order id was placed before with the same request (its prices and quantity as placed: a move
     * or a reduce since does not make a retry another request); {@code order} is its current state.
     */
    record AlreadyPlaced(Order order) implements PlaceResult {
        public AlreadyPlaced {
            Objects.requireNonNull(order, "order");
        }
    }

    /** Refused; nothing changed. */
    record Rejected(RejectReason reason) implements PlaceResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Whether the request was accepted now or before. */
    default boolean isAccepted() {
        return !(this instanceof Rejected);
    }
}
