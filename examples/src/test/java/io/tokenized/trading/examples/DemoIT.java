package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoIT {

    @Test
    void demoOnItsEmbeddedDatabaseCompletesWithACleanAudit() {
        Commands.Outcome outcome = Commands.run("demo");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("embedded PostgreSQL", "== Trades (ACME) ==", "== Balances ==",
                        "== Order book ACME", "rejected: POST_ONLY_WOULD_TAKE", "rejected: INSUFFICIENT_FUNDS",
                        "CANCELLED, released")
                .contains("clean: every invariant holds");
        // alice's buy of 30 @ 101.00 takes carol's 20 @ 100.50 and then bob's 10 @ 101.00
        assertThat(outcome.out()).containsPattern("100\\.50 +20 +2010\\.00 +alice +BUY +carol")
                .containsPattern("101\\.00 +10 +1010\\.00 +alice +BUY +bob");
    }

    @Test
    void demoRunsOnTheDatabaseOfDatabaseUrlWhenItHoldsTheAuthTables() throws SQLException {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.DRIZZLE_SNAKE_CASE, UserIdKind.TEXT);

            Commands.Outcome outcome = Commands.runWith(Map.of("DATABASE_URL", TestUrls.of(database)), "demo");

            assertThat(outcome.exitCode()).as(outcome.err()).isZero();
            assertThat(outcome.out()).doesNotContain("embedded").contains("clean: every invariant holds");
            assertThat(count(database, "select count(*) from public.trades")).isEqualTo(3);
            assertThat(count(database, "select count(*) from public.tokenized_assets where id like 'ACME%'"))
                    .isOne();
        }
    }

    @Test
    void demoRefusesADatabaseWithoutAuthTablesInOneLineThatSaysWhatToDo() throws SQLException {
        try (TestDatabase database = TestDatabases.create()) {
            Commands.Outcome outcome = Commands.runWith(Map.of("DATABASE_URL", TestUrls.of(database)), "demo");

            assertThat(outcome.exitCode()).isEqualTo(Main.PROBLEMS);
            assertThat(outcome.errLines()).isOne();
            assertThat(outcome.err()).startsWith("error: ").contains("\"user\"").contains("auth migrations first")
                    .doesNotContain("\tat ");
            assertThat(count(database, "select count(*) from information_schema.tables where table_schema = "
                    + "'public'")).isZero();
        }
    }

    static long count(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
