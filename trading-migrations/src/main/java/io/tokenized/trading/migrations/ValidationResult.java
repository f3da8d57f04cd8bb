package io.tokenized.trading.migrations;

import java.util.List;

/**
 * The applied migrations compared with the packaged scripts (checksums, versions, missing scripts). Immutable.
 *
 * @param problems every mismatch Flyway reports; empty when valid
 */
public record ValidationResult(List<String> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
