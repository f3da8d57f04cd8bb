package io.tokenized.trading.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tokenized.trading.migrations.DatabaseUrl;

import java.util.Objects;

/**
 * The runtime connection pool from what the host holds, e.g. {@code DATABASE_URL}:
 *
 * <pre>{@code
 * DatabaseUrl url = DatabaseUrl.runtimeFromEnvironment(System.getenv()).orElseThrow();
 * try (HikariDataSource pool = TradingDataSources.pooled(url, PoolSettings.defaults())) {
 *     TradingStore store = JdbiTradingStore.create(pool, JdbiStoreConfig.defaults());
 * }
 * }</pre>
 *
 * <p>The pool sets no session state: no {@code SET}, no init SQL, no {@code search_path}, so it works
 * through a transaction-mode pooler such as Neon's. The password goes to the driver as a property, never
 * into the JDBC URL, the pool name or a log line. Stateless and thread-safe.
 */
public final class TradingDataSources {

    private static final String POOL_NAME = "trading";

    private TradingDataSources() {
    }

    /** A HikariCP pool over {@code url} with {@link PoolSettings#defaults()}. Close it when the host stops. */
    public static HikariDataSource pooled(DatabaseUrl url) {
        return pooled(url, PoolSettings.defaults());
    }

    /** A HikariCP pool over {@code url}. Close it when the host stops. */
    public static HikariDataSource pooled(DatabaseUrl url, PoolSettings settings) {
        return new HikariDataSource(hikariConfig(url, settings));
    }

    /** The pool configuration, for hosts that build the pool themselves (e.g. to add metrics). */
    public static HikariConfig hikariConfig(DatabaseUrl url, PoolSettings settings) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(settings, "settings");
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME + "@" + url.host());
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("prepareThreshold", Integer.toString(settings.prepareThreshold(url.isPooled())));
        config.addDataSourceProperty("ApplicationName", settings.applicationName());
        // Send the application name in the startup packet: without this pgjdbc issues a session SET.
        config.addDataSourceProperty("assumeMinServerVersion", "12");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setMinimumIdle(settings.minimumIdle());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setIdleTimeout(settings.idleTimeout().toMillis());
        config.setMaxLifetime(settings.maxLifetime().toMillis());
        // Start even while the database is down: the first use then fails with a clear StoreException
        // instead of the host failing to construct its pool.
        config.setInitializationFailTimeout(-1);
        return config;
    }
}
