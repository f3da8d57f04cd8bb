package io.tokenized.trading.migrations;

import java.util.Objects;

/**
 * One way the live domain tables differ from what a migration version creates. Immutable.
 *
 * @param object   what differs, e.g. {@code column orders.price} or {@code index orders_open_book_idx}
 * @param expected what the version creates; {@code absent} when the live database has something extra
 * @param actual   what the live database holds; {@code absent} when it is missing
 */
public record SchemaDifference(String object, String expected, String actual) {

    static final String ABSENT = "absent";

    public SchemaDifference {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
    }

    /** {@code column orders.price: expected numeric(38,18) not null, found double precision}. */
    @Override
    public String toString() {
        if (ABSENT.equals(actual)) {
            return object + ": missing (expected " + expected + ")";
        }
        if (ABSENT.equals(expected)) {
            return object + ": unexpected (found " + actual + ")";
        }
        return object + ": expected " + expected + ", found " + actual;
    }
}
