package io.tokenized.trading.migrations;

import io.tokenized.trading.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Catalog facts for assertions, read the plain way (not through the code under test). */
final class Catalogs {

    private Catalogs() {
    }

    static List<String> rows(TestDatabase database, String sql, Object... parameters) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static List<String> tables(TestDatabase database, String schema) {
        return rows(database, "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relkind in ('r', 'p') order by 1", schema);
    }

    static List<String> schemas(TestDatabase database) {
        return rows(database, "select nspname from pg_namespace where nspname not like 'pg\\_%'"
                + " and nspname <> 'information_schema' order by 1");
    }

    /** The version 1 tables as an earlier backend might have created them: same SQL, no migration history. */
    static void createLegacyDomainTables(TestDatabase database, TradingMigrations migrations) throws Exception {
        runScripts(database, migrations, "V1__domain_tables.sql");
    }

    /** Runs packaged scripts as plain SQL, in order and without Flyway, so no migration history is written. */
    static void runScripts(TestDatabase database, TradingMigrations migrations, String... scripts) throws Exception {
        for (String script : scripts) {
            String sql;
            String resource = TradingMigrations.LOCATION + "/" + script;
            try (var in = Catalogs.class.getClassLoader().getResourceAsStream(resource)) {
                sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            for (var placeholder : migrations.placeholders().entrySet()) {
                sql = sql.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
            }
            database.execute(sql);
        }
    }
}
