package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabaseExtension;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rules the migrations enforce in the database itself, whatever the code above it does. */
@ExtendWith(TestDatabaseExtension.class)
class SchemaRulesIT {

    private static String alice;

    @BeforeAll
    static void migrate(TestDatabase database) {
        database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
        TradingMigrations.builder(database.dataSource()).build().migrate();
        alice = database.insertUser();
        database.execute("""
                insert into tokenized_assets (id, kind, name, scale) values ('USD', 'CASH', 'US Dollar', 2);
                insert into tokenized_assets (id, kind, name, scale, quote_asset_id, tick_size, lot_size, min_quantity,
                                              maker_fee_bps, taker_fee_bps)
                     values ('ACME', 'TOKEN', 'Acme shares', 4, 'USD', 0.01, 0.0001, 0.0001, 10, 20);
                """);
        database.execute("insert into transactions (id, user_id, asset_id, kind, amount, idempotency_key)"
                + " values ('" + UUID.randomUUID() + "', '" + alice + "', 'USD', 'DEPOSIT', 100.25, 'deposit-1');"
                + "insert into user_balances (user_id, asset_id, available) values ('" + alice + "', 'USD', 100.25)");
    }

    @Test
    void keepsAmountsExact(TestDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select available + 0.000000000000000001 from user_balances")) {
            row.next();
            assertThat(row.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("100.250000000000000001"));
        }
    }

    @Test
    void refusesANegativeBalance(TestDatabase database) {
        assertThatThrownBy(() -> database.execute("update user_balances set available = -0.01"))
                .hasMessageContaining("user_balances_available_not_negative");
    }

    @Test
    void refusesToChangeOrDeleteAJournalEntry(TestDatabase database) {
        assertThatThrownBy(() -> database.execute("update transactions set amount = 1"))
                .hasMessageContaining("transactions is append-only: UPDATE refused");
        assertThatThrownBy(() -> database.execute("delete from transactions"))
                .hasMessageContaining("transactions is append-only: DELETE refused");
        assertThatThrownBy(() -> database.execute("truncate transactions cascade"))
                .hasMessageContaining("transactions is append-only: TRUNCATE refused");
    }

    @Test
    void refusesASecondEntryWithTheSameIdempotencyKey(TestDatabase database) {
        assertThatThrownBy(() -> database.execute("insert into transactions (id, user_id, asset_id, kind, amount,"
                + " idempotency_key) values ('" + UUID.randomUUID() + "', '" + alice + "', 'USD', 'DEPOSIT', 1, 'deposit-1')"))
                .hasMessageContaining("transactions_idempotency_key_unique");
    }

    @Test
    void refusesAFillBeyondTheOrderQuantityAndAReusedClientOrderId(TestDatabase database) {
        String order = "insert into orders (id, user_id, asset_id, book_id, client_order_id, side, type, time_in_force,"
                + " price, requested_price, quantity, requested_quantity, filled_quantity, status, sequence, priority)"
                + " values ('%s', '" + alice + "', 'ACME', %d, 'c-1', 'BUY', 'LIMIT', 'GTC', 10.00, 10.00, 2, 2, %s,"
                + " 'OPEN', 1, 1)";

        assertThatThrownBy(() -> database.execute(order.formatted(UUID.randomUUID(), 1, "2.0001")))
                .hasMessageContaining("orders_filled_within_quantity");
        database.execute(order.formatted(UUID.randomUUID(), 2, "0"));
        assertThatThrownBy(() -> database.execute(order.formatted(UUID.randomUUID(), 3, "0")))
                .hasMessageContaining("orders_client_order_id_unique");
    }

    @Test
    void keepsTheRequestedQuantityAtOrAboveTheQuantityAndOnlyBesideOne(TestDatabase database) {
        String order = "insert into orders (id, user_id, asset_id, book_id, side, type, time_in_force, price,"
                + " requested_price, quantity, requested_quantity, quote_budget, status, sequence, priority)"
                + " values ('%s', '" + alice + "', 'ACME', %d, 'BUY', %s, 'OPEN', 1, 1)";

        database.execute(order.formatted(UUID.randomUUID(), 10, "'LIMIT', 'GTC', 10.00, 10.00, 1, 2, null"));
        assertThatThrownBy(() -> database.execute(order.formatted(UUID.randomUUID(), 11,
                "'LIMIT', 'GTC', 10.00, 10.00, 2.0001, 2, null")))
                .hasMessageContaining("orders_quantity_within_requested");
        assertThatThrownBy(() -> database.execute(order.formatted(UUID.randomUUID(), 12,
                "'LIMIT', 'GTC', 10.00, 10.00, 2, null, null")))
                .hasMessageContaining("orders_requested_quantity_with_quantity");
        assertThatThrownBy(() -> database.execute(order.formatted(UUID.randomUUID(), 13,
                "'MARKET', 'IOC', null, null, null, 2, 50.00")))
                .hasMessageContaining("orders_requested_quantity_with_quantity");
        assertThatThrownBy(() -> database.execute(order.formatted(UUID.randomUUID(), 14,
                "'MARKET', 'IOC', null, null, null, -2, 50.00")))
                .hasMessageContaining("orders_requested_quantity_positive");
    }

    @Test
    void keepsARequestedPriceBesideEachPriceOnly(TestDatabase database) {
        String order = "insert into orders (id, user_id, asset_id, book_id, side, type, time_in_force, price,"
                + " requested_price, stop_price, requested_stop_price, quantity, requested_quantity, status, sequence,"
                + " priority) values ('%s', '" + alice + "', 'ACME', %d, 'BUY', 'STOP_LIMIT', 'GTC', %s, 1, 1,"
                + " 'PENDING', 1, 1)";

        // a move since placement: the current prices differ from the requested ones
        database.execute(order.formatted(UUID.randomUUID(), 20, "10.50, 10.00, 9.50, 9.00"));
        assertThatThrownBy(() -> database.execute(order.formatted(UUID.randomUUID(), 21, "10.00, null, 9.00, 9.00")))
                .hasMessageContaining("orders_requested_price_with_price");
        assertThatThrownBy(() -> database.execute(order.formatted(UUID.randomUUID(), 22, "10.00, 10.00, 9.00, null")))
                .hasMessageContaining("orders_requested_stop_price_with_stop_price");
        assertThatThrownBy(() -> database.execute(order.formatted(UUID.randomUUID(), 23, "10.00, -10.00, 9.00, 9.00")))
                .hasMessageContaining("orders_requested_price_positive");
        assertThatThrownBy(() -> database.execute(order.formatted(UUID.randomUUID(), 24, "10.00, 10.00, 9.00, 0")))
                .hasMessageContaining("orders_requested_stop_price_positive");
        assertThatThrownBy(() -> database.execute(
                "update orders set requested_price = null where book_id = 20 and asset_id = 'ACME'"))
                .hasMessageContaining("orders_requested_price_with_price");
    }

    @Test
    void refusesToDeleteAUserWhoHasFinancialRecords(TestDatabase database) {
        assertThatThrownBy(() -> database.execute("delete from \"user\" where id = '" + alice + "'"))
                .hasMessageContaining("violates foreign key constraint");
    }

    @Test
    void refusesATokenWithoutMarketRulesAndALowerCaseCode(TestDatabase database) {
        assertThatThrownBy(() -> database.execute(
                "insert into tokenized_assets (id, kind, name, scale, quote_asset_id) values ('BETA', 'TOKEN', 'Beta', 2, 'USD')"))
                .hasMessageContaining("tokenized_assets_market_rules");
        assertThatThrownBy(() -> database.execute(
                "insert into tokenized_assets (id, kind, name, scale) values ('eur', 'CASH', 'Euro', 2)"))
                .hasMessageContaining("tokenized_assets_code_format");
    }
}
