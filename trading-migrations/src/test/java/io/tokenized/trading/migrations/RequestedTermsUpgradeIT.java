package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Version 2 applied to a database that a deployment at version 1 left behind, orders and all. */
class RequestedTermsUpgradeIT {

    @Test
    void fillsTheRequestedTermsOfEveryExistingOrderFromItsCurrentOnes() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).build();
            atVersionOne(database, migrations).migrate();
            insertOrdersOfVersionOne(database, database.insertUser());

            MigrationResult upgrade = migrations.migrate();

            assertThat(upgrade.versionBefore()).contains("1");
            assertThat(upgrade.migrationsApplied()).isEqualTo(1);
            assertThat(upgrade.versionAfter()).isEqualTo("2");
            assertThat(Catalogs.rows(database, "select client_order_id || ': '"
                    + " || coalesce(trim_scale(quantity)::text, '-') || ' of '"
                    + " || coalesce(trim_scale(requested_quantity)::text, '-') from orders order by 1"))
                    .containsExactly("budget: - of -", "filled: 3 of 3", "moved: 5 of 5", "open: 5 of 5",
                            "reduced: 2 of 2", "stop-limit: 4 of 4", "stop-market: - of -");
            assertThat(Catalogs.rows(database, "select client_order_id || ': '"
                    + " || coalesce(trim_scale(price)::text, '-') || ' of '"
                    + " || coalesce(trim_scale(requested_price)::text, '-') || ', stop '"
                    + " || coalesce(trim_scale(stop_price)::text, '-') || ' of '"
                    + " || coalesce(trim_scale(requested_stop_price)::text, '-') from orders order by 1"))
                    .containsExactly("budget: - of -, stop - of -", "filled: 10 of 10, stop - of -",
                            "moved: 11 of 11, stop - of -", "open: 10 of 10, stop - of -",
                            "reduced: 12 of 12, stop - of -", "stop-limit: 9.5 of 9.5, stop 9 of 9",
                            "stop-market: - of -, stop 13 of 13");
            assertThat(migrations.checkDrift().matches()).isTrue();
            assertThat(migrations.validate().valid()).isTrue();
        }
    }

    @Test
    void theFilledRowsAreHeldToTheNewRulesFromThenOn() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.DRIZZLE_SNAKE_CASE, UserIdKind.TEXT);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).build();
            atVersionOne(database, migrations).migrate();
            insertOrdersOfVersionOne(database, database.insertUser());

            migrations.migrate();

            database.execute("update orders set quantity = 4 where client_order_id = 'open'");
            assertThatThrownBy(() -> database.execute("update orders set quantity = 6 where client_order_id = 'open'"))
                    .hasMessageContaining("orders_quantity_within_requested");
            assertThatThrownBy(() -> database.execute(
                    "update orders set requested_quantity = null where client_order_id = 'filled'"))
                    .hasMessageContaining("orders_requested_quantity_with_quantity");
            database.execute("update orders set price = 10.50, stop_price = 9.50 where client_order_id = 'stop-limit'");
            assertThatThrownBy(() -> database.execute(
                    "update orders set stop_price = null where client_order_id = 'stop-limit'"))
                    .hasMessageContaining("orders_requested_stop_price_with_stop_price");
            assertThatThrownBy(() -> database.execute(
                    "update orders set requested_price = null where client_order_id = 'open'"))
                    .hasMessageContaining("orders_requested_price_with_price");
        }
    }

    /** Our scripts with the settings a host's own Flyway uses for them, stopped at version 1. */
    private static Flyway atVersionOne(TestDatabase database, TradingMigrations migrations) {
        return Flyway.configure().dataSource(database.dataSource())
                .locations("classpath:" + TradingMigrations.LOCATION)
                .table(TradingMigrations.HISTORY_TABLE)
                .schemas(migrations.schema())
                .defaultSchema(migrations.schema())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(migrations.placeholders())
                .target("1")
                .load();
    }

    /** Orders as version 1 stored them: a reduce left only the lowered quantity, a move only the new price. */
    private static void insertOrdersOfVersionOne(TestDatabase database, String user) {
        String order = "insert into orders (id, user_id, asset_id, book_id, client_order_id, side, type, time_in_force,"
                + " price, stop_price, quantity, quote_budget, filled_quantity, filled_quote, locked_amount,"
                + " locked_asset_id, status, cancel_reason, sequence, priority) values ('%s', '" + user
                + "', 'ACME', %s);";
        database.execute("""
                insert into tokenized_assets (id, kind, name, scale) values ('USD', 'CASH', 'US Dollar', 2);
                insert into tokenized_assets (id, kind, name, scale, quote_asset_id, tick_size, lot_size, min_quantity)
                     values ('ACME', 'TOKEN', 'Acme shares', 0, 'USD', 0.01, 1, 1);
                """
                + order.formatted(UUID.randomUUID(), "2, 'open', 'BUY', 'LIMIT', 'GTC', 10.00, null, 5, null, 0, 0,"
                + " 50.10, 'USD', 'OPEN', null, 1, 1048577")
                + order.formatted(UUID.randomUUID(), "4, 'reduced', 'SELL', 'LIMIT', 'GTC', 12.00, null, 2, null, 0, 0,"
                + " 2, 'ACME', 'OPEN', null, 2, 2097153")
                + order.formatted(UUID.randomUUID(), "6, 'filled', 'SELL', 'LIMIT', 'GTC', 10.00, null, 3, null, 3,"
                + " 30.00, 0, 'ACME', 'FILLED', null, 3, 0")
                + order.formatted(UUID.randomUUID(), "8, 'budget', 'BUY', 'MARKET', 'IOC', null, null, null, 20.00, 0,"
                + " 0, 0, 'USD', 'CANCELLED', 'IOC_REMAINDER', 4, 0")
                + order.formatted(UUID.randomUUID(), "10, 'moved', 'SELL', 'LIMIT', 'GTC', 11.00, null, 5, null, 0, 0,"
                + " 5, 'ACME', 'OPEN', null, 5, 5242881")
                + order.formatted(UUID.randomUUID(), "12, 'stop-limit', 'BUY', 'STOP_LIMIT', 'GTC', 9.50, 9.00, 4,"
                + " null, 0, 0, 38.08, 'USD', 'PENDING', null, 6, 6291457")
                + order.formatted(UUID.randomUUID(), "14, 'stop-market', 'BUY', 'STOP_MARKET', 'IOC', null, 13.00,"
                + " null, 30.00, 0, 0, 30.00, 'USD', 'PENDING', null, 7, 7340033"));
    }
}
