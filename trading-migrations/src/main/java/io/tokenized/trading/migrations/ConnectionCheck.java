package io.tokenized.trading.migrations;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection check of a shared database as one report: connection, server version, pooled or direct,
 * TLS, auth tables, domain tables, migration state and drift. Reads only. One use per instance.
 */
final class ConnectionCheck {

    private static final List<String> AUTH_TABLES = List.of("user", "session", "account", "verification", "jwks");

    private final DatabaseUrl url;
    private final TradingMigrations migrations;
    private final String authSchema;
    private final String authUserTable;
    private final List<String> problems = new ArrayList<>();

    ConnectionCheck(DatabaseUrl url, TradingMigrations migrations, String authSchema, String authUserTable) {
        this.url = url;
        this.migrations = migrations;
        this.authSchema = authSchema;
        this.authUserTable = authUserTable;
    }

    /** Prints the report; {@link Cli#OK} when nothing is wrong, else {@link Cli#PROBLEMS}. */
    int run(PrintStream out) {
        int domainCount;
        boolean authUserTablePresent;
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.properties())) {
            line(out, "connection", "ok " + url);
            line(out, "server", single(connection, "select version()"));
            line(out, "endpoint", url.isPooled()
                    ? "pooled (" + url.host() + "); migrations need the direct endpoint " + url.direct().host()
                    : "direct");
            line(out, "tls", tls(connection));
            List<String> authTables = present(connection, authSchema, authTableNames());
            List<String> missingAuth = new ArrayList<>(authTableNames());
            missingAuth.removeAll(authTables);
            authUserTablePresent = authTables.contains(authUserTable);
            if (!authUserTablePresent) {
                problems.add("auth user table " + authSchema + "." + authUserTable + " is missing");
            }
            line(out, "auth tables", authSchema + ": " + (authTables.isEmpty() ? "none" : String.join(", ", authTables))
                    + (missingAuth.isEmpty() ? "" : " (missing: " + String.join(", ", missingAuth) + ")"));
            List<String> domainTables = present(connection, migrations.schema(), TradingMigrations.DOMAIN_TABLES);
            domainCount = domainTables.size();
            if (domainCount != TradingMigrations.DOMAIN_TABLES.size()) {
                problems.add(domainCount == 0 ? "no domain tables: run migrate (or align)"
                        : "only " + domainCount + " of " + TradingMigrations.DOMAIN_TABLES.size() + " domain tables");
            }
            line(out, "domain tables", migrations.schema() + ": " + domainCount + " of "
                    + TradingMigrations.DOMAIN_TABLES.size() + " present"
                    + (domainCount == 0 ? "" : " (" + String.join(", ", domainTables) + ")"));
        } catch (SQLException e) {
            line(out, "connection", "FAILED " + url);
            throw new MigrationException("Check failed: " + e.getMessage(), e);
        }
        MigrationInfo info = migrations.info();
        if (info.failedCount() > 0) {
            problems.add(info.failedCount() + " failed migration(s)");
        }
        if (info.pendingCount() > 0) {
            problems.add(info.pendingCount() + " pending migration(s)");
        }
        line(out, "migrations", TradingMigrations.HISTORY_TABLE + ": version " + info.currentVersion().orElse("none")
                + ", " + info.pendingCount() + " pending" + (info.failedCount() > 0 ? ", " + info.failedCount()
                + " FAILED" : ""));
        DriftReport drift = domainCount == 0 || !authUserTablePresent ? null : migrations.checkDrift();
        if (drift == null) {
            line(out, "drift", "not checked: " + (domainCount == 0 ? "no domain tables" : "no auth user table"));
        } else if (drift.matches()) {
            line(out, "drift", "none against version " + drift.version());
        } else {
            line(out, "drift", drift.differences().size() + " difference(s) against version " + drift.version());
            drift.differences().forEach(difference -> out.println("                  " + difference));
            problems.add("the domain tables differ from version " + drift.version());
        }
        if (problems.isEmpty()) {
            line(out, "result", "OK");
            return Cli.OK;
        }
        line(out, "result", problems.size() + " problem(s)");
        problems.forEach(problem -> out.println("                  - " + problem));
        return Cli.PROBLEMS;
    }

    private List<String> authTableNames() {
        List<String> names = new ArrayList<>(AUTH_TABLES);
        if (!names.contains(authUserTable)) {
            names.set(0, authUserTable);
        }
        return names;
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf("%-16s%s%n", label, value);
    }

    private static String tls(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select ssl, version, cipher from pg_stat_ssl where pid = pg_backend_pid()");
             ResultSet row = statement.executeQuery()) {
            if (row.next() && row.getBoolean(1)) {
                return "on (" + row.getString(2) + ", " + row.getString(3) + ")";
            }
            return "off";
        }
    }

    private static List<String> present(Connection connection, String schema, List<String> tables) throws SQLException {
        List<String> present = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = ? and c.relname = any(?) and c.relkind in ('r', 'p')""")) {
            statement.setString(1, schema);
            statement.setArray(2, connection.createArrayOf("text", tables.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    present.add(rows.getString(1));
                }
            }
        }
        present.sort((a, b) -> Integer.compare(tables.indexOf(a), tables.indexOf(b)));
        return present;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }
}
