package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;
import org.junit.jupiter.api.Test;

class PrerequisiteIT {

    @Test
    void refusesToMigrateBeforeTheAuthTablesExistAndChangesNothing() {
        try (TestDatabase database = TestDatabases.create()) {
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).schema("trading").build();

            assertThatThrownBy(migrations::migrate)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("Auth user table \"public\".\"user\" does not exist")
                    .hasMessageContaining("Run the auth migrations first")
                    .hasMessageContaining("then the trading migrations");
            assertThat(Catalogs.schemas(database)).containsExactly("public");
            assertThat(Catalogs.tables(database, "public")).isEmpty();
        }
    }

    @Test
    void refusesAUserIdTypeThatDiffersFromTheAuthTablesAndChangesNothing() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.UUID);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).userIdType("text").build();

            assertThatThrownBy(migrations::migrate)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("\"public\".\"user\".\"id\" is of type uuid")
                    .hasMessageContaining("configured for text");
            assertThat(Catalogs.tables(database, "public"))
                    .containsExactlyInAnyOrder("user", "session", "account", "verification", "jwks");
        }
    }

    @Test
    void namesAMissingIdColumn() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.DRIZZLE_SNAKE_CASE, UserIdKind.TEXT);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource())
                    .authUserIdColumn("user_id").build();

            assertThatThrownBy(migrations::migrate)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("has no column \"user_id\"")
                    .hasMessageContaining("Run the auth migrations first");
            assertThat(Catalogs.tables(database, "public")).doesNotContain(TradingMigrations.HISTORY_TABLE);
        }
    }

    @Test
    void findsTheAuthUserTableInItsOwnSchema() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT, "auth");
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource())
                    .authUserSchema("auth").schema("trading").build();

            assertThat(migrations.migrate().migrationsApplied()).isEqualTo(2);
            assertThat(Catalogs.rows(database, "select confrelid::regclass::text from pg_constraint"
                    + " where conname = 'orders_user_fk'")).containsExactly("auth.\"user\"");
        }
    }

    @Test
    void migratesWithoutAuthTablesWhenUserForeignKeysAreOff() {
        try (TestDatabase database = TestDatabases.create()) {
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource())
                    .createUserForeignKeys(false).build();

            assertThat(migrations.migrate().migrationsApplied()).isEqualTo(2);
            assertThat(Catalogs.rows(database, "select conname from pg_constraint where conname like '%user_fk'")).isEmpty();
            assertThat(migrations.checkDrift().matches()).isTrue();
        }
    }
}
