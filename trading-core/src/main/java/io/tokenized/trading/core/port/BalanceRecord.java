package io.tokenized.trading.core.port;

import java.util.Objects;

/**
 * One row of {@code user_balances}, in minor units of the asset. A row that does not exist reads as
 * zero and zero.
 *
 * @param availableMinor what the user may spend or withdraw
 * @param lockedMinor    what is reserved for the user's live orders
 */
public record BalanceRecord(String userId, String assetId, long availableMinor, long lockedMinor) {
    public BalanceRecord {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
    }

    /** Available plus locked. */
    public long totalMinor() {
        return Math.addExact(availableMinor, lockedMinor);
    }
}
