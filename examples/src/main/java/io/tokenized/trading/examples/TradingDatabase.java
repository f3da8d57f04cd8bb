package io.tokenized.trading.examples;

import io.tokenized.trading.core.port.TradingStore;
import io.tokenized.trading.migrations.DatabaseUrl;
import io.tokenized.trading.migrations.MigrationException;
import io.tokenized.trading.migrations.MigrationResult;
import io.tokenized.trading.migrations.TradingMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database made ready for the examples: reachable, Better Auth's tables present, the trading
 * migrations applied, and a store over a connection pool.
 *
 * <p>Either the examples' own embedded server (the tables and users are created as the auth owner
 * would) or a database the user names, which must already hold the auth tables. The runtime URL may be a
 * pooler endpoint; migrations then run on its direct endpoint.
 *
 * <p>Thread-safe as far as its store is; {@link #close()} once.
 */
final class TradingDatabase extends Backend {

    private final String description;
    private final String migrationSummary;
    private final DataSource direct;
    private final TradingStore store;
    private final List<AutoCloseable> resources;

    private TradingDatabase(String description, String migrationSummary, DataSource direct, TradingStore store,
                            List<AutoCloseable> resources) {
        this.description = description;
        this.migrationSummary = migrationSummary;
        this.direct = direct;
        this.store = store;
        this.resources = resources;
    }

    /** Starts an embedded PostgreSQL, creates Better Auth's tables, migrates and opens a store. */
    static TradingDatabase embedded() {
        EmbeddedPostgres server;
        try {
            // the library turns synchronous_commit off for speed in tests; a commit here is a real one
            server = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure("could not start an embedded PostgreSQL (" + Main.describe(e) + "); set "
                    + "DATABASE_URL to run on a PostgreSQL of yours instead", e);
        }
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(server);
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:" + server.getPort()
                + "/postgres?user=postgres");
        String version;
        try {
            version = serverVersion(url);
            AuthUsers.createTables(dataSource(url));
        } catch (RuntimeException e) {
            closeAll(resources, e);
            throw e;
        }
        return prepareOrClose(url, url, "embedded PostgreSQL " + version + " on port " + server.getPort()
                + " (Better Auth tables created as its CLI would)", resources);
    }

    /**
     * The database of {@code DATABASE_URL}; migrations use {@code DIRECT_URL} or {@code DATABASE_URL_UNPOOLED}
     * when set, else the direct endpoint of {@code DATABASE_URL}.
     */
    static TradingDatabase fromEnvironment(Map<String, String> environment) {
        DatabaseUrl runtime;
        Optional<DatabaseUrl> migration;
        try {
            runtime = DatabaseUrl.runtimeFromEnvironment(environment).orElseThrow(() ->
                    new CommandFailure("DATABASE_URL is not set", Main.USAGE));
            migration = DatabaseUrl.migrationFromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage() + "; fix the variable", Main.USAGE);
        }
        DatabaseUrl direct = migration.orElse(runtime);
        return prepareOrClose(runtime, direct.isPooled() ? direct.direct() : direct, runtime.toString(),
                new ArrayList<>());
    }

    /** The database at {@code url} (a pooler endpoint runs its migrations on the direct endpoint). */
    static TradingDatabase open(String url) {
        DatabaseUrl runtime = parse(url);
        return prepareOrClose(runtime, runtime.isPooled() ? runtime.direct() : runtime, runtime.toString(),
                new ArrayList<>());
    }

    /** Parses a URL a user gave, as a one-line error when it is not one. */
    static DatabaseUrl parse(String url) {
        try {
            return DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage() + "; pass postgresql://user:password@host:5432/database or "
                    + "jdbc:postgresql://host:5432/database?user=...", Main.USAGE);
        }
    }

    /** Migrates and opens the store; on failure closes {@code resources} (a server, a pool) before rethrowing. */
    private static TradingDatabase prepareOrClose(DatabaseUrl runtime, DatabaseUrl migrationUrl, String description,
                                                  List<AutoCloseable> resources) {
        try {
            return prepare(runtime, migrationUrl, description, resources);
        } catch (RuntimeException e) {
            closeAll(resources, e);
            throw e;
        }
    }

    private static TradingDatabase prepare(DatabaseUrl runtime, DatabaseUrl migrationUrl, String description,
                                           List<AutoCloseable> resources) {
        requireReachable(runtime);
        MigrationResult migrated;
        try {
            migrated = TradingMigrations.builder(migrationUrl).build().migrate();
        } catch (MigrationException e) {
            throw new CommandFailure(Main.firstLine(e.getMessage()), e);
        }
        String summary = "schema " + migrated.schema() + " at version " + migrated.versionAfter()
                + (migrated.migrationsApplied() == 0 ? " (nothing to apply)"
                : " (applied " + migrated.migrationsApplied() + " migration(s))");
        TradingStore store = StoreFactory.open(runtime, resources);
        return new TradingDatabase(description, summary, dataSource(migrationUrl), store, resources);
    }

    /** Fails with a one-line error when the database does not answer. */
    static void requireReachable(DatabaseUrl url) {
        try {
            DriverManager.getConnection(url.jdbcUrl(), url.properties()).close();
        } catch (SQLException e) {
            String message = Main.firstLine(e.getMessage());
            String password = url.password().orElse("");
            throw new CommandFailure("cannot connect to " + url + ": "
                    + (password.isEmpty() ? message : message.replace(password, "***"))
                    + "; check the URL, the credentials and that the server is running", Main.USAGE);
        }
    }

    static DataSource dataSource(DatabaseUrl url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url.jdbcUrl());
        url.user().ifPresent(dataSource::setUser);
        url.password().ifPresent(dataSource::setPassword);
        return dataSource;
    }

    private static String serverVersion(DatabaseUrl url) {
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.properties())) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new CommandFailure("the embedded PostgreSQL does not answer: " + Main.firstLine(e.getMessage()), e);
        }
    }

    @Override
    TradingStore store() {
        return store;
    }

    @Override
    void signUp(List<String> userIds) {
        AuthUsers.signUp(direct, userIds);
    }

    @Override
    String description() {
        return "on " + description;
    }

    /** The database, e.g. {@code embedded PostgreSQL 17.11 on port 41234 (...)} or its masked URL. */
    String name() {
        return description;
    }

    /** What the migrations did, e.g. {@code schema public at version 2 (applied 2 migration(s))}. */
    String migrationSummary() {
        return migrationSummary;
    }

    @Override
    public void close() {
        closeAll(resources, null);
    }

    /** Closes in reverse order of opening (the pool before the server it points at). */
    private static void closeAll(List<AutoCloseable> resources, RuntimeException failure) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
