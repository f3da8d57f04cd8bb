package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.DepthSnapshot;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.JournalTotal;
import io.tokenized.trading.core.port.LedgerWork;
import io.tokenized.trading.core.port.MarketWork;
import io.tokenized.trading.core.port.OrderFill;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeLegTotal;
import io.tokenized.trading.core.port.TradeRecord;
import io.tokenized.trading.core.port.TradingStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The {@link TradingStore} over PostgreSQL: the domain tables the trading migrations created, shared
 * safely by any number of host instances.
 *
 * <pre>{@code
 * HikariDataSource pool = TradingDataSources.pooled(DatabaseUrl.parse(System.getenv("DATABASE_URL")));
 * TradingStore store = JdbiTradingStore.create(pool, JdbiStoreConfig.defaults());
 * TradingEngine engine = TradingEngine.builder().store(store).feeAccount(feeUserId).build();
 * }</pre>
 *
 * <h2>Units</h2>
 * A market unit is one transaction: {@code pg_advisory_xact_lock} on the market (a 64-bit key from the
 * schema and the asset id; transaction-scoped, so it works through a transaction-mode pooler), the market
 * row read after it, the works run, the writes flushed in batches (multi-row inserts of orders, trades
 * and journal entries, the market's sequence), and last the balance rows the works touched: created if
 * absent ({@code INSERT ... ON CONFLICT DO NOTHING}), locked in one canonical order
 * ({@code SELECT ... ORDER BY user_id, asset_id FOR UPDATE}), checked against what the works read, and
 * changed by one {@code UPDATE ... FROM unnest(...)}; then commit. Works read balances without a lock;
 * a read that changed before the lock re-runs the unit with those rows locked first. Concurrent commands for one market are
 * coalesced into one unit (group commit, at most {@link JdbiStoreConfig#maxBatchSize()} commands); each
 * caller returns after the commit with its own result. Transient failures re-run the unit with backoff;
 * a lost COMMIT is resolved by looking for the unit's rows; see {@link TradingStore} for the contract.
 *
 * <p>Every statement names the configured schema; no session state is set (no {@code SET}, no
 * {@code search_path}, no session advisory lock, no {@code LISTEN}). Database failures surface as
 * {@link StoreException}, a lost commit that cannot be resolved as {@link CommitOutcomeUnknownException}.
 *
 * <h2>Snapshots</h2>
 * Depth snapshots are stored on request ({@link #saveSnapshot}, which {@code TradingEngine.snapshot}
 * calls) and by the unit in which a market's sequence passes a multiple of
 * {@link JdbiStoreConfig#snapshotEverySequences()}, aggregated from the orders table inside that unit.
 *
 * <p>Thread-safe: any number of threads may call it; connections come from the data source, one per unit
 * or query.
 */
public final class JdbiTradingStore implements TradingStore {

    /** The migration version of the trading schema this store reads and writes. */
    public static final String EXPECTED_SCHEMA_VERSION = "2";

    private final Jdbi jdbi;
    private final StoreContext store;
    private final Statements sql;
    private final AssetCatalog catalog;
    private final UnitRunner runner;
    private final ConcurrentHashMap<String, MarketLane> lanes = new ConcurrentHashMap<>();

    private JdbiTradingStore(Jdbi jdbi, StoreContext store) {
        this.jdbi = jdbi;
        this.store = store;
        this.sql = store.sql();
        this.catalog = store.catalog();
        this.runner = new UnitRunner(jdbi, store);
    }

    /**
     * A store over the tables in {@code config}'s schema, reached through {@code dataSource} (a pool:
     * see {@link TradingDataSources#pooled}).
     *
     * @throws SchemaVersionException when the schema is not migrated to {@value #EXPECTED_SCHEMA_VERSION}
     * @throws StoreException         when the database cannot be reached or the auth user table is missing
     */
    public static JdbiTradingStore create(DataSource dataSource, JdbiStoreConfig config) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(config, "config");
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        String schema = Statements.quote(config.schema());
        String userIdType;
        try {
            userIdType = jdbi.withHandle(handle -> checkSchema(handle.attach(SchemaChecks.class), config, schema));
        } catch (TradingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.translate("Checking the trading schema " + config.schema(), e);
        }
        Statements statements = new Statements(config.schema(), userIdType, config.authUserSchema(),
                config.authUserTable(), config.authUserIdColumn());
        StoreContext context = new StoreContext(statements, new AssetCatalog(statements), config,
                userIdType.equals("uuid"));
        try {
            jdbi.withHandle(handle -> handle.createQuery(statements.userExists).bind("userId", probeUserId(context))
                    .mapTo(Boolean.class).one());
        } catch (RuntimeException e) {
            throw Failures.translate("Reading the auth user table " + config.authUserSchema() + "."
                    + config.authUserTable() + "(" + config.authUserIdColumn() + ") (set authUserSchema, "
                    + "authUserTable and authUserIdColumn to the auth system's user table)", e);
        }
        return new JdbiTradingStore(jdbi, context);
    }

    private static String checkSchema(SchemaChecks checks, JdbiStoreConfig config, String schema) {
        String where = "schema " + config.schema();
        String userIdType = checks.userIdType(schema + ".orders").orElse(null);
        if (userIdType == null) {
            throw new SchemaVersionException("The trading tables are missing in " + where + ": run the trading "
                    + "migrations (TradingMigrations.builder(directUrl).schema(\"" + config.schema()
                    + "\").build().migrate()) before starting the store.");
        }
        Optional<String> version;
        int failed;
        try {
            version = checks.currentVersion(schema);
            failed = checks.failedMigrations(schema);
        } catch (RuntimeException e) {
            if ("42P01".equals(Failures.sqlState(e))) {
                throw new SchemaVersionException("The trading tables in " + where + " have no migration history "
                        + "(trading_schema_history): they were not created by the trading migrations. Adopt them "
                        + "with TradingMigrations.align() or migrate a fresh schema.");
            }
            throw e;
        }
        if (failed > 0) {
            throw new SchemaVersionException("A trading migration failed in " + where + " (" + failed
                    + " failed entries in trading_schema_history): repair the schema and migrate again.");
        }
        String current = version.orElse("none");
        int comparison = compareVersions(current, EXPECTED_SCHEMA_VERSION);
        if (comparison < 0) {
            throw new SchemaVersionException("The trading schema in " + where + " is at version " + current
                    + "; this library needs version " + EXPECTED_SCHEMA_VERSION + ": run the trading migrations.");
        }
        if (comparison > 0) {
            throw new SchemaVersionException("The trading schema in " + where + " is at version " + current
                    + ", newer than version " + EXPECTED_SCHEMA_VERSION + " this library is written for: "
                    + "upgrade the library.");
        }
        return userIdType;
    }

    /** Compares dotted versions ({@code 1}, {@code 1.2}) numerically; "none" is lowest. */
    static int compareVersions(String left, String right) {
        if (left.equals(right)) {
            return 0;
        }
        if (left.equals("none")) {
            return -1;
        }
        String[] a = left.split("[._]");
        String[] b = right.split("[._]");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? Long.parseLong(a[i]) : 0;
            long y = i < b.length ? Long.parseLong(b[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    private static String probeUserId(StoreContext context) {
        return context.uuidUserIds() ? new UUID(0, 0).toString() : "";
    }

    /** The settings this store runs with. */
    public JdbiStoreConfig config() {
        return store.config();
    }

    // ---- units ------------------------------------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public <R> R inMarket(String assetId, MarketWork<R> work) {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(work, "work");
        MarketLane lane = lanes.get(assetId);
        if (lane == null) {
            MarketUnits units = read("Looking up market " + assetId, handle -> catalog.market(assetId, handle));
            if (units == null) {
                throw new TradingException("no market " + assetId + " in the store");
            }
            lane = lanes.computeIfAbsent(assetId, id -> new MarketLane(id,
                    MarketLocks.key(store.config().schema(), id), store.config().maxBatchSize(), runner));
        }
        return (R) lane.submit(work);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R inLedger(LedgerWork<R> work) {
        Objects.requireNonNull(work, "work");
        Job job = Job.ledger(work);
        runner.run(null, 0, List.of(job));
        return (R) job.outcome();
    }

    // ---- reads ------------------------------------------------------------------------------------

    @Override
    public Optional<Asset> asset(String assetId) {
        Objects.requireNonNull(assetId, "assetId");
        return read("Reading asset " + assetId, handle -> handle.createQuery(sql.asset).bind("id", assetId)
                .map(Rows::asset).findOne());
    }

    @Override
    public List<Asset> assets() {
        return read("Reading the assets", handle -> handle.createQuery(sql.assets).map(Rows::asset).list());
    }

    @Override
    public boolean userExists(String userId) {
        if (userId == null || !store.plausibleUserId(userId)) {
            return false;
        }
        return read("Looking up user " + userId, handle -> handle.createQuery(sql.userExists)
                .bind("userId", userId).mapTo(Boolean.class).one());
    }

    @Override
    public List<BalanceRecord> balances(String userId) {
        if (!store.plausibleUserId(userId)) {
            return List.of();
        }
        return read("Reading the balances of " + userId, handle -> handle.createQuery(sql.balancesOfUser)
                .bind("userId", userId).map((rs, context) -> balance(rs, handle)).list());
    }

    @Override
    public Optional<OrderRecord> order(UUID orderId) {
        Objects.requireNonNull(orderId, "orderId");
        return read("Reading order " + orderId, handle -> handle.createQuery(sql.orderById).bind("id", orderId)
                .map((rs, context) -> Rows.order(rs, catalog, handle)).findOne());
    }

    @Override
    public Optional<OrderRecord> orderByClientId(String userId, String clientOrderId) {
        if (!store.plausibleUserId(userId)) {
            return Optional.empty();
        }
        return read("Reading order " + clientOrderId + " of " + userId, handle -> handle
                .createQuery(sql.orderByClientId).bind("userId", userId).bind("clientOrderId", clientOrderId)
                .map((rs, context) -> Rows.order(rs, catalog, handle)).findOne());
    }

    @Override
    public List<OrderRecord> openOrders(String userId) {
        if (!store.plausibleUserId(userId)) {
            return List.of();
        }
        return read("Reading the open orders of " + userId, handle -> handle.createQuery(sql.openOrdersOfUser)
                .bind("userId", userId).map((rs, context) -> Rows.order(rs, catalog, handle)).list());
    }

    @Override
    public List<OrderRecord> liveOrders(String assetId) {
        return read("Reading the live orders of " + assetId, handle -> {
            MarketUnits units = catalog.market(assetId, handle);
            if (units == null) {
                return List.<OrderRecord>of();
            }
            return handle.createQuery(sql.liveOrdersInPriorityOrder).bind("assetId", assetId)
                    .setFetchSize(store.config().fetchSize()).map((rs, context) -> Rows.order(rs, units)).list();
        });
    }

    @Override
    public List<TradeRecord> marketTrades(String assetId, int limit) {
        return read("Reading the trades of " + assetId, handle -> handle.createQuery(sql.marketTrades)
                .bind("assetId", assetId).bind("limit", limit)
                .map((rs, context) -> Rows.trade(rs, catalog, handle)).list());
    }

    @Override
    public List<TradeRecord> userTrades(String userId, int limit) {
        if (!store.plausibleUserId(userId)) {
            return List.of();
        }
        return read("Reading the trades of " + userId, handle -> handle.createQuery(sql.userTrades)
                .bind("userId", userId).bind("limit", limit)
                .map((rs, context) -> Rows.trade(rs, catalog, handle)).list());
    }

    @Override
    public List<JournalEntry> journal(String userId, int limit) {
        if (!store.plausibleUserId(userId)) {
            return List.of();
        }
        return read("Reading the journal of " + userId, handle -> handle.createQuery(sql.journalOfUser)
                .bind("userId", userId).bind("limit", limit)
                .map((rs, context) -> Rows.journal(rs, catalog, handle)).list());
    }

    @Override
    public long sequence(String assetId) {
        return read("Reading the sequence of " + assetId, handle -> handle.createQuery(sql.sequence)
                .bind("id", assetId).mapTo(Long.class).findOne().orElse(0L));
    }

    @Override
    public void saveSnapshot(DepthSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        read("Saving a snapshot of " + snapshot.assetId(), handle -> {
            MarketUnits units = catalog.market(snapshot.assetId(), handle);
            if (units == null) {
                throw new TradingException("no market " + snapshot.assetId() + " in the store");
            }
            return handle.createUpdate(sql.insertSnapshot).bind("assetId", snapshot.assetId())
                    .bind("sequence", snapshot.sequence()).bind("bids", Snapshots.json(snapshot.bids(), units))
                    .bind("asks", Snapshots.json(snapshot.asks(), units))
                    .bind("takenAt", Rows.timestamp(snapshot.takenAt())).execute();
        });
    }

    @Override
    public Optional<DepthSnapshot> latestSnapshot(String assetId) {
        List<DepthSnapshot> latest = snapshots(assetId, 1);
        return latest.isEmpty() ? Optional.empty() : Optional.of(latest.get(0));
    }

    /** The market's stored snapshots, highest sequence first, at most {@code limit}. */
    public List<DepthSnapshot> snapshots(String assetId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return read("Reading the snapshots of " + assetId, handle -> {
            MarketUnits units = catalog.market(assetId, handle);
            if (units == null) {
                return List.<DepthSnapshot>of();
            }
            List<Snapshots.Header> headers = handle.createQuery(sql.snapshotHeaders).bind("assetId", assetId)
                    .bind("limit", limit).map(Snapshots::header).list();
            List<DepthSnapshot> result = new ArrayList<>(headers.size());
            for (Snapshots.Header header : headers) {
                result.add(Snapshots.load(handle, sql, header, assetId, units));
            }
            return result;
        });
    }

    /** The market's snapshot with the highest sequence at or below {@code sequence}. */
    public Optional<DepthSnapshot> snapshotAt(String assetId, long sequence) {
        return read("Reading the snapshot of " + assetId + " at " + sequence, handle -> {
            MarketUnits units = catalog.market(assetId, handle);
            if (units == null) {
                return Optional.<DepthSnapshot>empty();
            }
            return handle.createQuery(sql.snapshotHeaderAt).bind("assetId", assetId).bind("sequence", sequence)
                    .map(Snapshots::header).findOne()
                    .map(header -> Snapshots.load(handle, sql, header, assetId, units));
        });
    }

    // ---- audit ------------------------------------------------------------------------------------

    @Override
    public List<BalanceRecord> allBalances() {
        return read("Reading all balances", handle -> handle.createQuery(sql.allBalances)
                .map((rs, context) -> balance(rs, handle)).list());
    }

    @Override
    public List<JournalTotal> journalTotals() {
        return read("Summing the journal", handle -> handle.createQuery(sql.journalTotals)
                .map((rs, context) -> new JournalTotal(rs.getString(1), rs.getString(2),
                        EntryKind.valueOf(rs.getString(3)),
                        Units.scaledExactly(rs.getString(4), catalog.scale(rs.getString(2), handle)), rs.getLong(5)))
                .list());
    }

    @Override
    public List<OrderFill> orderFills() {
        return read("Summing the fills", handle -> handle.createQuery(sql.orderFills).map((rs, context) -> {
            MarketUnits units = catalog.market(rs.getString(2), handle);
            return new OrderFill(rs.getObject(1, UUID.class), units.token.id(), units.lots(rs.getString(3)),
                    units.lots(rs.getString(4)), units.quoteMinor(rs.getString(5)), units.lotsExactly(rs.getString(6)),
                    units.quoteMinorExactly(rs.getString(7)));
        }).list());
    }

    @Override
    public List<TradeLegTotal> tradeLegTotals() {
        return read("Summing the trade legs", handle -> handle.createQuery(sql.tradeLegTotals)
                .map((rs, context) -> new TradeLegTotal(rs.getObject(1, UUID.class), rs.getString(2),
                        Units.scaledExactly(rs.getString(3), catalog.scale(rs.getString(2), handle)), rs.getLong(4)))
                .list());
    }

    // ---- internals --------------------------------------------------------------------------------

    private BalanceRecord balance(java.sql.ResultSet rs, Handle handle) throws java.sql.SQLException {
        String assetId = rs.getString(2);
        int scale = catalog.scale(assetId, handle);
        return new BalanceRecord(rs.getString(1), assetId, Units.scaled(rs.getString(3), scale),
                Units.scaled(rs.getString(4), scale));
    }

    private <T> T read(String doing, HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (TradingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.translate(doing, e);
        }
    }
}
