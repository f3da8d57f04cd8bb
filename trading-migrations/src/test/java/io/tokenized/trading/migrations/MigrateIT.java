package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MigrateIT {

    static Stream<Arguments> authShapesIdKindsAndSchemas() {
        List<Arguments> cases = new ArrayList<>();
        for (BetterAuthShape shape : BetterAuthShape.values()) {
            for (UserIdKind idKind : UserIdKind.values()) {
                for (String schema : List.of("public", "trading")) {
                    cases.add(Arguments.of(shape, idKind, schema));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1} ids, tables in {2}")
    @MethodSource("authShapesIdKindsAndSchemas")
    void createsTheDomainTablesBesideEachAuthShapeAndReRunningChangesNothing(BetterAuthShape shape, UserIdKind idKind,
                                                                             String schema) throws SQLException {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(shape, idKind);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource())
                    .schema(schema).userIdType(idKind.sqlType()).build();

            MigrationResult first = migrations.migrate();
            MigrationResult second = migrations.migrate();

            assertThat(first.migrationsApplied()).isEqualTo(2);
            assertThat(first.versionAfter()).isEqualTo("2");
            assertThat(second.migrationsApplied()).isZero();
            assertThat(second.versionBefore()).contains("2");
            assertThat(second.versionAfter()).isEqualTo("2");
            assertThat(tablesIn(database, schema)).containsAll(TradingMigrations.DOMAIN_TABLES)
                    .contains(TradingMigrations.HISTORY_TABLE);
            assertThat(migrations.checkDrift().differences()).isEmpty();
            assertThat(migrations.validate().valid()).isTrue();

            String userId = database.insertUser();
            database.execute("insert into " + schema + ".tokenized_assets (id, kind, name, scale) values ('USD', 'CASH', 'US Dollar', 2);"
                    + "insert into " + schema + ".user_balances (user_id, asset_id, available) values ('" + userId + "', 'USD', 12.34)");
            assertThat(userBalanceReferencesAuthUser(database, schema)).isTrue();
        }
    }

    private static List<String> tablesIn(TestDatabase database, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select table_name from information_schema.tables where table_schema = ?")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    private static boolean userBalanceReferencesAuthUser(TestDatabase database, String schema) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     select count(*) from pg_constraint
                      where conrelid = to_regclass(?) and contype = 'f'
                        and confrelid = 'public."user"'::regclass and confdeltype = 'r'""")) {
            statement.setString(1, schema + ".user_balances");
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1) == 1;
            }
        }
    }
}
