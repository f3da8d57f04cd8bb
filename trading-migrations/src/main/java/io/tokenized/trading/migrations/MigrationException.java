package io.tokenized.trading.migrations;

/**
 * The one exception of this module: the database cannot be reached, a prerequisite is missing, a pooled
 * endpoint was refused, or Flyway failed. Messages name what is wrong and what to do; they never contain
 * a password.
 */
public class MigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
