package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.TradingException;

/**
 * The database failed a store operation: unreachable, a constraint the engine should never break, a unit
 * that kept failing transiently after every retry. The message says what was being done and why it
 * failed; {@link #sqlState()} carries PostgreSQL's error code when there was one. Nothing of a failed
 * unit was committed, except where {@link CommitOutcomeUnknownException} says it cannot be known.
 */
public class StoreException extends TradingException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public StoreException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** PostgreSQL's SQLSTATE, e.g. {@code 23514}; null when the failure had none. */
    public String sqlState() {
        return sqlState;
    }
}
