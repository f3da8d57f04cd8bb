/**
 * The trading store over PostgreSQL.
 *
 * <p>The public API is small: {@link io.tokenized.trading.jdbi.JdbiTradingStore#create} builds the
 * {@link io.tokenized.trading.core.port.TradingStore} over a migrated schema, configured by
 * {@link io.tokenized.trading.jdbi.JdbiStoreConfig}; {@link io.tokenized.trading.jdbi.TradingDataSources}
 * builds the runtime connection pool from a {@link io.tokenized.trading.migrations.DatabaseUrl} with
 * {@link io.tokenized.trading.jdbi.PoolSettings}. Failures surface as
 * {@link io.tokenized.trading.jdbi.StoreException} (and its
 * {@link io.tokenized.trading.jdbi.CommitOutcomeUnknownException}) or
 * {@link io.tokenized.trading.jdbi.SchemaVersionException}, all
 * {@link io.tokenized.trading.core.TradingException}s. Everything else — units, group commit, row
 * mapping, statements — is package-private.
 *
 * <p>Safe with many host instances on one database: a market's units are serialised by
 * {@code pg_advisory_xact_lock}, balance rows are locked in one canonical order, transient failures are
 * retried, and no session state is used, so a transaction-mode pooler (Neon's PgBouncer) is fine.
 */
package io.tokenized.trading.jdbi;
