package io.tokenized.trading.jdbi;

import java.time.Duration;
import java.util.Objects;

/**
 * The connection pool of a host's runtime, for {@link TradingDataSources#pooled}. Small by default: too
 * many connections is the classic failure on a serverless database, where every instance of the host
 * holds a pool of its own.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>maximumPoolSize</td><td>{@value #DEFAULT_MAXIMUM_POOL_SIZE}</td><td>connections at most</td></tr>
 *   <tr><td>minimumIdle</td><td>{@value #DEFAULT_MINIMUM_IDLE}</td><td>idle connections kept ready</td></tr>
 *   <tr><td>connectionTimeout</td><td>10 s</td><td>how long a caller waits for a connection</td></tr>
 *   <tr><td>idleTimeout</td><td>5 min</td><td>an idle connection above minimumIdle is closed after</td></tr>
 *   <tr><td>maxLifetime</td><td>30 min</td><td>a connection is replaced after (below the server's and
 *       any proxy's own limits)</td></tr>
 *   <tr><td>prepareThreshold</td><td>5 on a direct endpoint, 0 on a pooled one</td><td>executions after
 *       which pgjdbc uses a named server-side prepared statement; 0 never does, the safe choice behind a
 *       transaction-mode pooler that does not track prepared statements</td></tr>
 *   <tr><td>applicationName</td><td>{@value #DEFAULT_APPLICATION_NAME}</td><td>shown in
 *       {@code pg_stat_activity}</td></tr>
 * </table>
 * Batched inserts are always rewritten into multi-row inserts ({@code reWriteBatchedInserts=true}).
 *
 * <p>Immutable and thread-safe.
 */
public final class PoolSettings {

    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 8;
    public static final int DEFAULT_MINIMUM_IDLE = 2;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    public static final int DIRECT_PREPARE_THRESHOLD = 5;
    public static final int POOLER_PREPARE_THRESHOLD = 0;
    public static final String DEFAULT_APPLICATION_NAME = "tokenized-trading";

    private final int maximumPoolSize;
    private final int minimumIdle;
    private final Duration connectionTimeout;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final Integer prepareThreshold;
    private final String applicationName;

    private PoolSettings(Builder builder) {
        this.maximumPoolSize = builder.maximumPoolSize;
        this.minimumIdle = builder.minimumIdle;
        this.connectionTimeout = builder.connectionTimeout;
        this.idleTimeout = builder.idleTimeout;
        this.maxLifetime = builder.maxLifetime;
        this.prepareThreshold = builder.prepareThreshold;
        this.applicationName = builder.applicationName;
    }

    public static PoolSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maximumPoolSize() {
        return maximumPoolSize;
    }

    public int minimumIdle() {
        return minimumIdle;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** The configured threshold, or the endpoint's default when none was set. */
    public int prepareThreshold(boolean pooledEndpoint) {
        if (prepareThreshold != null) {
            return prepareThreshold;
        }
        return pooledEndpoint ? POOLER_PREPARE_THRESHOLD : DIRECT_PREPARE_THRESHOLD;
    }

    public String applicationName() {
        return applicationName;
    }

    @Override
    public String toString() {
        return "PoolSettings[maximumPoolSize=" + maximumPoolSize + ", minimumIdle=" + minimumIdle
                + ", connectionTimeout=" + connectionTimeout + ", idleTimeout=" + idleTimeout + ", maxLifetime="
                + maxLifetime + ", prepareThreshold=" + (prepareThreshold == null ? "by endpoint" : prepareThreshold)
                + ", applicationName=" + applicationName + "]";
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
        private int minimumIdle = DEFAULT_MINIMUM_IDLE;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private Integer prepareThreshold;
        private String applicationName = DEFAULT_APPLICATION_NAME;

        private Builder() {
        }

        public Builder maximumPoolSize(int connections) {
            this.maximumPoolSize = connections;
            return this;
        }

        public Builder minimumIdle(int connections) {
            this.minimumIdle = connections;
            return this;
        }

        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = timeout;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = lifetime;
            return this;
        }

        /** 0 disables named server-side prepared statements (needed behind some transaction poolers). */
        public Builder prepareThreshold(int executions) {
            this.prepareThreshold = executions;
            return this;
        }

        public Builder applicationName(String name) {
            this.applicationName = name;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public PoolSettings build() {
            if (maximumPoolSize < 1 || maximumPoolSize > 1_000) {
                throw new IllegalArgumentException("maximumPoolSize must be 1 to 1000: " + maximumPoolSize);
            }
            if (minimumIdle < 0 || minimumIdle > maximumPoolSize) {
                throw new IllegalArgumentException("minimumIdle must be 0 to maximumPoolSize (" + maximumPoolSize
                        + "): " + minimumIdle);
            }
            // HikariCP's own floors: shorter values are rejected or silently raised there.
            atLeast(connectionTimeout, Duration.ofMillis(250), "connectionTimeout");
            atLeast(idleTimeout, Duration.ofSeconds(10), "idleTimeout");
            atLeast(maxLifetime, Duration.ofSeconds(30), "maxLifetime");
            if (prepareThreshold != null && prepareThreshold < 0) {
                throw new IllegalArgumentException("prepareThreshold must be 0 or more: " + prepareThreshold);
            }
            Objects.requireNonNull(applicationName, "applicationName");
            if (applicationName.isBlank() || applicationName.length() > 63) {
                throw new IllegalArgumentException("applicationName must be 1 to 63 characters: " + applicationName);
            }
            return new PoolSettings(this);
        }

        private static void atLeast(Duration value, Duration floor, String what) {
            Objects.requireNonNull(value, what);
            if (value.compareTo(floor) < 0) {
                throw new IllegalArgumentException(what + " must be at least " + floor + ": " + value);
            }
        }
    }
}
