package io.tokenized.trading.migrations;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TradingMigrations#migrate()} did. Immutable.
 *
 * @param schema          the schema holding the domain tables
 * @param versionBefore   the version before, empty on a database without our history
 * @param versionAfter    the version now applied
 * @param migrationsApplied how many migrations this call applied; 0 when the schema was already current
 */
public record MigrationResult(String schema, Optional<String> versionBefore, String versionAfter,
                              int migrationsApplied) {

    public MigrationResult {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(versionBefore, "versionBefore");
        Objects.requireNonNull(versionAfter, "versionAfter");
        if (migrationsApplied < 0) {
            throw new IllegalArgumentException("migrationsApplied < 0");
        }
    }
}
