package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
    /** Every order ever stored. */
    private final UuidMap<OrderRow> orders = new UuidMap<>(1024);
    private final Map<String, Map<String, UUID>> clientOrderIds = new HashMap<>();
    private final Map<String, List<TradeRecord>> tradesByUser = new HashMap<>();
    private final Map<String, List<JournalEntry>> journalByUser = new HashMap<>();
    private final Map<String, Map<String, JournalEntry>> idempotencyKeys = new HashMap<>();
    // Running sums for the audit, kept as entries are appended.
    /** user -> asset -> [sum, count] per entry kind, by ordinal. */
    private final Map<String, Map<String, long[]>> journalTotals = new HashMap<>();
    /** Trade sums of orders without a row (only a store fed inconsistent outcomes has any); rows keep their own. */
    private final Map<UUID, long[]> tradedWithoutRow = new HashMap<>();
    // Scratch of the unit being committed, reused under the lock.
    private OrderRow[] scratchRows = new OrderRow[8];
    private long[][] scratchBalanceRows = new long[8][];
    private long[] scratchAvailable = new long[8];
    private long[] scratchLocked = new long[8];

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
        String assetId = market.asset.id();
        if (!changes.assetId().equals(assetId)) {
            throw new TradingException("changes for " + changes.assetId() + " applied in the unit of " + assetId);
        }
        if (changes.sequence() < market.sequence) {
            throw new TradingException("sequence of " + assetId + " would go back from " + market.sequence
                    + " to " + changes.sequence());
        }
        // Check everything first, remembering the rows found, then apply: a failing unit leaves nothing.
        // Indexed loops: the port's lists are immutable lists whose iterators the JIT does not always elide.
        List<OrderRecord> changed = changes.orders();
        int orderCount = changed.size();
        OrderRow[] rows = orderRows(orderCount);
        for (int i = 0; i < orderCount; i++) {
            OrderRecord order = changed.get(i);
            if (!order.assetId().equals(assetId)) {
                throw new TradingException("order " + order.id() + " does not belong to " + assetId);
            }
            OrderRow row = row(market, order.id());
            if (row != null) {
                row.checkSameOrder(order);
            } else if (order.clientOrderId() != null) {
                UUID holder = clientOrderIds.getOrDefault(order.userId(), Map.of()).get(order.clientOrderId());
                if (holder != null && !holder.equals(order.id())) {
                    throw new TradingException("client order id " + order.clientOrderId() + " of "
                            + order.userId() + " is taken");
                }
            }
            rows[i] = row;
        }
        checkJournal(changes.journal());
        int deltaCount = checkBalances(changes.balanceDeltas());

        applyBalances(changes.balanceDeltas(), deltaCount);
        appendJournal(changes.journal());
        for (int i = 0; i < orderCount; i++) {
            OrderRecord order = changed.get(i);
            OrderRow row = rows[i];
            if (row == null) {
                row = new OrderRow(order);
                orders.put(order.id(), row);
                if (order.clientOrderId() != null) {
                    clientOrderIds.computeIfAbsent(order.userId(), u -> new HashMap<>())
                            .put(order.clientOrderId(), order.id());
                }
                if (!tradedWithoutRow.isEmpty()) {
                    row.addTraded(tradedWithoutRow.remove(order.id()));
                }
                rows[i] = row;
            } else {
                row.update(order);
            }
            // The row knows whether the live index holds it, so most commands need no hashing here.
            if (order.isLive() != row.listedLive) {
                if (order.isLive()) {
                    market.live.put(order.id(), row);
                } else {
                    market.live.remove(order.id());
                }
                row.listedLive = order.isLive();
            }
        }
        List<TradeRecord> trades = changes.trades();
        for (int i = 0, n = trades.size(); i < n; i++) {
            TradeRecord trade = trades.get(i);
            market.trades.add(trade);
            tradesByUser.computeIfAbsent(trade.makerUserId(), u -> new ArrayList<>()).add(trade);
            if (!trade.takerUserId().equals(trade.makerUserId())) {
                tradesByUser.computeIfAbsent(trade.takerUserId(), u -> new ArrayList<>()).add(trade);
            }
            addTraded(market, rows, orderCount, trade.makerOrderId(), trade);
            addTraded(market, rows, orderCount, trade.takerOrderId(), trade);
            market.lastTradePriceTicks = trade.priceTicks();
        }
        Arrays.fill(rows, 0, orderCount, null);
        market.sequence = changes.sequence();
        if (changes.status() != null) {
            market.asset = market.asset.withStatus(changes.status());
            assets.put(market.asset.id(), market.asset);
        }
    }

    /**
     * The stored row of an order, or null. The orders a command changes are live ones of its market, so
     * the market's small live index answers most lookups; the index of every order ever placed, which
     * grows without bound and misses the caches, is asked only for new and finished orders.
     */
    private OrderRow row(Market market, UUID orderId) {
        OrderRow row = market.live.get(orderId);
        return row != null ? row : orders.get(orderId);
    }

    private OrderRow[] orderRows(int count) {
        if (scratchRows.length < count) {
            scratchRows = new OrderRow[Math.max(count, 2 * scratchRows.length)];
        }
        return scratchRows;
    }

    private void commit(LedgerChanges changes) {
        for (Asset asset : changes.newAssets()) {
            if (assets.containsKey(asset.id())) {
                throw new TradingException("asset " + asset.id() + " exists");
            }
        }
        checkJournal(changes.journal());
        int deltaCount = checkBalances(changes.balanceDeltas());
        for (Asset asset : changes.newAssets()) {
            assets.put(asset.id(), asset);
            if (asset.isMarket()) {
                markets.put(asset.id(), new Market(asset));
            }
        }
        applyBalances(changes.balanceDeltas(), deltaCount);
        appendJournal(changes.journal());
    }

    private void checkJournal(List<JournalEntry> entries) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            JournalEntry entry = entries.get(i);
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

    /**
     * Computes the balances after the deltas into the scratch arrays, refusing any that would go below
     * zero or overflow; returns how many there are. Rows exist only for registered users and known assets
     * (neither is ever removed), so a found row needs neither check again.
     */
    private int checkBalances(List<BalanceDelta> deltas) {
        int count = deltas.size();
        if (scratchBalanceRows.length < count) {
            int capacity = Math.max(count, 2 * scratchBalanceRows.length);
            scratchBalanceRows = new long[capacity][];
            scratchAvailable = new long[capacity];
            scratchLocked = new long[capacity];
        }
        for (int i = 0; i < count; i++) {
            BalanceDelta delta = deltas.get(i);
            Map<String, long[]> userRows = balances.get(delta.userId());
            long[] current = userRows == null ? null : userRows.get(delta.assetId());
            if (current == null) {
                if (!users.contains(delta.userId())) {
                    throw new TradingException("balance change for unknown user " + delta.userId());
                }
                if (!assets.containsKey(delta.assetId())) {
                    throw new TradingException("balance change for unknown asset " + delta.assetId());
                }
            }
            long available = Math.addExact(current == null ? 0 : current[0], delta.availableMinor());
            long locked = Math.addExact(current == null ? 0 : current[1], delta.lockedMinor());
            if (available < 0 || locked < 0) {
                throw new TradingException("balance of " + delta.userId() + " in " + delta.assetId()
                        + " would go below zero: available " + available + ", locked " + locked);
            }
            scratchBalanceRows[i] = current;
            scratchAvailable[i] = available;
            scratchLocked[i] = locked;
        }
        return count;
    }

    /** Writes what {@link #checkBalances} computed, creating the rows that did not exist. */
    private void applyBalances(List<BalanceDelta> deltas, int count) {
        for (int i = 0; i < count; i++) {
            long[] row = scratchBalanceRows[i];
            if (row == null) {
                BalanceDelta delta = deltas.get(i);
                row = balances.computeIfAbsent(delta.userId(), u -> new HashMap<>())
                        .computeIfAbsent(delta.assetId(), a -> new long[2]);
            }
            row[0] = scratchAvailable[i];
            row[1] = scratchLocked[i];
            scratchBalanceRows[i] = null;
        }
    }

    private void appendJournal(List<JournalEntry> entries) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            JournalEntry entry = entries.get(i);
            journalByUser.computeIfAbsent(entry.userId(), u -> new ArrayList<>()).add(entry);
            if (entry.idempotencyKey() != null) {
                idempotencyKeys.computeIfAbsent(entry.userId(), u -> new HashMap<>()).put(entry.idempotencyKey(), entry);
            }
            long[] totals = journalTotals.computeIfAbsent(entry.userId(), u -> new HashMap<>())
                    .computeIfAbsent(entry.assetId(), a -> new long[2 * KINDS.length]);
            int slot = 2 * entry.kind().ordinal();
            totals[slot] = Math.addExact(totals[slot], entry.amountMinor());
            totals[slot + 1]++;
        }
    }

    /** Adds a trade to the sums of one of its orders, usually a row the same command changed. */
    private void addTraded(Market market, OrderRow[] changedRows, int changedCount, UUID orderId, TradeRecord trade) {
        OrderRow row = null;
        for (int i = 0; i < changedCount && row == null; i++) {
            if (changedRows[i].id.equals(orderId)) {
                row = changedRows[i];
            }
        }
        if (row == null) {
            row = row(market, orderId);
        }
        if (row != null) {
            row.addTraded(trade.quantityLots(), trade.quoteMinor());
            return;
        }
        // A trade naming an order the store does not hold: keep its sums for the audit to report.
        long[] traded = tradedWithoutRow.computeIfAbsent(orderId, o -> new long[2]);
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
                    if (row.userId.equals(userId)) {
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
            orders.forEachValue(row -> {
                if (row.filledLots > 0 || row.tradedLots > 0) {
                    result.add(new OrderFill(row.id, row.assetId, row.quantityLots, row.filledLots,
                            row.filledQuoteMinor, row.tradedLots, row.tradedQuoteMinor));
                }
            });
            tradedWithoutRow.forEach((id, traded) -> result.add(new OrderFill(id, "?", 0, 0, 0, traded[0], traded[1])));
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TradeLegTotal> tradeLegTotals() {
        lock.lock();
        try {
            // Summed from the journal when asked, as a database would: a running sum per trade would cost
            // every trade a lookup and an insert into an ever-growing map on the command path.
            Map<UUID, TradeLegs> byTrade = new HashMap<>();
            for (List<JournalEntry> entries : journalByUser.values()) {
                for (int i = 0, n = entries.size(); i < n; i++) {
                    JournalEntry entry = entries.get(i);
                    if (entry.tradeId() != null) {
                        byTrade.computeIfAbsent(entry.tradeId(), TradeLegs::new).add(entry.assetId(),
                                entry.amountMinor());
                    }
                }
            }
            List<TradeLegTotal> result = new ArrayList<>();
            for (TradeLegs legs : byTrade.values()) {
                for (int i = 0; i < legs.size; i++) {
                    result.add(new TradeLegTotal(legs.tradeId, legs.assetIds[i], legs.sums[i], legs.counts[i]));
                }
            }
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
     * One order's row, updated in place: it copies the fields of the record it was inserted with, so a
     * command's records die young instead of surviving into the old generation. Guarded by the store lock.
     */
    private static final class OrderRow {
        // What an order is: fixed when it is placed.
        final UUID id;
        final String userId;
        final String assetId;
        final long bookId;
        final String clientOrderId;
        final Side side;
        final OrderType type;
        final TimeInForce timeInForce;
        final boolean postOnly;
        final SelfTradePrevention selfTradePrevention;
        final long quoteBudgetMinor;
        final long requestedLots;
        final long requestedPriceTicks;
        final long requestedStopPriceTicks;
        final String lockedAssetId;
        final UUID ocoSiblingId;
        final long sequence;
        final Instant createdAt;
        // Its state after the latest command.
        long priceTicks;
        long stopPriceTicks;
        long quantityLots;
        long filledLots;
        long filledQuoteMinor;
        long lockedMinor;
        long priority;
        OrderStatus status;
        CancelReason cancelReason;
        long updatedSecond;
        int updatedNano;
        // The sums of its trades, for the audit, and whether the market's live index holds it.
        long tradedLots;
        long tradedQuoteMinor;
        boolean listedLive;

        OrderRow(OrderRecord record) {
            id = record.id();
            userId = record.userId();
            assetId = record.assetId();
            bookId = record.bookId();
            clientOrderId = record.clientOrderId();
            side = record.side();
            type = record.type();
            timeInForce = record.timeInForce();
            postOnly = record.postOnly();
            selfTradePrevention = record.selfTradePrevention();
            quoteBudgetMinor = record.quoteBudgetMinor();
            requestedLots = record.requestedLots();
            requestedPriceTicks = record.requestedPriceTicks();
            requestedStopPriceTicks = record.requestedStopPriceTicks();
            lockedAssetId = record.lockedAssetId();
            ocoSiblingId = record.ocoSiblingId();
            sequence = record.sequence();
            createdAt = record.createdAt();
            update(record);
        }

        /** Refuses a record that would change what the order is (checked before anything is applied). */
        void checkSameOrder(OrderRecord record) {
            if (record.bookId() != bookId || !record.userId().equals(userId) || !record.assetId().equals(assetId)
                    || record.side() != side || record.type() != type
                    || !Objects.equals(record.clientOrderId(), clientOrderId)
                    || !Objects.equals(record.ocoSiblingId(), ocoSiblingId)) {
                throw new TradingException("order " + id + " cannot change what it is: " + record);
            }
        }

        void update(OrderRecord record) {
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

        void addTraded(long lots, long quoteMinor) {
            tradedLots = Math.addExact(tradedLots, lots);
            tradedQuoteMinor = Math.addExact(tradedQuoteMinor, quoteMinor);
        }

        void addTraded(long[] traded) {
            if (traded != null) {
                addTraded(traded[0], traded[1]);
            }
        }

        OrderRecord toRecord() {
            return new OrderRecord(id, userId, assetId, bookId, clientOrderId, side, type, timeInForce, postOnly,
                    selfTradePrevention, priceTicks, stopPriceTicks, quantityLots, requestedLots, requestedPriceTicks,
                    requestedStopPriceTicks, quoteBudgetMinor, filledLots,
                    filledQuoteMinor, lockedMinor, lockedAssetId, status, cancelReason, ocoSiblingId, sequence,
                    priority, createdAt, Instant.ofEpochSecond(updatedSecond, updatedNano));
        }
    }

    /** The journal sums of one trade per asset (two assets, token and quote, in practice); not thread-safe. */
    private static final class TradeLegs {
        final UUID tradeId;
        String[] assetIds = new String[2];
        long[] sums = new long[2];
        long[] counts = new long[2];
        int size;

        TradeLegs(UUID tradeId) {
            this.tradeId = tradeId;
        }

        void add(String assetId, long amountMinor) {
            int i = 0;
            while (i < size && !assetIds[i].equals(assetId)) {
                i++;
            }
            if (i == size) {
                if (size == assetIds.length) {
                    assetIds = Arrays.copyOf(assetIds, size * 2);
                    sums = Arrays.copyOf(sums, size * 2);
                    counts = Arrays.copyOf(counts, size * 2);
                }
                assetIds[size++] = assetId;
            }
            sums[i] = Math.addExact(sums[i], amountMinor);
            counts[i]++;
        }
    }

    /** One market's rows; guarded by the store lock. */
    private static final class Market {
        Asset asset;
        long sequence;
        long lastTradePriceTicks;
        /** Its live orders by id, in no order: every read of them sorts. */
        final UuidMap<OrderRow> live = new UuidMap<>(1024);
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
