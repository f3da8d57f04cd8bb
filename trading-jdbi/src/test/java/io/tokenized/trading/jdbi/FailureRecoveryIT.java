package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.engine.TradingEvent;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.MarketChanges;
import io.tokenized.trading.core.port.MarketWork;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.migrations.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tokenized.trading.jdbi.Exchanges.ACME;
import static io.tokenized.trading.jdbi.Exchanges.FEES;
import static io.tokenized.trading.jdbi.Exchanges.USD;
import static io.tokenized.trading.jdbi.Exchanges.assertAuditClean;
import static io.tokenized.trading.jdbi.Exchanges.fund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the store does when the database fails under it: killed connections mid-transaction and during
 * COMMIT, a COMMIT the server refuses, a batch with one failing work. Triggers created in the test schema
 * hold or refuse chosen orders, so the failures hit exactly where the test wants them.
 */
class FailureRecoveryIT {

    private static PostgresFixture postgres;

    private String schema;
    private JdbiTradingStore store;
    private TradingEngine engine;
    private final List<TradingEvent> events = new CopyOnWriteArrayList<>();
    private ExecutorService executor;

    @BeforeAll
    static void aDatabaseWithTheAuthTables() {
        postgres = PostgresFixture.create();
    }

    @AfterAll
    static void dropTheDatabase() {
        postgres.close();
    }

    @BeforeEach
    void aFundedUserOnAFreshSchema() {
        schema = postgres.migratedSchema();
        postgres.createUser(FEES);
        postgres.createUser("u0");
        store = postgres.store(schema, 4);
        engine = TradingEngine.builder().store(store).feeAccount(FEES).listener(events::add).build();
        Exchanges.createMarkets(engine);
        fund(engine, "u0", USD, "1000.00");
        events.clear();
        executor = Executors.newCachedThreadPool();
    }

    @AfterEach
    void closeThePools() {
        executor.shutdownNow();
        postgres.closePools();
    }

    @Test
    void aConnectionKilledMidTransactionLeavesTheCommandWholeAndARetryFindsTheSameOrder() throws Exception {
        holdInsertsOf("held-mid-unit", false);
        PlaceOrder request = PlaceOrder.limit("u0", ACME, Side.BUY, new BigDecimal("1.00"), new BigDecimal("5"))
                .withClientOrderId("held-mid-unit");

        Future<PlaceResult> placing = executor.submit(() -> engine.placeOrder(request));
        killTheBackendSleepingInATrigger();
        PlaceResult result = placing.get(1, TimeUnit.MINUTES);

        OrderRecord order = onlyOrderOf("u0");
        assertThat(result).isInstanceOf(PlaceResult.Placed.class);
        assertThat(((PlaceResult.Placed) result).order().id()).isEqualTo(order.id());
        assertThat(store.balances("u0")).contains(new BalanceRecord("u0", USD, 100_000 - 501, 501));
        PlaceResult again = engine.placeOrder(request);
        assertThat(again).isInstanceOf(PlaceResult.AlreadyPlaced.class);
        assertThat(((PlaceResult.AlreadyPlaced) again).order().id()).isEqualTo(order.id());
        assertAuditClean(engine);
    }

    @Test
    void aConnectionKilledDuringCommitIsResolvedByTheUnitsRowsAndNeverAppliedTwice() throws Exception {
        holdInsertsOf("held-at-commit", true);
        PlaceOrder request = PlaceOrder.limit("u0", ACME, Side.BUY, new BigDecimal("2.00"), new BigDecimal("3"));

        Future<PlaceResult> placing = executor.submit(() -> engine.placeOrder(request.withClientOrderId("held-at-commit")));
        killTheBackendSleepingInATrigger();
        PlaceResult result = placing.get(1, TimeUnit.MINUTES);

        OrderRecord order = onlyOrderOf("u0");
        assertThat(result).isInstanceOf(PlaceResult.Placed.class);
        assertThat(((PlaceResult.Placed) result).order().id()).isEqualTo(order.id());
        assertThat(store.sequence(ACME)).isEqualTo(1);
        assertThat(store.balances("u0")).contains(new BalanceRecord("u0", USD, 100_000 - 602, 602));
        assertAuditClean(engine);
    }

    @Test
    void aCommitTheServerRefusesFailsWithAClearErrorLeavesNothingAndPublishesNoEvent() {
        postgres.database().execute("create function " + schema + ".refuse() returns trigger language plpgsql as $$ "
                + "begin if new.client_order_id = 'refused' then raise exception 'refused at commit' using errcode = "
                + "'check_violation'; end if; return null; end $$; create constraint trigger refuse after insert on "
                + schema + ".orders deferrable initially deferred for each row execute function " + schema
                + ".refuse()");
        PlaceOrder request = PlaceOrder.limit("u0", ACME, Side.BUY, new BigDecimal("1.00"), BigDecimal.ONE);

        assertThatThrownBy(() -> engine.placeOrder(request.withClientOrderId("refused")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("refused at commit")
                .hasMessageContaining("SQLSTATE 23514")
                .satisfies(e -> assertThat(((StoreException) e).sqlState()).isEqualTo("23514"));

        assertThat(events).isEmpty();
        assertThat(store.openOrders("u0")).isEmpty();
        assertThat(store.sequence(ACME)).isZero();
        assertThat(store.balances("u0")).containsExactly(new BalanceRecord("u0", USD, 100_000, 0));
        assertThat(engine.placeOrder(request)).isInstanceOf(PlaceResult.Placed.class);
        assertThat(events).isNotEmpty().anySatisfy(event -> assertThat(event).isInstanceOf(TradingEvent.OrderUpdated.class));
        assertAuditClean(engine);
    }

    @Test
    void aFailingWorkInABatchFailsAloneAndTheOthersCommit() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Future<Long> first = executor.submit(() -> store.inMarket(ACME, session -> {
            firstRunning.countDown();
            try {
                releaseFirst.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return bump(session, List.of());
        }));
        firstRunning.await();
        AtomicInteger rolledBack = new AtomicInteger();
        List<Future<Long>> good = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            good.add(executor.submit(() -> store.inMarket(ACME, session -> bump(session, List.of()))));
        }
        Future<Long> throwing = executor.submit(() -> store.inMarket(ACME, new MarketWork<Long>() {
            @Override
            public Long run(io.tokenized.trading.core.port.MarketSession session) {
                bump(session, List.of());
                throw new IllegalArgumentException("this command is broken");
            }

            @Override
            public void rolledBack() {
                rolledBack.incrementAndGet();
            }
        }));
        JournalEntry forNobody = new JournalEntry(UUID.randomUUID(), "nobody", USD, EntryKind.DEPOSIT, 100, null,
                null, null, null, Instant.now());
        Future<Long> breaksAConstraint = executor.submit(() -> store.inMarket(ACME,
                session -> bump(session, List.of(forNobody))));
        good.add(executor.submit(() -> store.inMarket(ACME, session -> bump(session, List.of()))));
        // Let the queued works gather behind the running unit, so they share the next one.
        Thread.sleep(300);
        releaseFirst.countDown();

        assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo(1);
        List<Long> sequences = new ArrayList<>();
        for (Future<Long> future : good) {
            sequences.add(future.get(1, TimeUnit.MINUTES));
        }
        assertThatThrownBy(() -> throwing.get(1, TimeUnit.MINUTES)).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("this command is broken");
        assertThatThrownBy(() -> breaksAConstraint.get(1, TimeUnit.MINUTES)).cause()
                .isInstanceOf(StoreException.class).hasMessageContaining("transactions_user_fk");
        assertThat(rolledBack.get()).isPositive();
        assertThat(sequences).doesNotHaveDuplicates().allSatisfy(sequence -> assertThat(sequence).isBetween(2L, 5L));
        assertThat(store.sequence(ACME)).isEqualTo(5);
        assertThat(store.journal("nobody", 10)).isEmpty();
    }

    @Test
    void aMarketThatDoesNotExistIsATradingExceptionNamingIt() {
        assertThatThrownBy(() -> store.inMarket("NOPE", session -> null)).isInstanceOf(TradingException.class)
                .hasMessageContaining("no market NOPE");
        assertThatThrownBy(() -> store.inMarket(USD, session -> null)).isInstanceOf(TradingException.class)
                .hasMessageContaining("USD");
    }

    private static long bump(io.tokenized.trading.core.port.MarketSession session, List<JournalEntry> journal) {
        long next = session.sequence() + 1;
        session.apply(new MarketChanges(ACME, next, null, List.of(), List.of(), journal, List.of()));
        return next;
    }

    /** A trigger that sleeps while inserting this client order id: during the unit, or during its COMMIT. */
    private void holdInsertsOf(String clientOrderId, boolean atCommit) {
        TestDatabase database = postgres.database();
        database.execute("create function " + schema + ".hold() returns trigger language plpgsql as $$ begin "
                + "if new.client_order_id = '" + clientOrderId + "' then perform pg_sleep(0.5); end if; "
                + "return new; end $$");
        database.execute(atCommit
                ? "create constraint trigger hold after insert on " + schema + ".orders deferrable initially "
                + "deferred for each row execute function " + schema + ".hold()"
                : "create trigger hold before insert on " + schema + ".orders for each row execute function "
                + schema + ".hold()");
    }

    /** Waits for a backend of this database to sleep in a trigger, and terminates it once. */
    private void killTheBackendSleepingInATrigger() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection connection = postgres.database().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet killed = statement.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where datname = current_database() and wait_event = 'PgSleep' and pid <> pg_backend_pid()")) {
                    if (killed.next() && killed.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no backend slept in the trigger within 30 s");
    }

    private OrderRecord onlyOrderOf(String userId) {
        List<OrderRecord> orders = store.openOrders(userId);
        assertThat(orders).hasSize(1);
        return orders.get(0);
    }
}
