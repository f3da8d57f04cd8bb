package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adopting domain tables that an earlier backend created, instead of replaying its migrations. */
class AlignIT {

    private static final String DOMAIN_CATALOG = """
            select c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
              from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped and c.relkind = 'r'
            union all
            select 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
             where connamespace = 'public'::regnamespace
            union all
            select 'index ' || indexrelid::regclass::text from pg_index i join pg_class c on c.oid = i.indrelid
             where c.relnamespace = 'public'::regnamespace
            order by 1""";

    @Test
    void baselinesLegacyTablesAtTheNewestVersionTheyMatchAndMigrateContinuesFromThere() throws Exception {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).build();
            Catalogs.createLegacyDomainTables(database, migrations);
            List<String> legacy = Catalogs.rows(database, DOMAIN_CATALOG);

            AlignResult result = migrations.align();

            assertThat(result.baselined()).isTrue();
            assertThat(result.drift().version()).isEqualTo("1");
            assertThat(result.drift().differences()).isEmpty();
            assertThat(migrations.info().currentVersion()).contains("1");
            assertThat(migrations.checkDrift().matches()).isTrue();

            MigrationResult migrated = migrations.migrate();

            assertThat(migrated.versionBefore()).contains("1");
            assertThat(migrated.migrationsApplied()).isEqualTo(1);
            assertThat(migrated.versionAfter()).isEqualTo("2");
            assertThat(Catalogs.rows(database, "select description from trading_schema_history"
                    + " order by installed_rank"))
                    .containsExactly("aligned with existing domain tables", "orders requested terms");
            assertThat(migrations.validate().valid()).isTrue();
            assertThat(migrations.checkDrift().matches()).isTrue();
            assertThat(Catalogs.rows(database, DOMAIN_CATALOG)).containsAll(legacy)
                    .contains("orders.requested_quantity numeric(38,18) false",
                            "orders.requested_price numeric(38,18) false",
                            "orders.requested_stop_price numeric(38,18) false");
            assertThat(Catalogs.schemas(database)).containsExactly("public");
        }
    }

    @Test
    void baselinesLegacyTablesOfTheLatestVersionWithNothingLeftToMigrate() throws Exception {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.DRIZZLE_SNAKE_CASE, UserIdKind.TEXT);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).build();
            Catalogs.runScripts(database, migrations, "V1__domain_tables.sql", "V2__orders_requested_terms.sql");

            AlignResult result = migrations.align();

            assertThat(result.baselined()).isTrue();
            assertThat(result.drift().version()).isEqualTo("2");
            assertThat(migrations.migrate().migrationsApplied()).isZero();
            assertThat(migrations.info().currentVersion()).contains("2");
            assertThat(migrations.validate().valid()).isTrue();
        }
    }

    @Test
    void alignsAtAGivenVersionOnlyWhenTheTablesMatchThatVersion() throws Exception {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).build();
            Catalogs.createLegacyDomainTables(database, migrations);

            AlignResult atTwo = migrations.align("2");
            AlignResult atOne = migrations.align("1");

            assertThat(atTwo.baselined()).isFalse();
            assertThat(atTwo.drift().differences()).extracting(SchemaDifference::toString).containsExactlyInAnyOrder(
                    "column orders.requested_quantity: missing (expected numeric(38,18) null)",
                    "constraint orders.orders_requested_quantity_positive: missing (expected"
                            + " CHECK (((requested_quantity IS NULL) OR (requested_quantity > (0)::numeric))))",
                    "constraint orders.orders_requested_quantity_with_quantity: missing (expected"
                            + " CHECK (((requested_quantity IS NULL) = (quantity IS NULL))))",
                    "constraint orders.orders_quantity_within_requested: missing (expected"
                            + " CHECK (((quantity IS NULL) OR (quantity <= requested_quantity))))",
                    "column orders.requested_price: missing (expected numeric(38,18) null)",
                    "constraint orders.orders_requested_price_positive: missing (expected"
                            + " CHECK (((requested_price IS NULL) OR (requested_price > (0)::numeric))))",
                    "constraint orders.orders_requested_price_with_price: missing (expected"
                            + " CHECK (((requested_price IS NULL) = (price IS NULL))))",
                    "column orders.requested_stop_price: missing (expected numeric(38,18) null)",
                    "constraint orders.orders_requested_stop_price_positive: missing (expected"
                            + " CHECK (((requested_stop_price IS NULL) OR (requested_stop_price > (0)::numeric))))",
                    "constraint orders.orders_requested_stop_price_with_stop_price: missing (expected"
                            + " CHECK (((requested_stop_price IS NULL) = (stop_price IS NULL))))");
            assertThat(atOne.baselined()).isTrue();
            assertThat(atOne.drift().version()).isEqualTo("1");
            assertThat(migrations.migrate().versionAfter()).isEqualTo("2");
        }
    }

    @Test
    void reportsADriftedColumnAndChangesNothing() throws Exception {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.DRIZZLE_SNAKE_CASE, UserIdKind.TEXT);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).build();
            Catalogs.createLegacyDomainTables(database, migrations);
            database.execute("alter table public.orders alter column cancel_reason type varchar(200)");
            List<String> before = Catalogs.rows(database, DOMAIN_CATALOG);

            AlignResult result = migrations.align();

            assertThat(result.baselined()).isFalse();
            assertThat(result.drift().version()).isEqualTo("1");
            assertThat(result.drift().differences()).containsExactly(
                    new SchemaDifference("column orders.cancel_reason", "text null", "character varying(200) null"));
            assertThat(result.drift().differences().get(0)).hasToString(
                    "column orders.cancel_reason: expected text null, found character varying(200) null");
            assertThat(Catalogs.rows(database, DOMAIN_CATALOG)).containsExactlyElementsOf(before);
            assertThat(Catalogs.tables(database, "public")).doesNotContain(TradingMigrations.HISTORY_TABLE);
            assertThat(Catalogs.schemas(database)).containsExactly("public");
            assertThat(migrations.checkDrift().differences()).hasSize(1);
        }
    }

    @Test
    void reportsEveryKindOfDifference() throws Exception {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).build();
            Catalogs.createLegacyDomainTables(database, migrations);
            database.execute("""
                    drop table public.order_book_snapshots;
                    alter table public.user_balances alter column locked drop not null;
                    alter table public.trades add column venue text;
                    alter table public.orders drop constraint orders_side_known;
                    drop index public.trades_asset_sequence_idx;
                    create index legacy_orders_status_idx on public.orders (status);
                    drop trigger transactions_no_truncate on public.transactions;
                    """);

            AlignResult result = migrations.align();

            assertThat(result.baselined()).isFalse();
            assertThat(result.drift().differences()).extracting(SchemaDifference::toString).containsExactlyInAnyOrder(
                    "table order_book_snapshots: missing (expected a table)",
                    "column user_balances.locked: expected numeric(38,18) not null default 0, found numeric(38,18) null default 0",
                    "column trades.venue: unexpected (found text null)",
                    "constraint orders.orders_side_known: missing (expected CHECK ((side = ANY (ARRAY['BUY'::text, 'SELL'::text]))))",
                    "index trades.trades_asset_sequence_idx: missing (expected CREATE INDEX trades_asset_sequence_idx ON trades"
                            + " USING btree (asset_id, sequence))",
                    "index orders.legacy_orders_status_idx: unexpected (found CREATE INDEX legacy_orders_status_idx ON orders"
                            + " USING btree (status))",
                    "trigger transactions.transactions_no_truncate: missing (expected CREATE TRIGGER transactions_no_truncate"
                            + " BEFORE TRUNCATE ON transactions FOR EACH STATEMENT EXECUTE FUNCTION transactions_refuse_change())");
            assertThat(Catalogs.tables(database, "public")).doesNotContain(TradingMigrations.HISTORY_TABLE);
        }
    }

    @Test
    void refusesASchemaThatAlreadyHasAHistory() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).build();
            migrations.migrate();

            assertThatThrownBy(migrations::align)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("already has a migration history (version 2)");
        }
    }

    @Test
    void rejectsAVersionThatIsNotPackaged() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            TradingMigrations migrations = TradingMigrations.builder(database.dataSource()).build();

            assertThatThrownBy(() -> migrations.align("7"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("No packaged migration has version 7");
            assertThat(Catalogs.tables(database, "public")).doesNotContain(TradingMigrations.HISTORY_TABLE);
        }
    }
}
