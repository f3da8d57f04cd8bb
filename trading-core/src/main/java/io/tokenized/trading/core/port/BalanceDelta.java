package io.tokenized.trading.core.port;

import java.util.Objects;

/**
 * A relative change of one balance row, in minor units of the asset. The store adds it to the row
 * (creating the row at zero first when absent). Deltas computed by a work never take a row below zero
 * given the balances the work read through its session, and a maker's fill only spends what is already
 * locked for it, so a store can apply them as {@code available = available + ?} without reading first.
 */
public record BalanceDelta(String userId, String assetId, long availableMinor, long lockedMinor) {
    public BalanceDelta {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
    }
}
