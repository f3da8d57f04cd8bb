package io.tokenized.trading.examples;

import io.tokenized.trading.core.memory.InMemoryTradingStore;
import io.tokenized.trading.core.port.TradingStore;
import java.util.List;
import java.util.Objects;

/**
 * The store an example runs on, and how its users come to exist: registered on an in-memory store, or
 * signed up in the auth user table of a database (see {@link TradingDatabase}).
 *
 * <p>Thread-safe as far as its store is (both stores are).
 */
abstract class Backend implements AutoCloseable {

    /** A fresh in-memory store. */
    static Backend inMemory() {
        return new InMemory(new InMemoryTradingStore());
    }

    abstract TradingStore store();

    /** Makes the users exist (idempotent). */
    abstract void signUp(List<String> userIds);

    /** Where the data lives, for messages, e.g. {@code in memory}. */
    abstract String description();

    /** Releases what the backend holds (a connection pool, an embedded server). */
    @Override
    public abstract void close();

    private static final class InMemory extends Backend {
        private final InMemoryTradingStore store;

        InMemory(InMemoryTradingStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        @Override
        TradingStore store() {
            return store;
        }

        @Override
        void signUp(List<String> userIds) {
            userIds.forEach(store::registerUser);
        }

        @Override
        String description() {
            return "in memory";
        }

        @Override
        public void close() {
            // nothing held outside the heap
        }
    }
}
