package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.TradingException;

/**
 * The trading schema is not at the version this library was written for: the migrations have not run,
 * ran only partly, or a newer library migrated it further. Thrown by {@link JdbiTradingStore#create}.
 */
public final class SchemaVersionException extends TradingException {
    private static final long serialVersionUID = 1L;

    public SchemaVersionException(String message) {
        super(message);
    }
}
