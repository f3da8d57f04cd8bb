package io.tokenized.trading.core.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A user's holding of one asset.
 *
 * @param available what the user may spend or withdraw
 * @param locked    what is reserved for the user's live orders
 */
public record Balance(String userId, String assetId, BigDecimal available, BigDecimal locked) {
    public Balance {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(locked, "locked");
    }

    /** Available plus locked. */
    public BigDecimal total() {
        return available.add(locked);
    }
}
