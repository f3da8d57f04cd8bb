package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.engine.BookSnapshot;
import io.tokenized.trading.core.engine.PlaceOco;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.port.DepthSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

import static io.tokenized.trading.jdbi.Exchanges.ACME;
import static io.tokenized.trading.jdbi.Exchanges.FEES;
import static io.tokenized.trading.jdbi.Exchanges.USD;
import static io.tokenized.trading.jdbi.Exchanges.assertAuditClean;
import static io.tokenized.trading.jdbi.Exchanges.fund;
import static org.assertj.core.api.Assertions.assertThat;

/** Books rebuilt from the orders table, after a restart and by a second instance; stored snapshots. */
class BookRecoveryIT {

    private static PostgresFixture postgres;

    @BeforeAll
    static void aDatabaseWithTheAuthTables() {
        postgres = PostgresFixture.create();
        postgres.createUser(FEES);
        for (int i = 0; i < 6; i++) {
            postgres.createUser("u" + i);
        }
    }

    @AfterAll
    static void dropTheDatabase() {
        postgres.close();
    }

    @AfterEach
    void closeThePools() {
        postgres.closePools();
    }

    @Test
    void aBookRebuiltFromTheDatabaseEqualsTheLiveOneAndARestartedInstanceContinuesWhereItWas() {
        String schema = postgres.migratedSchema();
        TradingEngine live = Exchanges.engine(postgres.store(schema, 4));
        Exchanges.createMarkets(live);
        for (int i = 0; i < 6; i++) {
            fund(live, "u" + i, USD, "100000.00");
            fund(live, "u" + i, ACME, "10000");
        }
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            String user = "u" + random.nextInt(6);
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            long cents = side == Side.BUY ? 1_000 - random.nextInt(25) + (i % 10 == 0 ? 40 : 0)
                    : 1_000 + random.nextInt(25) - (i % 10 == 0 ? 40 : 0);
            live.placeOrder(PlaceOrder.limit(user, ACME, side, BigDecimal.valueOf(cents, 2),
                    BigDecimal.valueOf(1 + random.nextInt(9))));
            if (i % 50 == 0) {
                live.placeOrder(PlaceOrder.stopLimit(user, ACME, Side.BUY, new BigDecimal("12.00"),
                        new BigDecimal("12.50"), BigDecimal.ONE));
                live.placeOco(PlaceOco.of(user, ACME, Side.SELL, BigDecimal.ONE, new BigDecimal("13.00"),
                        new BigDecimal("8.00"), null));
            }
        }
        BookSnapshot before = live.depth(ACME, 10_000);
        JdbiTradingStore restartedStore = postgres.store(schema, 2);
        long sequence = restartedStore.sequence(ACME);

        TradingEngine restarted = Exchanges.engine(restartedStore);
        BookSnapshot rebuilt = restarted.depth(ACME, 10_000);

        assertThat(rebuilt.sequence()).isEqualTo(before.sequence()).isEqualTo(sequence);
        assertThat(rebuilt.bids()).isEqualTo(before.bids()).isNotEmpty();
        assertThat(rebuilt.asks()).isEqualTo(before.asks()).isNotEmpty();
        // The audit rebuilds each market from the store and compares orders, queue order, sequence, last price.
        assertAuditClean(live);
        assertAuditClean(restarted);

        BigDecimal bestAsk = rebuilt.bestAsk();
        PlaceResult taking = restarted.placeOrder(PlaceOrder.limit("u0", ACME, Side.BUY, bestAsk, BigDecimal.ONE));
        assertThat(((PlaceResult.Placed) taking).trades()).isNotEmpty()
                .allSatisfy(trade -> assertThat(trade.price()).isEqualByComparingTo(bestAsk));
        assertThat(restartedStore.sequence(ACME)).isEqualTo(sequence + 1);
        PlaceResult fromTheFirst = live.placeOrder(PlaceOrder.limit("u1", ACME, Side.SELL, new BigDecimal("30.00"),
                BigDecimal.ONE));
        assertThat(fromTheFirst).isInstanceOf(PlaceResult.Placed.class);
        assertThat(restartedStore.sequence(ACME)).isEqualTo(sequence + 2);
        assertThat(live.depth(ACME, 10_000).asks()).isEqualTo(restarted.depth(ACME, 10_000).asks());
        assertAuditClean(restarted);
        assertAuditClean(live);
    }

    @Test
    void aSnapshotIsStoredEveryNSequencesAndFoundBySequence() {
        String schema = postgres.migratedSchema();
        JdbiTradingStore store = JdbiTradingStore.create(postgres.pool(2),
                JdbiStoreConfig.builder().schema(schema).snapshotEverySequences(3).build());
        TradingEngine engine = Exchanges.engine(store);
        Exchanges.createMarkets(engine);
        fund(engine, "u0", USD, "1000.00");
        BookSnapshot atSix = null;
        for (int i = 1; i <= 7; i++) {
            engine.placeOrder(PlaceOrder.limit("u0", ACME, Side.BUY, BigDecimal.valueOf(100 + (i % 3), 2),
                    BigDecimal.valueOf(i)));
            if (i == 6) {
                atSix = engine.depth(ACME, 100);
            }
        }

        List<DepthSnapshot> snapshots = store.snapshots(ACME, 10);

        assertThat(snapshots).extracting(DepthSnapshot::sequence).containsExactly(6L, 3L);
        assertThat(store.snapshotAt(ACME, 5).orElseThrow().sequence()).isEqualTo(3);
        assertThat(store.snapshotAt(ACME, 2)).isEmpty();
        assertThat(store.latestSnapshot(ACME).orElseThrow().sequence()).isEqualTo(6);
        DepthSnapshot six = snapshots.get(0);
        assertThat(six.asks()).isEmpty();
        assertThat(six.bids()).hasSameSizeAs(atSix.bids());
        for (int i = 0; i < six.bids().size(); i++) {
            BookSnapshot.Level expected = atSix.bids().get(i);
            assertThat(six.bids().get(i)).isEqualTo(new DepthSnapshot.Level(
                    expected.price().movePointRight(2).longValueExact(), expected.quantity().longValueExact(),
                    expected.orders()));
        }
        engine.snapshot(ACME);
        assertThat(store.latestSnapshot(ACME).orElseThrow().sequence()).isEqualTo(7);
    }
}
