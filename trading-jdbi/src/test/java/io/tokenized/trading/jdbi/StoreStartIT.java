package io.tokenized.trading.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.engine.TransferResult;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.migrations.DatabaseUrl;
import io.tokenized.trading.migrations.TradingMigrations;
import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static io.tokenized.trading.jdbi.Exchanges.ACME;
import static io.tokenized.trading.jdbi.Exchanges.FEES;
import static io.tokenized.trading.jdbi.Exchanges.USD;
import static io.tokenized.trading.jdbi.Exchanges.assertAuditClean;
import static io.tokenized.trading.jdbi.Exchanges.fund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the store checks when it starts, bad input, and the user id types the migrations offer. */
class StoreStartIT {

    private static PostgresFixture postgres;

    @BeforeAll
    static void aDatabaseWithTheAuthTables() {
        postgres = PostgresFixture.create();
        postgres.createUser(FEES);
        postgres.createUser("u0");
    }

    @AfterAll
    static void dropTheDatabase() {
        postgres.close();
    }

    @AfterEach
    void closeThePools() {
        postgres.closePools();
    }

    private JdbiTradingStore storeOn(String schema) {
        return JdbiTradingStore.create(postgres.pool(2), JdbiStoreConfig.builder().schema(schema).build());
    }

    @Test
    void refusesASchemaWithoutTheTradingTablesAndSaysToMigrate() {
        assertThatThrownBy(() -> storeOn("not_migrated")).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("schema not_migrated").hasMessageContaining("run the trading migrations");
    }

    @Test
    void refusesASchemaBehindOrAheadOfTheVersionItIsWrittenFor() {
        String schema = postgres.migratedSchema();
        assertThat(storeOn(schema).config().schema()).isEqualTo(schema);

        postgres.database().execute("insert into " + schema + ".trading_schema_history (installed_rank, version, "
                + "description, type, script, checksum, installed_by, execution_time, success) values (100, '3', "
                + "'later', 'SQL', 'V3__later.sql', 0, 'test', 0, true)");
        assertThatThrownBy(() -> storeOn(schema)).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("version 3, newer than version 2").hasMessageContaining("upgrade the library");

        postgres.database().execute("delete from " + schema + ".trading_schema_history where version in ('2', '3')");
        assertThatThrownBy(() -> storeOn(schema)).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("is at version 1; this library needs version 2: run the trading migrations");
    }

    @Test
    void refusesASchemaWithAFailedMigration() {
        String schema = postgres.migratedSchema();
        postgres.database().execute("update " + schema + ".trading_schema_history set success = false where version = '1'");

        assertThatThrownBy(() -> storeOn(schema)).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("migration failed");
    }

    @Test
    void namesTheAuthUserTableWhenItIsNotWhereConfigured() {
        String schema = postgres.migratedSchema();

        assertThatThrownBy(() -> JdbiTradingStore.create(postgres.pool(2), JdbiStoreConfig.builder().schema(schema)
                .authUserTable("users").build())).isInstanceOf(StoreException.class)
                .hasMessageContaining("public.users(id)").hasMessageContaining("authUserTable")
                .hasMessageContaining("42P01");
    }

    @Test
    void anUnreachableDatabaseIsAStoreExceptionThatSaysSoWithoutThePassword() {
        DatabaseUrl nowhere = DatabaseUrl.parse("postgresql://trader:s3cret-pw@127.0.0.1:1/trading");
        try (HikariDataSource pool = TradingDataSources.pooled(nowhere, PoolSettings.builder()
                .connectionTimeout(Duration.ofMillis(500)).minimumIdle(0).build())) {
            assertThatThrownBy(() -> JdbiTradingStore.create(pool, JdbiStoreConfig.defaults()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("Checking the trading schema public failed")
                    .hasMessageNotContaining("s3cret-pw");
        }
    }

    @Test
    void badInputIsATypedRejectionAndLeavesBalancesJournalAndSequenceAsTheyWere() {
        String schema = postgres.migratedSchema();
        JdbiTradingStore store = storeOn(schema);
        TradingEngine engine = Exchanges.engine(store);
        Exchanges.createMarkets(engine);
        fund(engine, "u0", USD, "10.00");

        assertThat(engine.placeOrder(PlaceOrder.limit("u0", ACME, Side.BUY, new BigDecimal("1.001"), BigDecimal.ONE)))
                .isEqualTo(new PlaceResult.Rejected(RejectReason.OFF_TICK));
        assertThat(engine.placeOrder(PlaceOrder.limit("u0", ACME, Side.BUY, new BigDecimal("1.00"),
                new BigDecimal("0.5")))).isInstanceOf(PlaceResult.Rejected.class);
        assertThat(engine.placeOrder(PlaceOrder.limit("mallory", ACME, Side.BUY, new BigDecimal("1.00"),
                BigDecimal.ONE))).isEqualTo(new PlaceResult.Rejected(RejectReason.UNKNOWN_USER));
        assertThat(engine.placeOrder(PlaceOrder.limit("u0", "NOPE", Side.BUY, new BigDecimal("1.00"),
                BigDecimal.ONE))).isEqualTo(new PlaceResult.Rejected(RejectReason.UNKNOWN_ASSET));
        assertThat(engine.placeOrder(PlaceOrder.limit("u0", ACME, Side.BUY, new BigDecimal("92233720368547758.07"),
                new BigDecimal("1000000")))).isInstanceOf(PlaceResult.Rejected.class);
        assertThat(engine.placeOrder(PlaceOrder.limit("u0", ACME, Side.BUY, new BigDecimal("5.00"), new BigDecimal("2"))))
                .isEqualTo(new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
        assertThat(engine.withdraw("u0", USD, new BigDecimal("10.01"), "w-1"))
                .isEqualTo(new TransferResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));

        assertThat(store.balances("u0")).containsExactly(new BalanceRecord("u0", USD, 1000, 0));
        assertThat(store.journal("u0", 10)).hasSize(1);
        assertThat(store.sequence(ACME)).isZero();
        assertThat(store.openOrders("u0")).isEmpty();
        assertAuditClean(engine);
    }

    @Test
    void tradesWithUuidUserIdsWhenTheAuthSystemUsesThem() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.DRIZZLE_SNAKE_CASE, UserIdKind.UUID);
            TradingMigrations.builder(database.dataSource()).userIdType("uuid").build().migrate();
            String fees = database.insertUser();
            String buyer = database.insertUser();
            String seller = database.insertUser();
            try (HikariDataSource pool = TradingDataSources.pooled(database.url(),
                    PoolSettings.builder().maximumPoolSize(2).minimumIdle(0).build())) {
                JdbiTradingStore store = JdbiTradingStore.create(pool, JdbiStoreConfig.defaults());
                TradingEngine engine = TradingEngine.builder().store(store).feeAccount(fees).build();
                Exchanges.createMarkets(engine);
                fund(engine, buyer, USD, "100.00");
                fund(engine, seller, ACME, "10");

                engine.placeOrder(PlaceOrder.limit(seller, ACME, Side.SELL, new BigDecimal("2.00"), new BigDecimal("4")));
                PlaceResult buy = engine.placeOrder(PlaceOrder.limit(buyer, ACME, Side.BUY, new BigDecimal("2.00"),
                        new BigDecimal("3")));

                assertThat(((PlaceResult.Placed) buy).trades()).hasSize(1);
                assertThat(store.userExists(buyer)).isTrue();
                assertThat(store.userExists("not-a-uuid")).isFalse();
                assertThat(store.balances("not-a-uuid")).isEmpty();
                assertThat(engine.placeOrder(PlaceOrder.limit("not-a-uuid", ACME, Side.BUY, new BigDecimal("2.00"),
                        BigDecimal.ONE))).isEqualTo(new PlaceResult.Rejected(RejectReason.UNKNOWN_USER));
                assertAuditClean(engine);
            }
        }
    }
}
