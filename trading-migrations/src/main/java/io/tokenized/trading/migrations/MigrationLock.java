package io.tokenized.trading.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A session-level advisory lock per schema, held on a dedicated connection while migrations run, so a
 * second process waits for the first and then finds its work done (Flyway's own lock alone does not cover
 * creating the history table). One owner; closing releases it with the connection.
 */
final class MigrationLock implements AutoCloseable {

    private static final String KEY_PREFIX = "io.tokenized.trading.migrations:";

    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    /** Work done while the lock is held. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Blocks until the lock on {@code schema} is held, runs {@code work}, releases; owns {@code connection}. */
    static <T> T holding(Connection connection, String schema, Work<T> work) throws SQLException {
        try (MigrationLock lock = acquire(connection, schema)) {
            return lock.run(work);
        }
    }

    private <T> T run(Work<T> work) throws SQLException {
        return work.run();
    }

    private static MigrationLock acquire(Connection connection, String schema) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, KEY_PREFIX + schema);
            lock.execute();
            return new MigrationLock(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        // closing the session releases a session lock even if the unlock below fails
        try (connection) {
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock_all()")) {
                unlock.execute();
            }
        }
    }
}
