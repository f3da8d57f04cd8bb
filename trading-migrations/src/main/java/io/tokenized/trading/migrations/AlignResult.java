package io.tokenized.trading.migrations;

import java.util.Objects;

/**
 * What {@link TradingMigrations#align(String)} did. Immutable.
 *
 * @param drift     the comparison of the live tables with the version
 * @param baselined true when they matched and the history now records the version as applied; false when
 *                  they differed and nothing was changed
 */
public record AlignResult(DriftReport drift, boolean baselined) {

    public AlignResult {
        Objects.requireNonNull(drift, "drift");
        if (baselined && !drift.matches()) {
            throw new IllegalArgumentException("A drifted schema is never baselined");
        }
    }
}
