package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.port.BalanceDelta;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.DepthSnapshot;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.JournalTotal;
import io.tokenized.trading.core.port.LedgerChanges;
import io.tokenized.trading.core.port.LedgerSession;
import io.tokenized.trading.core.port.LedgerWork;
import io.tokenized.trading.core.port.MarketChanges;
import io.tokenized.trading.core.port.MarketSession;
import io.tokenized.trading.core.port.MarketWork;
import io.tokenized.trading.core.port.OrderFill;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeLegTotal;
import io.tokenized.trading.core.port.TradeRecord;
import io.tokenized.trading.core.port.TradingStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TradingStore} in memory: for tests, simulations and benchmarks, and the reference the
 * conformance suite holds other stores to. Users must be {@linkplain #registerUser registered} before
 * they trade.
 *
 * <p>Thread-safe: every unit and every read runs under one store-wide lock. A unit in memory takes well
 * under a microsecond, so finer locks would cost more than they save; units of different markets are
 * therefore serialised too, which the port allows. A unit's outcome is checked completely (no balance
 * below zero, unique keys) and then applied, so a failing unit leaves nothing behind.
 */
public final class InMemoryTradingStore implements TradingStore {
    private static final Comparator<OrderRecord> PRIORITY_ORDER = Comparator
            .comparing((OrderRecord o) -> o.status() == OrderStatus.PENDING)
            .thenComparingLong(OrderRecord::priority)
            .thenComparingLong(OrderRecord::bookId);

    private static final EntryKind[] KINDS = EntryKind.values();

    private final ReentrantLock lock = new ReentrantLock();
    private final Set<String> users = new HashSet<>();
    private final Map<String, Asset> assets = new HashMap<>();
    private final Map<String, Market> markets = new HashMap<>();
    private final Map<String, Map<String, long[]>> balances = new HashMap<>();
    private final Map<UUID, OrderRow> orders = new HashMap<>();
    private final Map<String, Map<String, UUID>> clientOrderIds = new HashMap<>();
    private final Map<String, List<TradeRecord>> tradesByUser = new HashMap<>();
    private final Map<String, List<JournalEntry>> journalByUser = new HashMap<>();
    private final Map<String, Map<String, JournalEntry>> idempotencyKeys = new HashMap<>();
    // Running sums for the audit, kept as entries are appended.
    /** user -> asset -> [sum, count] per entry kind, by ordinal. */
    private final Map<String, Map<String, long[]>> journalTotals = new HashMap<>();
    private final Map<UUID, Map<String, long[]>> tradeLegs = new HashMap<>();
    private final Map<UUID, long[]> tradedByOrder = new HashMap<>();

    private final Session session = new Session();

    /** Makes a user known to the store (the auth system's job in a database). Idempotent. */
    public void registerUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        lock.lock();
        try {
            users.add(userId);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Units
    // ------------------------------------------------------------------------------------------------

    @Override
    public <R> R inMarket(String assetId, MarketWork<R> work) {
        Objects.requireNonNull(work, "work");
        lock.lock();
        try {
            Market market = markets.get(assetId);
            if (market == null) {
                throw new TradingException("no market " + assetId + " in the store");
            }
            session.begin(market);
            R result;
            try {
                result = work.run(session);
                if (session.marketChanges != null) {
                    commit(market, session.marketChanges);
                }
            } catch (RuntimeException | Error failure) {
                work.rolledBack();
                throw failure;
            } finally {
                session.end();
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R> R inLedger(LedgerWork<R> work) {
        Objects.requireNonNull(work, "work");
        lock.lock();
        try {
            session.begin(null);
            try {
                R result = work.run(session);
                if (session.ledgerChanges != null) {
                    commit(session.ledgerChanges);
                }
                return result;
            } finally {
                session.end();
            }
        } finally {
            lock.unlock();
        }
    }

    private void commit(Market market, MarketChanges changes) {
        if (!changes.assetId().equals(market.asset.id())) {
            throw new TradingException("changes for " + changes.assetId() + " applied in the unit of "
                    + market.asset.id());
        }
        if (changes.sequence() < market.sequence) {
            throw new TradingException("sequence of " + market.asset.id() + " would go back from " + market.sequence
                    + " to " + changes.sequence());
        }
        for (OrderRecord order : changes.orders()) {
            if (!order.assetId().equals(market.asset.id())) {
                throw new TradingException("order " + order.id() + " does not belong to " + market.asset.id());
            }
            if (order.clientOrderId() != null) {
                UUID holder = clientOrderIds.getOrDefault(order.userId(), Map.of()).get(order.clientOrderId());
                if (holder != null && !holder.equals(order.id())) {
                    throw new TradingException("client order id " + order.clientOrderId() + " of "
                            + order.userId() + " is taken");
                }
            }
        }
        checkJournal(changes.journal());
        long[][] newBalances = checkedBalances(changes.balanceDeltas());

        applyBalances(changes.balanceDeltas(), newBalances);
        appendJournal(changes.journal());
        for (OrderRecord order : changes.orders()) {
            OrderRow row = orders.get(order.id());
            if (row == null) {
                row = new OrderRow(order);
                orders.put(order.id(), row);
            } else {
                row.update(order);
            }
            if (order.clientOrderId() != null) {
                clientOrderIds.computeIfAbsent(order.userId(), u -> new HashMap<>())
                        .put(order.clientOrderId(), order.id());
            }
            if (order.isLive()) {
                market.live.put(order.id(), row);
            } else {
                market.live.remove(order.id());
            }
        }
        for (TradeRecord trade : changes.trades()) {
            market.trades.add(trade);
            tradesByUser.computeIfAbsent(trade.makerUserId(), u -> new ArrayList<>()).add(trade);
            if (!trade.takerUserId().equals(trade.makerUserId())) {
                tradesByUser.computeIfAbsent(trade.takerUserId(), u -> new ArrayList<>()).add(trade);
            }
            addTraded(trade.makerOrderId(), trade);
            addTraded(trade.takerOrderId(), trade);
            market.lastTradePriceTicks = trade.priceTicks();
        }
        market.sequence = changes.sequence();
        if (changes.status() != null) {
            market.asset = market.asset.withStatus(changes.status());
            assets.put(market.asset.id(), market.asset);
        }
    }

    private void commit(LedgerChanges changes) {
        for (Asset asset : changes.newAssets()) {
            if (assets.containsKey(asset.id())) {
                throw new TradingException("asset " + asset.id() + " exists");
            }
        }
        checkJournal(changes.journal());
        long[][] newBalances = checkedBalances(changes.balanceDeltas());
        for (Asset asset : changes.newAssets()) {
            assets.put(asset.id(), asset);
            if (asset.isMarket()) {
                markets.put(asset.id(), new Market(asset));
            }
        }
        applyBalances(changes.balanceDeltas(), newBalances);
        appendJournal(changes.journal());
    }

    private void checkJournal(List<JournalEntry> entries) {
        for (JournalEntry entry : entries) {
            if (!assets.containsKey(entry.assetId())) {
                throw new TradingException("journal entry " + entry.id() + " names unknown asset " + entry.assetId());
            }
            if (entry.idempotencyKey() != null
                    && idempotencyKeys.getOrDefault(entry.userId(), Map.of()).containsKey(entry.idempotencyKey())) {
                throw new TradingException("idempotency key " + entry.idempotencyKey() + " of " + entry.userId()
                        + " is taken");
            }
        }
    }

    /** The balances after the deltas, refusing any that would go below zero or overflow. */
    private long[][] checkedBalances(List<BalanceDelta> deltas) {
        long[][] result = new long[deltas.size()][];
        for (int i = 0; i < deltas.size(); i++) {
            BalanceDelta delta = deltas.get(i);
            if (!users.contains(delta.userId())) {
                throw new TradingException("balance change for unknown user " + delta.userId());
            }
            if (!assets.containsKey(delta.assetId())) {
                throw new TradingException("balance change for unknown asset " + delta.assetId());
            }
            long[] current = balances.getOrDefault(delta.userId(), Map.of()).get(delta.assetId());
            long available = Math.addExact(current == null ? 0 : current[0], delta.availableMinor());
            long locked = Math.addExact(current == null ? 0 : current[1], delta.lockedMinor());
            if (available < 0 || locked < 0) {
                throw new TradingException("balance of " + delta.userId() + " in " + delta.assetId()
                        + " would go below zero: available " + available + ", locked " + locked);
            }
            result[i] = new long[] {available, locked};
        }
        return result;
    }

    private void applyBalances(List<BalanceDelta> deltas, long[][] newBalances) {
        for (int i = 0; i < deltas.size(); i++) {
            BalanceDelta delta = deltas.get(i);
            long[] row = balances.computeIfAbsent(delta.userId(), u -> new HashMap<>())
                    .computeIfAbsent(delta.assetId(), a -> new long[2]);
            row[0] = newBalances[i][0];
            row[1] = newBalances[i][1];
        }
    }

    private void appendJournal(List<JournalEntry> entries) {
        for (JournalEntry entry : entries) {
            journalByUser.computeIfAbsent(entry.userId(), u -> new ArrayList<>()).add(entry);
            if (entry.idempotencyKey() != null) {
                idempotencyKeys.computeIfAbsent(entry.userId(), u -> new HashMap<>()).put(entry.idempotencyKey(), entry);
            }
            long[] totals = journalTotals.computeIfAbsent(entry.userId(), u -> new HashMap<>())
                    .computeIfAbsent(entry.assetId(), a -> new long[2 * KINDS.length]);
            int slot = 2 * entry.kind().ordinal();
            totals[slot] = Math.addExact(totals[slot], entry.amountMinor());
            totals[slot + 1]++;
            if (entry.tradeId() != null) {
                long[] legs = tradeLegs.computeIfAbsent(entry.tradeId(), t -> new HashMap<>(4))
                        .computeIfAbsent(entry.assetId(), a -> new long[2]);
                legs[0] = Math.addExact(legs[0], entry.amountMinor());
                legs[1]++;
            }
        }
    }

    private void addTraded(UUID orderId, TradeRecord trade) {
        long[] traded = tradedByOrder.computeIfAbsent(orderId, o -> new long[2]);
        traded[0] = Math.addExact(traded[0], trade.quantityLots());
        traded[1] = Math.addExact(traded[1], trade.quoteMinor());
    }

    // ------------------------------------------------------------------------------------------------
    // Reads
    // ------------------------------------------------------------------------------------------------

    @Override
    public Optional<Asset> asset(String assetId) {
        lock.lock();
        try {
            return Optional.ofNullable(assets.get(assetId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Asset> assets() {
        lock.lock();
        try {
            return List.copyOf(new TreeMap<>(assets).values());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean userExists(String userId) {
        lock.lock();
        try {
            return users.contains(userId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<BalanceRecord> balances(String userId) {
        lock.lock();
        try {
            List<BalanceRecord> result = new ArrayList<>();
            new TreeMap<>(balances.getOrDefault(userId, Map.of())).forEach(
                    (assetId, row) -> result.add(new BalanceRecord(userId, assetId, row[0], row[1])));
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<OrderRecord> order(UUID orderId) {
        lock.lock();
        try {
            OrderRow row = orders.get(orderId);
            return Optional.ofNullable(row == null ? null : row.toRecord());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<OrderRecord> orderByClientId(String userId, String clientOrderId) {
        lock.lock();
        try {
            UUID id = clientOrderIds.getOrDefault(userId, Map.of()).get(clientOrderId);
            return Optional.ofNullable(id == null ? null : orders.get(id).toRecord());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OrderRecord> openOrders(String userId) {
        lock.lock();
        try {
            List<OrderRecord> result = new ArrayList<>();
            for (Market market : markets.values()) {
                for (OrderRow row : market.live.values()) {
                    if (row.first.userId().equals(userId)) {
                        result.add(row.toRecord());
                    }
                }
            }
            result.sort(Comparator.comparing(OrderRecord::createdAt).thenComparing(OrderRecord::id));
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OrderRecord> liveOrders(String assetId) {
        lock.lock();
        try {
            Market market = markets.get(assetId);
            if (market == null) {
                return List.of();
            }
            List<OrderRecord> result = records(market.live.values());
            result.sort(PRIORITY_ORDER);
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TradeRecord> marketTrades(String assetId, int limit) {
        lock.lock();
        try {
            Market market = markets.get(assetId);
            return market == null ? List.of() : newestFirst(market.trades, limit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TradeRecord> userTrades(String userId, int limit) {
        lock.lock();
        try {
            return newestFirst(tradesByUser.getOrDefault(userId, List.of()), limit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<JournalEntry> journal(String userId, int limit) {
        lock.lock();
        try {
            return newestFirst(journalByUser.getOrDefault(userId, List.of()), limit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long sequence(String assetId) {
        lock.lock();
        try {
            Market market = markets.get(assetId);
            return market == null ? 0 : market.sequence;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void saveSnapshot(DepthSnapshot snapshot) {
        lock.lock();
        try {
            Market market = markets.get(snapshot.assetId());
            if (market == null) {
                throw new TradingException("no market " + snapshot.assetId() + " in the store");
            }
            market.snapshots.putIfAbsent(snapshot.sequence(), snapshot);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<DepthSnapshot> latestSnapshot(String assetId) {
        lock.lock();
        try {
            Market market = markets.get(assetId);
            return market == null || market.snapshots.isEmpty() ? Optional.empty()
                    : Optional.of(market.snapshots.lastEntry().getValue());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<BalanceRecord> allBalances() {
        lock.lock();
        try {
            List<BalanceRecord> result = new ArrayList<>();
            balances.forEach((userId, rows) -> rows.forEach(
                    (assetId, row) -> result.add(new BalanceRecord(userId, assetId, row[0], row[1]))));
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<JournalTotal> journalTotals() {
        lock.lock();
        try {
            List<JournalTotal> result = new ArrayList<>();
            journalTotals.forEach((userId, byAsset) -> byAsset.forEach((assetId, totals) -> {
                for (EntryKind kind : KINDS) {
                    int slot = 2 * kind.ordinal();
                    if (totals[slot + 1] > 0) {
                        result.add(new JournalTotal(userId, assetId, kind, totals[slot], totals[slot + 1]));
                    }
                }
            }));
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OrderFill> orderFills() {
        lock.lock();
        try {
            List<OrderFill> result = new ArrayList<>();
            Set<UUID> ids = new HashSet<>(tradedByOrder.keySet());
            for (OrderRow row : orders.values()) {
                if (row.filledLots > 0) {
                    ids.add(row.first.id());
                }
            }
            for (UUID id : ids) {
                OrderRow row = orders.get(id);
                OrderRecord order = row == null ? null : row.toRecord();
                long[] traded = tradedByOrder.getOrDefault(id, new long[2]);
                result.add(new OrderFill(id, order == null ? "?" : order.assetId(),
                        order == null ? 0 : order.quantityLots(), order == null ? 0 : order.filledLots(),
                        order == null ? 0 : order.filledQuoteMinor(), traded[0], traded[1]));
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TradeLegTotal> tradeLegTotals() {
        lock.lock();
        try {
            List<TradeLegTotal> result = new ArrayList<>();
            tradeLegs.forEach((tradeId, byAsset) -> byAsset.forEach(
                    (assetId, legs) -> result.add(new TradeLegTotal(tradeId, assetId, legs[0], legs[1]))));
            return result;
        } finally {
            lock.unlock();
        }
    }

    private static List<OrderRecord> records(java.util.Collection<OrderRow> rows) {
        List<OrderRecord> result = new ArrayList<>(rows.size());
        for (OrderRow row : rows) {
            result.add(row.toRecord());
        }
        return result;
    }

    private static <T> List<T> newestFirst(List<T> items, int limit) {
        int from = Math.max(0, items.size() - limit);
        List<T> result = new ArrayList<>(items.subList(from, items.size()));
        Collections.reverse(result);
        return result;
    }

    // ------------------------------------------------------------------------------------------------
    // State and session
    // ------------------------------------------------------------------------------------------------

    /**
     * One order's row, updated in place: a command's new record dies young instead of every order's
     * latest record surviving into the old generation. Guarded by the store lock.
     */
    private static final class OrderRow {
        /** The record as placed: the fields that never change. */
        final OrderRecord first;
        long priceTicks;
        long stopPriceTicks;
        long quantityLots;
        long filledLots;
        long filledQuoteMinor;
        long lockedMinor;
        long priority;
        OrderStatus status;
        io.tokenized.trading.core.book.CancelReason cancelReason;
        long updatedSecond;
        int updatedNano;

        OrderRow(OrderRecord record) {
            this.first = record;
            update(record);
        }

        void update(OrderRecord record) {
            OrderRecord o = first;
            if (record.bookId() != o.bookId() || !record.userId().equals(o.userId())
                    || !record.assetId().equals(o.assetId()) || record.side() != o.side() || record.type() != o.type()
                    || !Objects.equals(record.clientOrderId(), o.clientOrderId())
                    || !Objects.equals(record.ocoSiblingId(), o.ocoSiblingId())) {
                throw new TradingException("order " + o.id() + " cannot change what it is: " + record);
            }
            priceTicks = record.priceTicks();
            stopPriceTicks = record.stopPriceTicks();
            quantityLots = record.quantityLots();
            filledLots = record.filledLots();
            filledQuoteMinor = record.filledQuoteMinor();
            lockedMinor = record.lockedMinor();
            priority = record.priority();
            status = record.status();
            cancelReason = record.cancelReason();
            updatedSecond = record.updatedAt().getEpochSecond();
            updatedNano = record.updatedAt().getNano();
        }

        OrderRecord toRecord() {
            OrderRecord o = first;
            return new OrderRecord(o.id(), o.userId(), o.assetId(), o.bookId(), o.clientOrderId(), o.side(), o.type(),
                    o.timeInForce(), o.postOnly(), o.selfTradePrevention(), priceTicks, stopPriceTicks, quantityLots,
                    o.quoteBudgetMinor(), filledLots, filledQuoteMinor, lockedMinor, o.lockedAssetId(), status,
                    cancelReason, o.ocoSiblingId(), o.sequence(), priority, o.createdAt(),
                    java.time.Instant.ofEpochSecond(updatedSecond, updatedNano));
        }
    }

    /** One market's rows; guarded by the store lock. */
    private static final class Market {
        Asset asset;
        long sequence;
        long lastTradePriceTicks;
        final LinkedHashMap<UUID, OrderRow> live = new LinkedHashMap<>();
        final List<TradeRecord> trades = new ArrayList<>();
        final TreeMap<Long, DepthSnapshot> snapshots = new TreeMap<>();

        Market(Asset asset) {
            this.asset = asset;
        }
    }

    /**
     * The one session, reused by every unit: units run one at a time under the store lock. Outcomes are
     * held until the work returns, then checked and applied as a whole.
     */
    private final class Session implements MarketSession, LedgerSession {
        private Market market;
        private MarketChanges marketChanges;
        private LedgerChanges ledgerChanges;
        private boolean open;

        void begin(Market unitMarket) {
            market = unitMarket;
            marketChanges = null;
            ledgerChanges = null;
            open = true;
        }

        void end() {
            market = null;
            marketChanges = null;
            ledgerChanges = null;
            open = false;
        }

        private Market unitMarket() {
            if (!open || market == null) {
                throw new TradingException("the market session is used outside its unit");
            }
            return market;
        }

        @Override
        public Asset market() {
            return unitMarket().asset;
        }

        @Override
        public Asset quote() {
            return assets.get(unitMarket().asset.quoteAssetId());
        }

        @Override
        public long sequence() {
            return unitMarket().sequence;
        }

        @Override
        public List<OrderRecord> liveOrders() {
            return records(unitMarket().live.values());
        }

        @Override
        public long lastTradePriceTicks() {
            return unitMarket().lastTradePriceTicks;
        }

        @Override
        public BalanceRecord balance(String userId, String assetId) {
            checkOpen();
            long[] row = balances.getOrDefault(userId, Map.of()).get(assetId);
            return row == null ? new BalanceRecord(userId, assetId, 0, 0)
                    : new BalanceRecord(userId, assetId, row[0], row[1]);
        }

        @Override
        public OrderRecord orderByClientId(String userId, String clientOrderId) {
            checkOpen();
            UUID id = clientOrderIds.getOrDefault(userId, Map.of()).get(clientOrderId);
            return id == null ? null : orders.get(id).toRecord();
        }

        @Override
        public boolean userExists(String userId) {
            checkOpen();
            return users.contains(userId);
        }

        @Override
        public void apply(MarketChanges changes) {
            unitMarket();
            if (marketChanges != null) {
                throw new TradingException("a work applies its outcome once");
            }
            marketChanges = Objects.requireNonNull(changes, "changes");
        }

        @Override
        public Asset asset(String assetId) {
            checkOpen();
            return assets.get(assetId);
        }

        @Override
        public JournalEntry journalEntry(String userId, String idempotencyKey) {
            checkOpen();
            return idempotencyKeys.getOrDefault(userId, Map.of()).get(idempotencyKey);
        }

        @Override
        public void apply(LedgerChanges changes) {
            checkOpen();
            if (market != null || ledgerChanges != null) {
                throw new TradingException("ledger changes belong to a ledger unit, applied once");
            }
            ledgerChanges = Objects.requireNonNull(changes, "changes");
        }

        private void checkOpen() {
            if (!open) {
                throw new TradingException("the session is used outside its unit");
            }
        }
    }
}
