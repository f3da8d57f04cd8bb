package io.tokenized.trading.core.engine;

import java.util.List;

/**
 * The result of an audit: one readable line per broken invariant, empty when everything holds.
 *
 * @param breaks what is wrong, one finding per entry
 */
public record AuditReport(List<String> breaks) {
    public AuditReport {
        breaks = List.copyOf(breaks);
    }

    /** Whether every invariant holds. */
    public boolean isClean() {
        return breaks.isEmpty();
    }

    @Override
    public String toString() {
        if (breaks.isEmpty()) {
            return "Audit: every invariant holds";
        }
        StringBuilder text = new StringBuilder("Audit: ").append(breaks.size()).append(" broken invariant(s)");
        for (String line : breaks) {
            text.append("\n - ").append(line);
        }
        return text.toString();
    }
}
