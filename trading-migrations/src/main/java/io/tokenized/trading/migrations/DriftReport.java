package io.tokenized.trading.migrations;

import java.util.List;
import java.util.Objects;

/**
 * The live domain tables compared with what a migration version creates. Immutable.
 *
 * @param version     the version compared against
 * @param differences every difference found; empty when the live tables match
 */
public record DriftReport(String version, List<SchemaDifference> differences) {

    public DriftReport {
        Objects.requireNonNull(version, "version");
        differences = List.copyOf(differences);
    }

    public boolean matches() {
        return differences.isEmpty();
    }
}
