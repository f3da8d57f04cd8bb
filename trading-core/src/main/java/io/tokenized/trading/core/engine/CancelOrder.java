package io.tokenized.trading.core.engine;

import java.util.Objects;
import java.util.UUID;

/** A request to cancel a live order of its owner, as {@link TradingEngine#cancelOrder} does. */
public record CancelOrder(String userId, UUID orderId) implements OrderCommand {
    public CancelOrder {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orderId, "orderId");
    }
}
