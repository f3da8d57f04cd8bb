package io.tokenized.trading.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import io.tokenized.trading.migrations.TradingMigrations;
import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fresh database for a test class, set up as a host's would be: Better Auth's tables first (as the
 * auth owner creates them), then the trading migrations, in a schema of their own per store so tests of
 * a class do not see each other's rows. Pools and the database are closed by {@link #close()}.
 *
 * <p>Thread-safe for creating users and pools concurrently.
 */
final class PostgresFixture implements AutoCloseable {

    private final TestDatabase database;
    private final AtomicInteger schemas = new AtomicInteger();
    private final List<HikariDataSource> pools = new ArrayList<>();

    private PostgresFixture(TestDatabase database) {
        this.database = database;
    }

    static PostgresFixture create() {
        TestDatabase database = TestDatabases.create();
        database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
        return new PostgresFixture(database);
    }

    TestDatabase database() {
        return database;
    }

    /** A new schema with the trading tables at the current version. */
    String migratedSchema() {
        String schema = "trading_" + schemas.incrementAndGet();
        TradingMigrations.builder(database.dataSource()).schema(schema).build().migrate();
        return schema;
    }

    /** A connection pool of its own, as another host instance would hold. */
    synchronized HikariDataSource pool(int maximumSize) {
        HikariDataSource pool = TradingDataSources.pooled(database.url(),
                PoolSettings.builder().maximumPoolSize(maximumSize).minimumIdle(1).build());
        pools.add(pool);
        return pool;
    }

    /** A store over {@code schema} with a pool of its own. */
    JdbiTradingStore store(String schema, int poolSize) {
        return JdbiTradingStore.create(pool(poolSize), JdbiStoreConfig.builder().schema(schema).build());
    }

    /** Adds a row to the auth user table; an existing id is left as it is. */
    void createUser(String userId) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into public.\"user\" (\"id\", \"name\", "
                     + "\"email\", \"emailVerified\") values (?, ?, ?, false) on conflict do nothing")) {
            insert.setString(1, userId);
            insert.setString(2, userId);
            insert.setString(3, userId + "@example.test");
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("creating user " + userId + " failed", e);
        }
    }

    /** Closes the pools opened so far, keeping the database. */
    synchronized void closePools() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }

    @Override
    public void close() {
        closePools();
        database.close();
    }
}
