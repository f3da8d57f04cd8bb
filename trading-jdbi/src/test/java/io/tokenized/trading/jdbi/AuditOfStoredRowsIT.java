package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.engine.AuditReport;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.port.OrderFill;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import static io.tokenized.trading.jdbi.Exchanges.ACME;
import static io.tokenized.trading.jdbi.Exchanges.FEES;
import static io.tokenized.trading.jdbi.Exchanges.USD;
import static io.tokenized.trading.jdbi.Exchanges.fund;
import static io.tokenized.trading.jdbi.Exchanges.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The audit over rows that something other than the engine wrote: it reports what it finds, exactly. */
class AuditOfStoredRowsIT {

    private static PostgresFixture postgres;

    @BeforeAll
    static void aDatabaseWithTheAuthTables() {
        postgres = PostgresFixture.create();
        for (String user : new String[] {FEES, "alice", "bob"}) {
            postgres.createUser(user);
        }
    }

    @AfterAll
    static void dropTheDatabase() {
        postgres.close();
    }

    @Test
    void tradeRowsWhoseSumsPassALongAreReportedExactlyInsteadOfFailingTheAudit() throws SQLException {
        String schema = postgres.migratedSchema();
        JdbiTradingStore store = postgres.store(schema, 2);
        TradingEngine engine = Exchanges.engine(store);
        Exchanges.createMarkets(engine);
        fund(engine, "alice", USD, "100.00");
        fund(engine, "bob", ACME, "10");
        UUID sell = placed(engine.placeOrder(PlaceOrder.limit("bob", ACME, Side.SELL, new BigDecimal("1.00"),
                new BigDecimal("10")))).order().id();
        UUID buy = placed(engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, new BigDecimal("0.50"),
                new BigDecimal("1")))).order().id();

        // Two forged trades between the resting orders, each of the most lots a long holds.
        long most = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            insertTrade(schema, sell, buy, most);
        }

        BigInteger twice = BigInteger.valueOf(most).shiftLeft(1);
        assertThat(store.orderFills()).filteredOn(fill -> fill.orderId().equals(sell))
                .extracting(OrderFill::tradedLots, OrderFill::tradedQuoteMinor)
                .containsExactly(tuple(twice, twice.multiply(BigInteger.valueOf(100))));
        AuditReport report = engine.audit();
        assertThat(report.isClean()).isFalse();
        assertThat(report.toString()).contains("order " + sell + " in " + ACME + ": filled 0 lots for 0 but its "
                + "trades sum to " + twice + " lots for " + twice.multiply(BigInteger.valueOf(100)));
    }

    private static void insertTrade(String schema, UUID maker, UUID taker, long lots) throws SQLException {
        try (Connection connection = postgres.database().dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into " + schema + ".trades (id, asset_id, "
                     + "sequence, price, quantity, quote_amount, maker_order_id, taker_order_id, maker_user_id, "
                     + "taker_user_id, taker_side, executed_at) values (?, ?, 99, 1.00, ?, ?, ?, ?, 'bob', 'alice', "
                     + "'BUY', now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, ACME);
            insert.setBigDecimal(3, new BigDecimal(lots));
            insert.setBigDecimal(4, new BigDecimal(lots));
            insert.setObject(5, maker);
            insert.setObject(6, taker);
            insert.executeUpdate();
        }
    }
}
