package io.tokenized.trading.migrations.testing;

import io.tokenized.trading.migrations.DatabaseUrl;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One fresh, empty database on the test server, dropped on {@link #close()}. Create it with
 * {@link TestDatabases#create()} or receive one per test class from {@link TestDatabaseExtension}.
 *
 * <p>Thread-safe: connections come from a {@link PGSimpleDataSource}, one per call.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final DatabaseUrl url;
    private final PGSimpleDataSource dataSource;
    private final Runnable dropper;
    private volatile BetterAuthShape authShape;
    private volatile UserIdKind userIdKind;
    private volatile String authSchema;

    TestDatabase(String name, DatabaseUrl url, Runnable dropper) {
        this.name = name;
        this.url = url;
        this.dropper = dropper;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setURL(url.jdbcUrl());
        url.user().ifPresent(dataSource::setUser);
        url.password().ifPresent(dataSource::setPassword);
    }

    /** The database's name, unique on the server. */
    public String name() {
        return name;
    }

    /** The address of this database, credentials included. */
    public DatabaseUrl url() {
        return url;
    }

    /** {@code jdbc:postgresql://host:port/name...}, without credentials (see {@link #url()} for those). */
    public String jdbcUrl() {
        return url.jdbcUrl();
    }

    /** Connections to this database (a new physical connection each time). */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Creates Better Auth's tables ({@code user}, {@code session}, {@code account}, {@code verification},
     * {@code jwks}) in {@code public}, as the auth owner's tooling would.
     */
    public TestDatabase createBetterAuthTables(BetterAuthShape shape, UserIdKind idKind) {
        return createBetterAuthTables(shape, idKind, "public");
    }

    /** As {@link #createBetterAuthTables(BetterAuthShape, UserIdKind)}, in {@code schema} (created if missing). */
    public TestDatabase createBetterAuthTables(BetterAuthShape shape, UserIdKind idKind, String schema) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(idKind, "idKind");
        String quoted = '"' + schema.replace("\"", "\"\"") + '"';
        execute("create schema if not exists " + quoted + ";\n" + BetterAuthTables.ddl(shape, idKind, quoted));
        this.authShape = shape;
        this.userIdKind = idKind;
        this.authSchema = quoted;
        return this;
    }

    /**
     * Inserts a user into the auth user table created by {@code createBetterAuthTables} and returns its id:
     * 32 random letters and digits (Better Auth's default) or a random UUID, by the id type chosen there.
     */
    public String insertUser() {
        if (authShape == null) {
            throw new IllegalStateException("createBetterAuthTables first: there is no auth user table yet");
        }
        String id = userIdKind == UserIdKind.UUID ? UUID.randomUUID().toString() : randomTextId();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(BetterAuthTables.insertUser(authShape, authSchema))) {
            if (userIdKind == UserIdKind.UUID) {
                insert.setObject(1, UUID.fromString(id));
            } else {
                insert.setString(1, id);
            }
            insert.setString(2, id + "@example.test");
            insert.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("Inserting a user into " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs SQL (several statements allowed) on this database, in autocommit. */
    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on test database " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Drops the database (closing any connection still open to it). */
    @Override
    public void close() {
        dropper.run();
    }

    @Override
    public String toString() {
        return "TestDatabase[" + url + "]";
    }

    private static String randomTextId() {
        StringBuilder id = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
