package io.tokenized.trading.core.engine;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to change a live order: reduce its remaining quantity (it keeps its queue place) or move it
 * to a new price (it loses its queue place and may trade). Exactly one of the two values is set.
 *
 * @param newRemainingQuantity the remaining quantity after the reduce, below the current one
 * @param newPrice             the new limit price (resting order) or stop price (pending stop)
 */
public record AmendOrder(String userId, UUID orderId, BigDecimal newRemainingQuantity, BigDecimal newPrice)
        implements OrderCommand {
    public AmendOrder {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orderId, "orderId");
        if ((newRemainingQuantity == null) == (newPrice == null)) {
            throw new IllegalArgumentException("an amend either reduces the quantity or moves the price");
        }
    }

    public static AmendOrder reduceTo(String userId, UUID orderId, BigDecimal newRemainingQuantity) {
        return new AmendOrder(userId, orderId, Objects.requireNonNull(newRemainingQuantity), null);
    }

    public static AmendOrder moveTo(String userId, UUID orderId, BigDecimal newPrice) {
        return new AmendOrder(userId, orderId, null, Objects.requireNonNull(newPrice));
    }

    public boolean isMove() {
        return newPrice != null;
    }
}
