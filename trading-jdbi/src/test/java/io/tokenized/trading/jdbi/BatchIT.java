package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.engine.AmendOrder;
import io.tokenized.trading.core.engine.CancelOrder;
import io.tokenized.trading.core.engine.IdGenerator;
import io.tokenized.trading.core.engine.OrderCommand;
import io.tokenized.trading.core.engine.OrderResult;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.memory.InMemoryTradingStore;
import io.tokenized.trading.core.port.TradingStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.tokenized.trading.jdbi.Exchanges.ACME;
import static io.tokenized.trading.jdbi.Exchanges.FEES;
import static io.tokenized.trading.jdbi.Exchanges.USD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TradingEngine#execute} on PostgreSQL: a batch of one market is one transaction, and it answers
 * exactly as the in-memory store does. Both engines take the same ids and time, so their results are equal
 * to the last field.
 */
class BatchIT {
    private static final List<String> USERS = List.of("b1", "b2", "b3");

    private static PostgresFixture postgres;

    @BeforeAll
    static void aDatabaseWithTheAuthTables() {
        postgres = PostgresFixture.create();
        postgres.createUser(FEES);
        USERS.forEach(postgres::createUser);
    }

    @AfterAll
    static void dropTheDatabase() {
        postgres.close();
    }

    @Test
    void aBatchIsOneTransactionAndAnswersAsInMemory() throws SQLException {
        String schema = postgres.migratedSchema();
        TradingEngine onPostgres = fundedEngine(postgres.store(schema, 4));
        InMemoryTradingStore memory = new InMemoryTradingStore();
        List.of(FEES, "b1", "b2", "b3").forEach(memory::registerUser);
        TradingEngine inMemory = fundedEngine(memory);

        List<OrderCommand> first = List.of(
                sell("b1", "25.00", "2"), sell("b1", "25.01", "2"), sell("b1", "25.02", "2"), sell("b1", "25.03", "2"),
                buy("b2", "25.01", "3"),
                buy("b2", "24.00", "5").withClientOrderId("c-1"),
                buy("b2", "24.00", "5").withClientOrderId("c-1"),
                buy("b3", "20.00", "49"),
                buy("b3", "20.00", "1"));
        List<OrderResult> results = onPostgres.execute(first);

        assertThat(results).isEqualTo(inMemory.execute(first));
        assertThat(((PlaceResult.Placed) results.get(4)).trades()).hasSize(2);
        assertThat(results.get(6)).isInstanceOf(PlaceResult.AlreadyPlaced.class);
        assertThat(results.get(8)).isEqualTo(new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
        assertThat(transactionsThatWrote(schema, "orders")).isEqualTo(1);
        assertThat(transactionsThatWrote(schema, "trades")).isEqualTo(1);

        UUID third = ((PlaceResult.Placed) results.get(2)).order().id();
        UUID fourth = ((PlaceResult.Placed) results.get(3)).order().id();
        UUID resting = ((PlaceResult.Placed) results.get(5)).order().id();
        List<OrderCommand> second = List.of(
                new CancelOrder("b1", third),
                AmendOrder.reduceTo("b1", fourth, BigDecimal.ONE),
                AmendOrder.moveTo("b2", resting, new BigDecimal("25.03")),
                new CancelOrder("b3", fourth),
                PlaceOrder.marketBuyWithBudget("b3", ACME, new BigDecimal("30.00")));

        assertThat(onPostgres.execute(second)).isEqualTo(inMemory.execute(second));
        assertThat(transactionsThatWrote(schema, "trades")).isEqualTo(2);
        for (String user : USERS) {
            assertThat(onPostgres.balances(user)).as(user).isEqualTo(inMemory.balances(user));
        }
        Exchanges.assertAuditClean(onPostgres);
        Exchanges.assertAuditClean(Exchanges.engine(postgres.store(schema, 2)));
    }

    private static TradingEngine fundedEngine(TradingStore store) {
        AtomicLong ids = new AtomicLong();
        IdGenerator counting = () -> new UUID(0, ids.incrementAndGet());
        TradingEngine engine = TradingEngine.builder().store(store).feeAccount(FEES)
                .clock(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"))).ids(counting).build();
        Exchanges.createMarkets(engine);
        for (String user : USERS) {
            Exchanges.fund(engine, user, USD, "1000.00");
            Exchanges.fund(engine, user, ACME, "100");
        }
        return engine;
    }

    /** How many transactions wrote the table's current rows: rows written by one share its xmin. */
    private static long transactionsThatWrote(String schema, String table) throws SQLException {
        try (Connection connection = postgres.database().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select count(distinct xmin::text) from " + schema + "." + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static PlaceOrder buy(String user, String price, String quantity) {
        return PlaceOrder.limit(user, ACME, Side.BUY, new BigDecimal(price), new BigDecimal(quantity));
    }

    private static PlaceOrder sell(String user, String price, String quantity) {
        return PlaceOrder.limit(user, ACME, Side.SELL, new BigDecimal(price), new BigDecimal(quantity));
    }
}
