package io.tokenized.trading.jdbi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How a {@link JdbiTradingStore} reaches its tables and how it batches and retries. Built with
 * {@link #builder()}; every setting has a named default and is validated when built (a wrong value is an
 * error, never silently corrected).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>schema</td><td>{@value #DEFAULT_SCHEMA}</td><td>the schema of the domain tables; every
 *       statement names it (no {@code search_path}, which poolers refuse)</td></tr>
 *   <tr><td>authUserSchema / authUserTable / authUserIdColumn</td><td>{@code public} / {@code user} /
 *       {@code id}</td><td>the auth system's user table, read to answer whether a user exists</td></tr>
 *   <tr><td>maxBatchSize</td><td>{@value #DEFAULT_MAX_BATCH_SIZE}</td><td>the most commands of one
 *       market committed in one transaction (group commit)</td></tr>
 *   <tr><td>snapshotEverySequences</td><td>{@value #DEFAULT_SNAPSHOT_EVERY_SEQUENCES}</td><td>a depth
 *       snapshot is stored whenever a market's sequence passes a multiple of it; 0 turns them off</td></tr>
 *   <tr><td>maxAttempts</td><td>{@value #DEFAULT_MAX_ATTEMPTS}</td><td>tries of one unit on transient
 *       failures (serialization failure, deadlock, a unique key taken by a concurrent unit, lost
 *       connection) before it fails</td></tr>
 *   <tr><td>retryBackoff / maxRetryBackoff</td><td>2 ms / 200 ms</td><td>the first wait before a retry,
 *       doubled per attempt up to the maximum, each wait drawn uniformly below it (full jitter)</td></tr>
 *   <tr><td>fetchSize</td><td>{@value #DEFAULT_FETCH_SIZE}</td><td>rows per round trip when a market's
 *       live orders are streamed to rebuild its book</td></tr>
 *   <tr><td>clock</td><td>system</td><td>the time stamp of periodic snapshots</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class JdbiStoreConfig {

    public static final String DEFAULT_SCHEMA = "public";
    public static final int DEFAULT_MAX_BATCH_SIZE = 64;
    public static final long DEFAULT_SNAPSHOT_EVERY_SEQUENCES = 10_000;
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(2);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofMillis(200);
    public static final int DEFAULT_FETCH_SIZE = 10_000;

    private static final int MAX_IDENTIFIER_BYTES = 63;

    private final String schema;
    private final String authUserSchema;
    private final String authUserTable;
    private final String authUserIdColumn;
    private final int maxBatchSize;
    private final long snapshotEverySequences;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Duration maxRetryBackoff;
    private final int fetchSize;
    private final InstantSource clock;

    private JdbiStoreConfig(Builder builder) {
        this.schema = builder.schema;
        this.authUserSchema = builder.authUserSchema;
        this.authUserTable = builder.authUserTable;
        this.authUserIdColumn = builder.authUserIdColumn;
        this.maxBatchSize = builder.maxBatchSize;
        this.snapshotEverySequences = builder.snapshotEverySequences;
        this.maxAttempts = builder.maxAttempts;
        this.retryBackoff = builder.retryBackoff;
        this.maxRetryBackoff = builder.maxRetryBackoff;
        this.fetchSize = builder.fetchSize;
        this.clock = builder.clock;
    }

    /** The defaults: tables in {@code public}, Better Auth's {@code public."user"(id)}. */
    public static JdbiStoreConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String schema() {
        return schema;
    }

    public String authUserSchema() {
        return authUserSchema;
    }

    public String authUserTable() {
        return authUserTable;
    }

    public String authUserIdColumn() {
        return authUserIdColumn;
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    public long snapshotEverySequences() {
        return snapshotEverySequences;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    public Duration maxRetryBackoff() {
        return maxRetryBackoff;
    }

    public int fetchSize() {
        return fetchSize;
    }

    public InstantSource clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "JdbiStoreConfig[schema=" + schema + ", authUser=" + authUserSchema + "." + authUserTable + "("
                + authUserIdColumn + "), maxBatchSize=" + maxBatchSize + ", snapshotEverySequences="
                + snapshotEverySequences + ", maxAttempts=" + maxAttempts + ", retryBackoff=" + retryBackoff
                + ", maxRetryBackoff=" + maxRetryBackoff + ", fetchSize=" + fetchSize + "]";
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private String schema = DEFAULT_SCHEMA;
        private String authUserSchema = "public";
        private String authUserTable = "user";
        private String authUserIdColumn = "id";
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private long snapshotEverySequences = DEFAULT_SNAPSHOT_EVERY_SEQUENCES;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private InstantSource clock = InstantSource.system();

        private Builder() {
        }

        /** The schema the trading migrations ran in. */
        public Builder schema(String schemaName) {
            this.schema = schemaName;
            return this;
        }

        public Builder authUserSchema(String schemaName) {
            this.authUserSchema = schemaName;
            return this;
        }

        public Builder authUserTable(String tableName) {
            this.authUserTable = tableName;
            return this;
        }

        public Builder authUserIdColumn(String columnName) {
            this.authUserIdColumn = columnName;
            return this;
        }

        /** 1 turns group commit off: one transaction per command. */
        public Builder maxBatchSize(int commands) {
            this.maxBatchSize = commands;
            return this;
        }

        /** 0 turns periodic snapshots off; {@code TradingEngine.snapshot} still stores one on request. */
        public Builder snapshotEverySequences(long sequences) {
            this.snapshotEverySequences = sequences;
            return this;
        }

        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder retryBackoff(Duration first, Duration max) {
            this.retryBackoff = first;
            this.maxRetryBackoff = max;
            return this;
        }

        public Builder fetchSize(int rows) {
            this.fetchSize = rows;
            return this;
        }

        public Builder clock(InstantSource instantSource) {
            this.clock = instantSource;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public JdbiStoreConfig build() {
            identifier(schema, "schema");
            identifier(authUserSchema, "authUserSchema");
            identifier(authUserTable, "authUserTable");
            identifier(authUserIdColumn, "authUserIdColumn");
            if (maxBatchSize < 1 || maxBatchSize > 10_000) {
                throw new IllegalArgumentException("maxBatchSize must be 1 to 10000: " + maxBatchSize);
            }
            if (snapshotEverySequences < 0) {
                throw new IllegalArgumentException("snapshotEverySequences must be 0 (off) or positive: "
                        + snapshotEverySequences);
            }
            if (maxAttempts < 1 || maxAttempts > 1_000) {
                throw new IllegalArgumentException("maxAttempts must be 1 to 1000: " + maxAttempts);
            }
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
            if (retryBackoff.isNegative() || maxRetryBackoff.compareTo(retryBackoff) < 0
                    || maxRetryBackoff.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("retry backoff must satisfy 0 <= first <= max <= 1 minute: "
                        + retryBackoff + ", " + maxRetryBackoff);
            }
            if (fetchSize < 1) {
                throw new IllegalArgumentException("fetchSize must be positive: " + fetchSize);
            }
            Objects.requireNonNull(clock, "clock");
            return new JdbiStoreConfig(this);
        }

        private static void identifier(String name, String what) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + " is blank");
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(what + " is not a PostgreSQL identifier (at most 63 bytes, "
                        + "no NUL): " + name);
            }
        }
    }
}
