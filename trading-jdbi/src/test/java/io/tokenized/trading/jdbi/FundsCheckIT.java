package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.engine.TransferResult;
import io.tokenized.trading.core.port.BalanceDelta;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.MarketChanges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tokenized.trading.jdbi.Exchanges.ACME;
import static io.tokenized.trading.jdbi.Exchanges.FEES;
import static io.tokenized.trading.jdbi.Exchanges.USD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A funds check ({@code MarketSession.hasAvailable}) holds a unit's outcome while its answer holds: another
 * instance's commit that changes the balance between the check and the unit's lock runs the unit again
 * only when the check would now answer otherwise.
 */
class FundsCheckIT {
    private static PostgresFixture postgres;

    @BeforeAll
    static void aDatabaseWithTheAuthTables() {
        postgres = PostgresFixture.create();
        postgres.createUser(FEES);
        postgres.createUser("alice");
    }

    @AfterAll
    static void dropTheDatabase() {
        postgres.close();
    }

    @Test
    void aCommitThatLeavesTheCheckedAmountCoveredDoesNotRunTheUnitAgain() {
        String schema = postgres.migratedSchema();
        JdbiTradingStore store = postgres.store(schema, 2);
        TradingEngine other = fundedInstance(schema);
        AtomicInteger runs = new AtomicInteger();

        // Checks 6.00 of alice's 10.00; another instance withdraws 1.00 before this unit locks her row.
        String outcome = reserveIfCovered(store, other, "1.00", runs);

        assertThat(outcome).isEqualTo("reserved");
        assertThat(runs).hasValue(1);
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", USD, 300, 600));
    }

    @Test
    void aCommitThatUncoversTheCheckedAmountRunsTheUnitAgain() {
        String schema = postgres.migratedSchema();
        JdbiTradingStore store = postgres.store(schema, 2);
        TradingEngine other = fundedInstance(schema);
        AtomicInteger runs = new AtomicInteger();

        String outcome = reserveIfCovered(store, other, "4.01", runs);

        assertThat(outcome).isEqualTo("insufficient");
        assertThat(runs).hasValue(2);
        assertThat(store.balances("alice")).containsExactly(new BalanceRecord("alice", USD, 599, 0));
    }

    /** An instance of its own that created the markets and gave alice 10.00 USD. */
    private static TradingEngine fundedInstance(String schema) {
        TradingEngine engine = Exchanges.engine(postgres.store(schema, 2));
        Exchanges.createMarkets(engine);
        Exchanges.fund(engine, "alice", USD, "10.00");
        return engine;
    }

    /**
     * A unit of ACME that reserves 6.00 of alice's cash if her available cash covers it; during its first
     * run, {@code other} withdraws {@code takenMeanwhile} from her on a thread of its own.
     */
    private static String reserveIfCovered(JdbiTradingStore store, TradingEngine other, String takenMeanwhile,
                                           AtomicInteger runs) {
        return store.inMarket(ACME, session -> {
            boolean covered = session.hasAvailable("alice", USD, 600);
            if (runs.incrementAndGet() == 1) {
                Thread withdrawal = new Thread(() -> assertThat(other.withdraw("alice", USD,
                        new BigDecimal(takenMeanwhile), "w-" + UUID.randomUUID()))
                        .isInstanceOf(TransferResult.Completed.class));
                withdrawal.start();
                try {
                    withdrawal.join(30_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (!covered) {
                return "insufficient";
            }
            session.apply(new MarketChanges(ACME, session.sequence() + 1, null, List.of(), List.of(), List.of(),
                    List.of(new BalanceDelta("alice", USD, -600, 600))));
            return "reserved";
        });
    }
}
