package io.tokenized.trading.examples;

import com.zaxxer.hikari.HikariDataSource;
import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.port.TradingStore;
import io.tokenized.trading.jdbi.JdbiStoreConfig;
import io.tokenized.trading.jdbi.JdbiTradingStore;
import io.tokenized.trading.jdbi.PoolSettings;
import io.tokenized.trading.jdbi.TradingDataSources;
import io.tokenized.trading.migrations.DatabaseUrl;
import java.util.List;

/** Opens the PostgreSQL store the way a host would: a small runtime pool and the default settings. Stateless. */
final class StoreFactory {

    private StoreFactory() {
    }

    /**
     * A store over a new pool to {@code url}; the pool (and the store, when it holds resources) are added to
     * {@code resources} for the caller to close, last opened first.
     */
    static TradingStore open(DatabaseUrl url, List<AutoCloseable> resources) {
        HikariDataSource pool = TradingDataSources.pooled(url, PoolSettings.defaults());
        resources.add(pool);
        try {
            TradingStore store = JdbiTradingStore.create(pool, JdbiStoreConfig.defaults());
            if (store instanceof AutoCloseable closeable) {
                resources.add(closeable);
            }
            return store;
        } catch (TradingException e) {
            throw new CommandFailure(Main.firstLine(e.getMessage())
                    + "; run the trading migrations first (the migrate command)", e);
        }
    }
}
