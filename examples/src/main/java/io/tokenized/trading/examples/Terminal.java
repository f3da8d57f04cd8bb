package io.tokenized.trading.examples;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a command talks to: its output streams and the environment it reads ({@code DATABASE_URL}, ...).
 * Passed in rather than read from {@link System} so that tests run commands in-process. Immutable; the
 * streams are as thread-safe as {@link PrintStream} is.
 *
 * @param out         results
 * @param err         errors and progress
 * @param environment the variables a command may read
 */
record Terminal(PrintStream out, PrintStream err, Map<String, String> environment) {
    Terminal {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        environment = Map.copyOf(environment);
    }

    /** The value of a variable, or null when it is unset or blank. */
    String variable(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
