package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.port.TradingStore;
import io.tokenized.trading.core.port.TradingStoreConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL store against the store conformance suite, unchanged: a fresh schema per test. */
class JdbiTradingStoreConformanceIT extends TradingStoreConformance {

    private static PostgresFixture postgres;

    @BeforeAll
    static void aDatabaseWithTheAuthTables() {
        postgres = PostgresFixture.create();
    }

    @AfterAll
    static void dropTheDatabase() {
        postgres.close();
    }

    @AfterEach
    void closeThePools() {
        postgres.closePools();
    }

    @Override
    protected TradingStore newStore() {
        return postgres.store(postgres.migratedSchema(), 8);
    }

    @Override
    protected void createUser(TradingStore store, String userId) {
        postgres.createUser(userId);
    }
}
