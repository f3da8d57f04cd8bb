package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.port.BalanceDelta;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.LedgerChanges;
import io.tokenized.trading.core.port.LedgerSession;
import io.tokenized.trading.core.port.MarketChanges;
import io.tokenized.trading.core.port.MarketSession;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One attempt of one unit: a database transaction on {@code handle} in which one or more works run, and
 * the session they see. Reads go to the database (inside the transaction) and are overlaid with what
 * earlier works of the unit applied; writes are buffered and flushed in batches by {@link #flush()}.
 *
 * <p>A market unit first takes {@code pg_advisory_xact_lock} on the market, then reads the market row, so
 * what it reports cannot change under its works. A ledger unit locks no market.
 *
 * <p>Single-threaded: used by the thread running the unit, for one attempt only.
 */
final class Unit implements MarketSession, LedgerSession {

    private final StoreContext store;
    private final Handle handle;
    private final String marketId;
    private final UnitBalances balances;

    private MarketUnits units;
    private Asset market;
    private long startSequence;
    private long sequence;
    private boolean statusChanged;
    private long lastTradePriceTicks = -1;

    private final LinkedHashMap<UUID, OrderRecord> orders = new LinkedHashMap<>();
    private final Map<BalanceKey, OrderRecord> ordersByClientId = new HashMap<>();
    private final List<TradeRecord> trades = new ArrayList<>();
    private final List<JournalEntry> journal = new ArrayList<>();
    private final Map<BalanceKey, JournalEntry> journalByKey = new HashMap<>();
    private final LinkedHashMap<String, Asset> newAssets = new LinkedHashMap<>();

    private boolean appliedByCurrentWork;
    private RuntimeException storeFailure;

    private Unit(StoreContext store, Handle handle, String marketId) {
        this.store = store;
        this.handle = handle;
        this.marketId = marketId;
        this.balances = new UnitBalances(store.sql(), handle, this::scaleOf);
    }

    /** Locks the market, reads it, and locks {@code lockFirst} up front (the re-run of a stale unit). */
    static Unit market(StoreContext store, Handle handle, String assetId, long lockKey, Set<BalanceKey> lockFirst) {
        Unit unit = new Unit(store, handle, assetId);
        MarketUnits units = store.catalog().market(assetId, handle);
        if (units == null) {
            throw new UnknownMarket(assetId, store.catalog().asset(assetId, handle) != null);
        }
        unit.units = units;
        // Lock and read in one round trip but two statements: the read's snapshot is taken after the lock is
        // granted, so under READ COMMITTED it sees every unit committed before.
        long[] persisted = {0};
        Asset[] market = {null};
        new RoundTrip().add(store.sql().lockMarketThenAsset, lockKey, assetId).run(handle, rs -> {
            if (rs.next()) {
                persisted[0] = rs.getLong(12);
                market[0] = Rows.asset(rs, null);
            }
        });
        if (market[0] == null) {
            throw new UnknownMarket(assetId, false);
        }
        unit.market = market[0];
        unit.startSequence = persisted[0];
        unit.sequence = persisted[0];
        if (!lockFirst.isEmpty()) {
            unit.balances.lockUpFront(lockFirst);
        }
        return unit;
    }

    /** A ledger unit; locks {@code lockFirst} up front (the re-run of a stale unit). */
    static Unit ledger(StoreContext store, Handle handle, Set<BalanceKey> lockFirst) {
        Unit unit = new Unit(store, handle, null);
        if (!lockFirst.isEmpty()) {
            unit.balances.lockUpFront(lockFirst);
        }
        return unit;
    }

    /** The next work starts: it may apply once. */
    void beginWork() {
        appliedByCurrentWork = false;
    }

    /** A failure of the store itself inside a work (a read that failed), even if the work swallowed it. */
    RuntimeException storeFailure() {
        return storeFailure;
    }

    Set<BalanceKey> balanceKeys() {
        return balances.keys();
    }

    // ---- MarketSession ----------------------------------------------------------------------------

    @Override
    public Asset market() {
        requireMarket();
        return market;
    }

    @Override
    public Asset quote() {
        requireMarket();
        return units.quote;
    }

    @Override
    public long sequence() {
        requireMarket();
        return sequence;
    }

    @Override
    public List<OrderRecord> liveOrders() {
        requireMarket();
        return guarded(() -> {
            MarketUnits marketUnits = units;
            List<OrderRecord> stored = LiveOrderCopy.read(handle, store.sql().liveOrdersCopy(marketId), marketUnits);
            if (orders.isEmpty()) {
                return stored;
            }
            // Overlay what earlier works of this unit applied (rare: a rebuild usually starts a unit).
            Map<UUID, OrderRecord> live = new LinkedHashMap<>();
            for (OrderRecord order : stored) {
                live.put(order.id(), order);
            }
            for (OrderRecord order : orders.values()) {
                if (order.isLive()) {
                    live.put(order.id(), order);
                } else {
                    live.remove(order.id());
                }
            }
            return new ArrayList<>(live.values());
        });
    }

    @Override
    public long lastTradePriceTicks() {
        requireMarket();
        if (!trades.isEmpty()) {
            return trades.get(trades.size() - 1).priceTicks();
        }
        if (lastTradePriceTicks < 0) {
            lastTradePriceTicks = guarded(() -> handle.createQuery(store.sql().lastTradePrice)
                    .bind("assetId", marketId).mapTo(String.class).findOne().map(units::ticks).orElse(0L));
        }
        return lastTradePriceTicks;
    }

    @Override
    public BalanceRecord balance(String userId, String assetId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
        if (!store.plausibleUserId(userId)) {
            return new BalanceRecord(userId, assetId, 0, 0);
        }
        return guarded(() -> balances.read(userId, assetId));
    }

    @Override
    public boolean hasAvailable(String userId, String assetId, long minimumMinor) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
        if (!store.plausibleUserId(userId)) {
            return minimumMinor <= 0;
        }
        return guarded(() -> balances.covers(userId, assetId, minimumMinor));
    }

    @Override
    public OrderRecord orderByClientId(String userId, String clientOrderId) {
        BalanceKey key = new BalanceKey(userId, clientOrderId);
        OrderRecord applied = ordersByClientId.get(key);
        if (applied != null) {
            return applied;
        }
        if (!store.plausibleUserId(userId)) {
            return null;
        }
        return guarded(() -> handle.createQuery(store.sql().orderByClientId).bind("userId", userId)
                .bind("clientOrderId", clientOrderId)
                .map((rs, context) -> Rows.order(rs, store.catalog(), handle)).findOne().orElse(null));
    }

    @Override
    public boolean userExists(String userId) {
        if (userId == null || !store.plausibleUserId(userId)) {
            return false;
        }
        return guarded(() -> handle.createQuery(store.sql().userExists).bind("userId", userId)
                .mapTo(Boolean.class).one());
    }

    @Override
    public void apply(MarketChanges changes) {
        Objects.requireNonNull(changes, "changes");
        requireMarket();
        claimApply();
        if (!changes.assetId().equals(marketId)) {
            throw new TradingException("changes for " + changes.assetId() + " applied in the unit of " + marketId);
        }
        if (changes.sequence() < sequence) {
            throw new TradingException("sequence of " + marketId + " would go back from " + sequence + " to "
                    + changes.sequence());
        }
        for (OrderRecord order : changes.orders()) {
            if (!order.assetId().equals(marketId)) {
                throw new TradingException("order " + order.id() + " does not belong to " + marketId);
            }
            requireMarketAsset(order.lockedAssetId(), "the reservation of order " + order.id());
        }
        for (JournalEntry entry : changes.journal()) {
            requireMarketAsset(entry.assetId(), "journal entry " + entry.id());
        }
        for (BalanceDelta delta : changes.balanceDeltas()) {
            requireMarketAsset(delta.assetId(), "a balance change of " + delta.userId());
        }
        guarded(() -> {
            for (BalanceDelta delta : changes.balanceDeltas()) {
                balances.add(delta.userId(), delta.assetId(), delta.availableMinor(), delta.lockedMinor());
            }
            return null;
        });
        for (OrderRecord order : changes.orders()) {
            orders.put(order.id(), order);
            if (order.clientOrderId() != null) {
                ordersByClientId.put(new BalanceKey(order.userId(), order.clientOrderId()), order);
            }
        }
        trades.addAll(changes.trades());
        appendJournal(changes.journal());
        sequence = changes.sequence();
        if (changes.status() != null && changes.status() != market.status()) {
            market = market.withStatus(changes.status());
            statusChanged = true;
        }
    }

    // ---- LedgerSession ----------------------------------------------------------------------------

    @Override
    public Asset asset(String assetId) {
        Asset created = newAssets.get(assetId);
        if (created != null) {
            return created;
        }
        return guarded(() -> {
            Asset asset = handle.createQuery(store.sql().asset).bind("id", assetId).map(Rows::asset)
                    .findOne().orElse(null);
            if (asset != null) {
                store.catalog().remember(asset);
            }
            return asset;
        });
    }

    @Override
    public JournalEntry journalEntry(String userId, String idempotencyKey) {
        JournalEntry applied = journalByKey.get(new BalanceKey(userId, idempotencyKey));
        if (applied != null) {
            return applied;
        }
        if (!store.plausibleUserId(userId)) {
            return null;
        }
        return guarded(() -> handle.createQuery(store.sql().journalByKey).bind("userId", userId)
                .bind("idempotencyKey", idempotencyKey)
                .map((rs, context) -> Rows.journal(rs, store.catalog(), handle)).findOne().orElse(null));
    }

    @Override
    public void apply(LedgerChanges changes) {
        Objects.requireNonNull(changes, "changes");
        if (marketId != null) {
            throw new TradingException("ledger changes belong to a ledger unit, not to the unit of " + marketId);
        }
        claimApply();
        for (Asset asset : changes.newAssets()) {
            if (newAssets.containsKey(asset.id())) {
                throw new TradingException("asset " + asset.id() + " is created twice in one unit");
            }
            newAssets.put(asset.id(), asset);
        }
        guarded(() -> {
            for (JournalEntry entry : changes.journal()) {
                scaleOf(entry.assetId());
            }
            for (BalanceDelta delta : changes.balanceDeltas()) {
                scaleOf(delta.assetId());
                balances.add(delta.userId(), delta.assetId(), delta.availableMinor(), delta.lockedMinor());
            }
            return null;
        });
        appendJournal(changes.journal());
    }

    // ---- flush ------------------------------------------------------------------------------------

    /** Whether the works applied anything that must be written. */
    boolean hasWrites() {
        // Balances only read need no lock: a command that wrote nothing is rightly ordered at its read.
        return !orders.isEmpty() || !trades.isEmpty() || !journal.isEmpty() || !newAssets.isEmpty()
                || sequence != startSequence || statusChanged || balances.hasChanges();
    }

    /**
     * Writes everything the works applied, in batches, in an order the foreign keys accept: new assets,
     * orders, trades, journal, the market's sequence and status, a depth snapshot when the sequence passed
     * a multiple of the interval, and last the balance rows: locked (all of them, canonical order),
     * checked against what the works read, and changed.
     *
     * @throws UnitBalances.StaleBalances when a balance read without a lock changed meanwhile
     */
    void flush() {
        for (Asset asset : newAssets.values()) {
            handle.createUpdate(store.sql().insertAsset).bind("id", asset.id()).bind("kind", asset.kind().name())
                    .bind("name", asset.name()).bind("scale", asset.scale()).bind("quoteAssetId", asset.quoteAssetId())
                    .bind("tickSize", asset.tickSize()).bind("lotSize", asset.lotSize())
                    .bind("minQuantity", asset.minQuantity()).bind("makerFeeBps", asset.makerFeeBps())
                    .bind("takerFeeBps", asset.takerFeeBps()).bind("status", asset.status().name()).execute();
        }
        if (!orders.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch(store.sql().upsertOrder);
            for (OrderRecord order : orders.values()) {
                Rows.bindOrder(batch, order, units);
            }
            batch.execute();
        }
        if (!trades.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch(store.sql().insertTrade);
            for (TradeRecord trade : trades) {
                Rows.bindTrade(batch, trade, units);
            }
            batch.execute();
        }
        if (!journal.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch(store.sql().insertJournal);
            for (JournalEntry entry : journal) {
                Rows.bindJournal(batch, entry, scaleOf(entry.assetId()));
            }
            batch.execute();
        }
        RoundTrip marketUpdate = null;
        if (marketId != null && (sequence != startSequence || statusChanged)) {
            long every = store.config().snapshotEverySequences();
            if (every > 0 && sequence / every > startSequence / every) {
                handle.createUpdate(store.sql().snapshotFromOrders).bind("assetId", marketId)
                        .bind("sequence", sequence)
                        .bind("takenAt", Rows.timestamp(store.config().clock().instant())).execute();
            }
            // Sent in the same round trip as the balance lock below.
            marketUpdate = new RoundTrip().add(store.sql().updateMarketPositional, sequence,
                    market.status().name(), marketId);
        }
        // Balance rows last: they are shared by every market (the fee account's by every trade), so they
        // are locked only for the last two statements and the COMMIT, not for the whole flush.
        balances.lockAndCheck(marketUpdate);
        balances.write();
    }

    /** The changes after a successful commit, for the cache of new assets. */
    void committed() {
        for (Asset asset : newAssets.values()) {
            store.catalog().remember(asset);
        }
    }

    /**
     * A row only this unit can have written, to learn after a lost COMMIT whether it happened; null when
     * the unit wrote nothing that identifies it.
     */
    Witness witness() {
        if (!journal.isEmpty()) {
            return new Witness(store.sql().journalExists, journal.get(0).id(), null);
        }
        if (!trades.isEmpty()) {
            return new Witness(store.sql().tradeExists, trades.get(0).id(), null);
        }
        if (!orders.isEmpty()) {
            OrderRecord first = orders.values().iterator().next();
            return new Witness(store.sql().orderState, first.id(), first);
        }
        return null;
    }

    /** How to look for a unit's effect: a query by id, and for an order the state it must have. */
    record Witness(String query, UUID id, OrderRecord expectedOrder) {
    }

    // ---- internals --------------------------------------------------------------------------------

    private void appendJournal(List<JournalEntry> entries) {
        for (JournalEntry entry : entries) {
            journal.add(entry);
            if (entry.idempotencyKey() != null) {
                journalByKey.put(new BalanceKey(entry.userId(), entry.idempotencyKey()), entry);
            }
        }
    }

    private void claimApply() {
        if (appliedByCurrentWork) {
            throw new TradingException("a work applies its outcome at most once");
        }
        appliedByCurrentWork = true;
    }

    private void requireMarketAsset(String assetId, String what) {
        if (!assetId.equals(marketId) && !assetId.equals(units.quote.id())) {
            throw new TradingException(what + " is in " + assetId + ", outside market " + marketId + "/"
                    + units.quote.id());
        }
    }

    private void requireMarket() {
        if (marketId == null) {
            throw new TradingException("a ledger unit has no market");
        }
    }

    private int scaleOf(String assetId) {
        if (units != null) {
            return units.assetOf(assetId).scale();
        }
        Asset created = newAssets.get(assetId);
        if (created != null) {
            return created.scale();
        }
        Asset asset = store.catalog().asset(assetId, handle);
        if (asset == null) {
            throw new TradingException("asset " + assetId + " does not exist");
        }
        return asset.scale();
    }

    /** Runs a database step of the session, remembering its failure for the runner. */
    private <T> T guarded(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            if (storeFailure == null) {
                storeFailure = e;
            }
            throw e;
        }
    }

    /** {@code inMarket} for an asset that is no market. */
    static final class UnknownMarket extends TradingException {
        private static final long serialVersionUID = 1L;

        UnknownMarket(String assetId, boolean exists) {
            super(exists ? assetId + " is an asset but not a market" : "no market " + assetId + " in the store");
        }
    }
}
