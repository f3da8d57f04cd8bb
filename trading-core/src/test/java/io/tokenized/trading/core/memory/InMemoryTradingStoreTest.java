package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.port.TradingStore;
import io.tokenized.trading.core.port.TradingStoreConformance;

/** The in-memory store against the store conformance suite. */
class InMemoryTradingStoreTest extends TradingStoreConformance {

    @Override
    protected TradingStore newStore() {
        return new InMemoryTradingStore();
    }

    @Override
    protected void createUser(TradingStore store, String userId) {
        ((InMemoryTradingStore) store).registerUser(userId);
    }
}
