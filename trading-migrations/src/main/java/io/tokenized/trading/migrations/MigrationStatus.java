package io.tokenized.trading.migrations;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration as the history table and the packaged scripts see it. Immutable.
 *
 * @param version     e.g. {@code 1}; {@code 0} for the baseline marker
 * @param description e.g. {@code domain tables}
 * @param state       Flyway's state in its own words: {@code Pending}, {@code Success}, {@code Baseline},
 *                    {@code Failed}, ...
 * @param installedOn when it was applied; empty while pending
 */
public record MigrationStatus(String version, String description, String state, Optional<Instant> installedOn) {

    public MigrationStatus {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(installedOn, "installedOn");
    }

    public boolean isPending() {
        return "Pending".equalsIgnoreCase(state);
    }

    public boolean isFailed() {
        return state.toLowerCase(Locale.ROOT).contains("fail");
    }
}
