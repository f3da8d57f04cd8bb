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

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TradingStore} in memory: for tests, simulations and benchmarks, and the reference the
 * conformance suite holds other stores to. Users must be {@linkplain #registerUser registered} before
 * they trade.
 *
 * <p>Orders, trades and journal entries are rows of longs in pages of primitive arrays, and every index
 * is open addressing over primitive arrays: the store keeps no object per row, so millions of retained
 * rows are a few thousand arrays of primitives to the collector, not tens of millions of small objects it
 * copies from generation to generation. Reads build the port's records from the rows.
 *
 * <p>Thread-safe. A market unit holds its market's lock from start to end, so the units of one market
 * run one at a time; units of different markets run in parallel. The shared tables are guarded by one
 * store-wide lock: a market work runs without it, taking it for each read it makes but funds checks, and
 * the store takes it once more to check and apply the outcome. A ledger unit (deposits, withdrawals, new
 * assets) holds it
 * throughout, and so does a market unit's last run after a conflict.
 *
 * <p>So a market work may read a balance that another market's commit changes before its own outcome
 * is applied. The session keeps what the work read ({@link UnitReads}), and the store applies the
 * outcome only if that still holds: each funds check ({@code hasAvailable}, all the engine asks of a
 * balance) answered as it was, each balance read at least what it was, and each client order id found
 * free still free. An answer that applies nothing needs its balance reads unchanged, when it made more
 * than one read. The outcome itself is checked
 * whole (no balance below zero, unique keys) before any of it is applied, so a refused unit leaves
 * nothing behind. A run whose reads no longer hold is rolled back and run once more the same way: the
 * engine then rebuilds its cached book, and does so while other markets go on committing. A run refused
 * again, or refused by the check, is run once more with the store-wide lock held throughout, where
 * nothing changes under it; only a failure of that last run reaches the caller. The commits still take
 * turns, so markets on several threads gain what their deciding takes, not more.
 */
public final class InMemoryTradingStore implements TradingStore {
    private static final Comparator<OrderRecord> PRIORITY_ORDER = Comparator
            .comparing((OrderRecord o) -> o.status() == OrderStatus.PENDING)
            .thenComparingLong(OrderRecord::priority)
            .thenComparingLong(OrderRecord::bookId);
    private static final Comparator<OrderRecord> OLDEST_FIRST = Comparator.comparing(OrderRecord::createdAt)
            .thenComparing(OrderRecord::id);
    private static final Comparator<BalanceRecord> BY_ASSET = Comparator.comparing(BalanceRecord::assetId);
    private static final Comparator<Asset> BY_ID = Comparator.comparing(Asset::id);

    private static final EntryKind[] KINDS = EntryKind.values();
    private static final int ABSENT = -1;
    /**
     * Tries of the store-wide lock before its caller parks: tens of microseconds of spinning, longer than a
     * batch's commit holds the lock, since a parked thread takes longer than that to wake.
     */
    private static final int TABLE_LOCK_SPINS = 2_000;

    /** Guards every table below; see the class description. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Markets by asset id, for a unit to find its market without the store-wide lock. */
    private final ConcurrentHashMap<String, Market> marketsById = new ConcurrentHashMap<>();
    /** Per thread: whether it runs a unit, so that a unit inside another is refused rather than deadlocking. */
    private final ThreadLocal<boolean[]> inUnit = ThreadLocal.withInitial(() -> new boolean[1]);
    // Users and assets by the ids the name tables give them; every row refers to them by those.
    private final Names userIds = new Names();
    private final Names assetIds = new Names();
    private boolean[] registered = new boolean[16];
    /** Null for an id seen only in a record, never created. */
    private Asset[] assets = new Asset[4];
    private Market[] markets = new Market[4];
    private final BalanceTable balances = new BalanceTable();
    /** Every order ever stored. */
    private final OrderTable orders = new OrderTable(userIds, assetIds);
    private final TradeTable trades = new TradeTable(userIds, assetIds);
    private final JournalTable journal = new JournalTable(userIds, assetIds);
    /**
     * Trade sums of orders without a row, for the audit to report; rows keep their own. Only a store fed
     * inconsistent outcomes has any, so a plain map is enough here.
     */
    private final Map<UUID, long[]> tradedWithoutRow = new HashMap<>();
    // Scratch of the unit being committed, reused under the store-wide lock.
    private int[] scratchOrders = new int[8];
    /** Running trade sums per order of the unit being checked: ids as (msb, lsb) pairs. */
    private long[] sumIds = new long[16];
    private long[] sumLots = new long[8];
    private long[] sumQuote = new long[8];
    private int[] scratchUsers = new int[8];
    private int[] scratchAssets = new int[8];
    private long[] scratchAvailable = new long[8];
    private long[] scratchLocked = new long[8];

    /** The session of ledger units, which run one at a time under the store-wide lock. */
    private final Session ledgerSession = new Session();

    /** Makes a user known to the store (the auth system's job in a database). Idempotent. */
    public void registerUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        lockTables();
        try {
            int user = userIds.intern(userId);
            if (user >= registered.length) {
                registered = Arrays.copyOf(registered, Math.max(user + 1, 2 * registered.length));
            }
            registered[user] = true;
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
        Market market = assetId == null ? null : marketsById.get(assetId);
        if (market == null) {
            throw new TradingException("no market " + assetId + " in the store");
        }
        boolean[] thisThreadInUnit = enterUnit();
        try {
            market.unitLock.lock();
            try {
                Object result = run(market, work, false);
                if (result == READS_CHANGED) {
                    // The engine rebuilds its cached book when run again after a rollback: without the
                    // store-wide lock, as here, other markets go on committing while it does.
                    result = run(market, work, false);
                }
                @SuppressWarnings("unchecked")
                R committed = (R) (result == READS_CHANGED || result == REFUSED ? run(market, work, true) : result);
                return committed;
            } finally {
                market.unitLock.unlock();
            }
        } finally {
            thisThreadInUnit[0] = false;
        }
    }

    /**
     * What {@link #run} returns, never a work's result, when an optimistic run is rolled back because what
     * it read no longer holds: another market's commit changed it meanwhile, and a run now may decide
     * otherwise.
     */
    private static final Object READS_CHANGED = new Object();
    /** What {@link #run} returns when the check refused an optimistic run's outcome. */
    private static final Object REFUSED = new Object();

    /**
     * Runs the work and commits its outcome. Optimistically, the work runs without the store-wide lock
     * and its outcome is checked and applied under it; a refused outcome rolls the work back and returns
     * {@link #READS_CHANGED} or {@link #REFUSED}, for the caller to run it again. Serialised, the lock is
     * held throughout and a refusal is the work's failure.
     */
    private Object run(Market market, MarketWork<?> work, boolean serialised) {
        Session session = market.session;
        if (serialised) {
            lockTables();
        }
        try {
            session.begin(market);
            try {
                Object result = work.run(session);
                Object refusal = session.marketChanges != null ? committed(market, session.marketChanges, serialised)
                        : serialised || answerHolds(session.reads) ? null : READS_CHANGED;
                if (refusal != null) {
                    work.rolledBack();
                    return refusal;
                }
                return result;
            } catch (RuntimeException | Error failure) {
                work.rolledBack();
                throw failure;
            } finally {
                session.end();
            }
        } finally {
            if (serialised) {
                lock.unlock();
            }
        }
    }

    /**
     * Commits the outcome and returns null; or, for an optimistic outcome that was refused, why:
     * {@link #READS_CHANGED} or {@link #REFUSED}. A serialised one throws instead.
     */
    private Object committed(Market market, MarketChanges changes, boolean serialised) {
        if (serialised) {
            commit(market, changes);
            return null;
        }
        lockTables();
        try {
            if (!readsHold(market.session.reads, true)) {
                return READS_CHANGED;
            }
            int deltaCount;
            try {
                deltaCount = check(market, changes);
            } catch (TradingException refused) {
                return REFUSED;
            }
            apply(market, changes, deltaCount);
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether an optimistic run that applies nothing read a state that held as a whole at one moment. */
    private boolean answerHolds(UnitReads reads) {
        // One read under the lock held when it was made; several, or one made without it, must hold now.
        if (reads.count() < 2 && reads.unlocked == 0) {
            return true;
        }
        lockTables();
        try {
            return readsHold(reads, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether what an optimistic run read still holds, so that a run now would decide the same. Each funds
     * check must give the same answer. An outcome to apply needs each balance it read to be at least what
     * it was (a plain read; the engine takes the whole reservation before it gives any back) and each client
     * order id it found free to be free still; an answer that applies nothing, which no other check meets,
     * needs every balance read unchanged. Users are never removed, so a user found is found still.
     */
    private boolean readsHold(UnitReads reads, boolean outcome) {
        for (int i = 0; i < reads.balances; i++) {
            int user = reads.balanceUser[i] != Names.ABSENT ? reads.balanceUser[i]
                    : userIds.find(reads.balanceUserName[i]);
            int asset = reads.balanceAsset[i] != Names.ABSENT ? reads.balanceAsset[i]
                    : assetIds.find(reads.balanceAssetName[i]);
            int cell = balanceCell(user, asset);
            long available = cell == BalanceTable.NO_ROW ? 0 : balances.available(cell);
            if (reads.check[i]) {
                // A funds check holds while its answer does, whatever else the balance did.
                if ((available >= reads.available[i]) != reads.covered[i]) {
                    return false;
                }
                continue;
            }
            long locked = cell == BalanceTable.NO_ROW ? 0 : balances.locked(cell);
            if (outcome ? available < reads.available[i]
                    : available != reads.available[i] || locked != reads.locked[i]) {
                return false;
            }
        }
        for (int i = 0; i < reads.freeClientIds; i++) {
            if (orderWithClientIdRow(reads.clientUser[i], reads.clientOrderId[i]) != OrderTable.ABSENT) {
                return false;
            }
        }
        for (int i = 0; i < reads.unknownUsers; i++) {
            if (isRegistered(reads.unknownUser[i])) {
                return false;
            }
        }
        return true;
    }

    /** The balance cell of (user, asset), either of which may be {@link Names#ABSENT}; or NO_ROW. */
    private int balanceCell(int user, int asset) {
        return user == Names.ABSENT || asset == Names.ABSENT ? BalanceTable.NO_ROW : balances.cell(user, asset);
    }

    /** Whether (user, asset)'s available amount, zero without a row, is at least {@code minimumMinor}. */
    private boolean covers(int user, int asset, long minimumMinor) {
        int cell = balanceCell(user, asset);
        return (cell == BalanceTable.NO_ROW ? 0 : balances.available(cell)) >= minimumMinor;
    }

    @Override
    public <R> R inLedger(LedgerWork<R> work) {
        Objects.requireNonNull(work, "work");
        boolean[] thisThreadInUnit = enterUnit();
        try {
            lockTables();
            try {
                Session session = ledgerSession;
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
        } finally {
            thisThreadInUnit[0] = false;
        }
    }

    /**
     * Takes the store-wide lock, spinning a little first: it is held for well under a microsecond, far less
     * than parking a thread and waking it again costs, which is what a contended lock does at once.
     */
    private void lockTables() {
        for (int spin = 0; spin < TABLE_LOCK_SPINS; spin++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    /** A work that opens a unit on its own thread could wait for itself, or for a unit waiting for it. */
    private boolean[] enterUnit() {
        boolean[] thisThreadInUnit = inUnit.get();
        if (thisThreadInUnit[0]) {
            throw new TradingException("a unit of the in-memory store cannot run inside another unit");
        }
        thisThreadInUnit[0] = true;
        return thisThreadInUnit;
    }

    private void commit(Market market, MarketChanges changes) {
        apply(market, changes, check(market, changes));
    }

    /**
     * Checks the outcome whole, remembering the rows found (in the scratch arrays), and returns the count
     * of balance changes for {@link #apply}; throws when the outcome is refused, having changed nothing.
     */
    private int check(Market market, MarketChanges changes) {
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
        int[] rows = orderRows(orderCount);
        for (int i = 0; i < orderCount; i++) {
            OrderRecord order = changed.get(i);
            if (!order.assetId().equals(assetId)) {
                throw new TradingException("order " + order.id() + " does not belong to " + assetId);
            }
            int row = row(market, order.id().getMostSignificantBits(), order.id().getLeastSignificantBits());
            if (row != ABSENT) {
                if (!orders.isSameOrder(row, order)) {
                    throw new TradingException("order " + order.id() + " cannot change what it is: " + order);
                }
            } else {
                checkNewOrder(changed, i, rows);
            }
            rows[i] = row;
        }
        checkJournal(changes.journal());
        checkTradeSums(market, changes.trades());
        return checkBalances(changes.balanceDeltas());
    }

    /** Applies an outcome that {@link #check} accepted; cannot be refused. */
    private void apply(Market market, MarketChanges changes, int deltaCount) {
        List<OrderRecord> changed = changes.orders();
        int orderCount = changed.size();
        int[] rows = scratchOrders;
        applyBalances(deltaCount);
        appendJournal(changes.journal());
        for (int i = 0; i < orderCount; i++) {
            OrderRecord order = changed.get(i);
            int row = rows[i];
            boolean listedLive;
            if (row == ABSENT) {
                row = orders.add(order);
                rows[i] = row;
                listedLive = false;
                if (!tradedWithoutRow.isEmpty()) {
                    long[] traded = tradedWithoutRow.remove(order.id());
                    if (traded != null) {
                        orders.addTraded(row, traded[0], traded[1]);
                    }
                }
            } else {
                // The live index holds exactly the rows whose stored status is live.
                listedLive = orders.isLive(row);
                orders.update(row, order);
            }
            if (order.isLive() != listedLive) {
                if (listedLive) {
                    market.live.remove(orders.idMsb(row), orders.idLsb(row));
                } else {
                    market.live.put(orders.idMsb(row), orders.idLsb(row), row);
                }
            }
        }
        List<TradeRecord> unitTrades = changes.trades();
        for (int i = 0, n = unitTrades.size(); i < n; i++) {
            TradeRecord trade = unitTrades.get(i);
            int row = trades.add(trade);
            market.trades.add(row);
            addTraded(market, rows, orderCount, trade.makerOrderId(), trade);
            addTraded(market, rows, orderCount, trade.takerOrderId(), trade);
            market.lastTradePriceTicks = trade.priceTicks();
        }
        market.sequence = changes.sequence();
        if (changes.status() != null) {
            market.asset = market.asset.withStatus(changes.status());
            assets[market.assetId] = market.asset;
        }
    }

    /**
     * Refuses a new order whose client order id another order holds, in the store or earlier in the
     * same outcome, and an order that appears twice in one outcome.
     */
    private void checkNewOrder(List<OrderRecord> changed, int index, int[] rows) {
        OrderRecord order = changed.get(index);
        String clientOrderId = order.clientOrderId();
        for (int j = 0; j < index; j++) {
            if (rows[j] != ABSENT) {
                continue;
            }
            OrderRecord earlier = changed.get(j);
            if (earlier.id().equals(order.id())) {
                throw new TradingException("order " + order.id() + " appears twice in one outcome");
            }
            if (clientOrderId != null && clientOrderId.equals(earlier.clientOrderId())
                    && order.userId().equals(earlier.userId())) {
                throw new TradingException("client order id " + clientOrderId + " of " + order.userId()
                        + " is taken");
            }
        }
        if (clientOrderId != null) {
            int user = userIds.find(order.userId());
            if (user != Names.ABSENT && orders.findByClientOrderId(user, clientOrderId) != OrderTable.ABSENT) {
                throw new TradingException("client order id " + clientOrderId + " of " + order.userId()
                        + " is taken");
            }
        }
    }

    /**
     * The stored row of an order, or {@link #ABSENT}. The orders a command changes are live ones of its
     * market, so the market's small live index answers most lookups; the index of every order ever
     * placed, which grows without bound and misses the caches, is asked only for new and finished orders.
     */
    private int row(Market market, long msb, long lsb) {
        int row = market.live.get(msb, lsb);
        return row != UuidIndex.ABSENT ? row : orders.find(msb, lsb);
    }

    private int[] orderRows(int count) {
        if (scratchOrders.length < count) {
            scratchOrders = new int[Math.max(count, 2 * scratchOrders.length)];
        }
        return scratchOrders;
    }

    private void commit(LedgerChanges changes) {
        List<Asset> newAssets = changes.newAssets();
        for (int i = 0, n = newAssets.size(); i < n; i++) {
            String id = newAssets.get(i).id();
            if (assetOf(id) != null) {
                throw new TradingException("asset " + id + " exists");
            }
            for (int j = 0; j < i; j++) {
                if (newAssets.get(j).id().equals(id)) {
                    throw new TradingException("asset " + id + " is created twice in one outcome");
                }
            }
        }
        checkJournal(changes.journal());
        int deltaCount = checkBalances(changes.balanceDeltas());
        for (int i = 0, n = newAssets.size(); i < n; i++) {
            Asset asset = newAssets.get(i);
            int id = assetIds.intern(asset.id());
            if (id >= assets.length) {
                int capacity = Math.max(id + 1, 2 * assets.length);
                assets = Arrays.copyOf(assets, capacity);
                markets = Arrays.copyOf(markets, capacity);
            }
            assets[id] = asset;
            if (asset.isMarket()) {
                Market market = new Market(asset, id, new Session());
                markets[id] = market;
                marketsById.put(asset.id(), market);
            }
        }
        applyBalances(deltaCount);
        appendJournal(changes.journal());
    }

    /** Refuses entries in unknown assets and idempotency keys that are taken, in the store or in the list. */
    private void checkJournal(List<JournalEntry> entries) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            JournalEntry entry = entries.get(i);
            if (assetOf(entry.assetId()) == null) {
                throw new TradingException("journal entry " + entry.id() + " names unknown asset " + entry.assetId());
            }
            String key = entry.idempotencyKey();
            if (key == null) {
                continue;
            }
            int user = userIds.find(entry.userId());
            boolean taken = user != Names.ABSENT && journal.findByIdempotencyKey(user, key) != JournalTable.ABSENT;
            for (int j = 0; j < i && !taken; j++) {
                JournalEntry earlier = entries.get(j);
                taken = key.equals(earlier.idempotencyKey()) && entry.userId().equals(earlier.userId());
            }
            if (taken) {
                throw new TradingException("idempotency key " + key + " of " + entry.userId() + " is taken");
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
        if (scratchUsers.length < count) {
            int capacity = Math.max(count, 2 * scratchUsers.length);
            scratchUsers = new int[capacity];
            scratchAssets = new int[capacity];
            scratchAvailable = new long[capacity];
            scratchLocked = new long[capacity];
        }
        for (int i = 0; i < count; i++) {
            BalanceDelta delta = deltas.get(i);
            int user = userIds.find(delta.userId());
            int asset = assetIds.find(delta.assetId());
            int cell = user == Names.ABSENT || asset == Names.ABSENT ? BalanceTable.NO_ROW : balances.cell(user, asset);
            long available = 0;
            long locked = 0;
            if (cell == BalanceTable.NO_ROW) {
                if (!isRegistered(user)) {
                    throw new TradingException("balance change for unknown user " + delta.userId());
                }
                if (asset == Names.ABSENT || asset >= assets.length || assets[asset] == null) {
                    throw new TradingException("balance change for unknown asset " + delta.assetId());
                }
                balances.makeRoom(user, asset);
            } else {
                available = balances.available(cell);
                locked = balances.locked(cell);
            }
            available = Math.addExact(available, delta.availableMinor());
            locked = Math.addExact(locked, delta.lockedMinor());
            if (available < 0 || locked < 0) {
                throw new TradingException("balance of " + delta.userId() + " in " + delta.assetId()
                        + " would go below zero: available " + available + ", locked " + locked);
            }
            scratchUsers[i] = user;
            scratchAssets[i] = asset;
            scratchAvailable[i] = available;
            scratchLocked[i] = locked;
        }
        return count;
    }

    /** Writes what {@link #checkBalances} computed, creating the rows that did not exist. */
    private void applyBalances(int count) {
        for (int i = 0; i < count; i++) {
            int cell = balances.createCell(scratchUsers[i], scratchAssets[i]);
            balances.set(cell, scratchAvailable[i], scratchLocked[i]);
        }
    }

    private void appendJournal(List<JournalEntry> entries) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            JournalEntry entry = entries.get(i);
            journal.add(entry);
        }
    }

    /**
     * Refuses trades that would take an order's trade sums beyond a long, so that adding them while
     * applying cannot fail. An outcome holds a handful of trades: a linear scan finds an order's running
     * sums, which start from the stored ones.
     */
    private void checkTradeSums(Market market, List<TradeRecord> unitTrades) {
        int count = 0;
        for (int i = 0, n = unitTrades.size(); i < n; i++) {
            TradeRecord trade = unitTrades.get(i);
            count = addToTradeSums(market, trade.makerOrderId(), trade, count);
            count = addToTradeSums(market, trade.takerOrderId(), trade, count);
        }
    }

    private int addToTradeSums(Market market, UUID orderId, TradeRecord trade, int count) {
        long msb = orderId.getMostSignificantBits();
        long lsb = orderId.getLeastSignificantBits();
        int at = 0;
        while (at < count && (sumIds[2 * at] != msb || sumIds[2 * at + 1] != lsb)) {
            at++;
        }
        if (at == count) {
            if (count == sumLots.length) {
                sumIds = Arrays.copyOf(sumIds, 4 * count);
                sumLots = Arrays.copyOf(sumLots, 2 * count);
                sumQuote = Arrays.copyOf(sumQuote, 2 * count);
            }
            sumIds[2 * at] = msb;
            sumIds[2 * at + 1] = lsb;
            int row = row(market, msb, lsb);
            long[] withoutRow = row == ABSENT ? tradedWithoutRow.get(orderId) : null;
            sumLots[at] = row != ABSENT ? orders.tradedLots(row) : withoutRow == null ? 0 : withoutRow[0];
            sumQuote[at] = row != ABSENT ? orders.tradedQuoteMinor(row) : withoutRow == null ? 0 : withoutRow[1];
            count++;
        }
        try {
            sumLots[at] = Math.addExact(sumLots[at], trade.quantityLots());
            sumQuote[at] = Math.addExact(sumQuote[at], trade.quoteMinor());
        } catch (ArithmeticException overflow) {
            throw new TradingException("the trades of order " + orderId + " would sum beyond a long");
        }
        return count;
    }

    /** Adds a trade to the sums of one of its orders, usually a row the same command changed. */
    private void addTraded(Market market, int[] unitRows, int unitCount, UUID orderId, TradeRecord trade) {
        long msb = orderId.getMostSignificantBits();
        long lsb = orderId.getLeastSignificantBits();
        int row = ABSENT;
        for (int i = 0; i < unitCount && row == ABSENT; i++) {
            int candidate = unitRows[i];
            if (orders.idMsb(candidate) == msb && orders.idLsb(candidate) == lsb) {
                row = candidate;
            }
        }
        if (row == ABSENT) {
            row = row(market, msb, lsb);
        }
        if (row != ABSENT) {
            orders.addTraded(row, trade.quantityLots(), trade.quoteMinor());
            return;
        }
        // A trade naming an order the store does not hold: keep its sums for the audit to report.
        long[] traded = tradedWithoutRow.computeIfAbsent(orderId, o -> new long[2]);
        traded[0] = Math.addExact(traded[0], trade.quantityLots());
        traded[1] = Math.addExact(traded[1], trade.quoteMinor());
    }

    private boolean isRegistered(int user) {
        return user != Names.ABSENT && user < registered.length && registered[user];
    }

    private boolean isRegistered(String userId) {
        return userId != null && isRegistered(userIds.find(userId));
    }

    private Asset assetOf(String assetId) {
        int id = assetId == null ? Names.ABSENT : assetIds.find(assetId);
        return id == Names.ABSENT || id >= assets.length ? null : assets[id];
    }

    private Market marketOf(String assetId) {
        int id = assetId == null ? Names.ABSENT : assetIds.find(assetId);
        return id == Names.ABSENT || id >= markets.length ? null : markets[id];
    }

    // ------------------------------------------------------------------------------------------------
    // Reads
    // ------------------------------------------------------------------------------------------------

    @Override
    public Optional<Asset> asset(String assetId) {
        lockTables();
        try {
            return Optional.ofNullable(assetOf(assetId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Asset> assets() {
        lockTables();
        try {
            List<Asset> result = new ArrayList<>();
            for (Asset asset : assets) {
                if (asset != null) {
                    result.add(asset);
                }
            }
            result.sort(BY_ID);
            return List.copyOf(result);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean userExists(String userId) {
        lockTables();
        try {
            return isRegistered(userId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<BalanceRecord> balances(String userId) {
        lockTables();
        try {
            List<BalanceRecord> result = new ArrayList<>();
            int user = userId == null ? Names.ABSENT : userIds.find(userId);
            if (user != Names.ABSENT) {
                for (int asset = 0, n = assetIds.size(); asset < n; asset++) {
                    int cell = balances.cell(user, asset);
                    if (cell != BalanceTable.NO_ROW) {
                        result.add(new BalanceRecord(userId, assetIds.name(asset), balances.available(cell),
                                balances.locked(cell)));
                    }
                }
            }
            result.sort(BY_ASSET);
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<OrderRecord> order(UUID orderId) {
        lockTables();
        try {
            int row = orders.find(orderId.getMostSignificantBits(), orderId.getLeastSignificantBits());
            return row == OrderTable.ABSENT ? Optional.empty() : Optional.of(orders.record(row));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<OrderRecord> orderByClientId(String userId, String clientOrderId) {
        lockTables();
        try {
            return Optional.ofNullable(orderWithClientId(userId, clientOrderId));
        } finally {
            lock.unlock();
        }
    }

    private OrderRecord orderWithClientId(String userId, String clientOrderId) {
        int row = orderWithClientIdRow(userId, clientOrderId);
        return row == OrderTable.ABSENT ? null : orders.record(row);
    }

    private int orderWithClientIdRow(String userId, String clientOrderId) {
        int user = userId == null ? Names.ABSENT : userIds.find(userId);
        return user == Names.ABSENT || clientOrderId == null ? OrderTable.ABSENT
                : orders.findByClientOrderId(user, clientOrderId);
    }

    @Override
    public List<OrderRecord> openOrders(String userId) {
        lockTables();
        try {
            List<OrderRecord> result = new ArrayList<>();
            int user = userId == null ? Names.ABSENT : userIds.find(userId);
            if (user != Names.ABSENT) {
                for (Market market : markets) {
                    if (market == null) {
                        continue;
                    }
                    UuidIndex live = market.live;
                    for (int slot = 0, n = live.slots(); slot < n; slot++) {
                        int row = live.handleAt(slot);
                        if (row != UuidIndex.ABSENT && orders.user(row) == user) {
                            result.add(orders.record(row));
                        }
                    }
                }
            }
            result.sort(OLDEST_FIRST);
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OrderRecord> liveOrders(String assetId) {
        lockTables();
        try {
            Market market = marketOf(assetId);
            if (market == null) {
                return List.of();
            }
            List<OrderRecord> result = liveRecords(market);
            result.sort(PRIORITY_ORDER);
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TradeRecord> marketTrades(String assetId, int limit) {
        lockTables();
        try {
            Market market = marketOf(assetId);
            return market == null ? List.of() : newestTrades(market.trades, limit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TradeRecord> userTrades(String userId, int limit) {
        lockTables();
        try {
            checkLimit(limit);
            int user = userId == null ? Names.ABSENT : userIds.find(userId);
            List<TradeRecord> result = new ArrayList<>(Math.min(limit, 64));
            for (int row = trades.newestOfUser(user); row != TradeTable.ABSENT && result.size() < limit;
                 row = trades.previousOfUser(row, user)) {
                result.add(trades.record(row));
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<JournalEntry> journal(String userId, int limit) {
        lockTables();
        try {
            checkLimit(limit);
            int user = userId == null ? Names.ABSENT : userIds.find(userId);
            List<JournalEntry> result = new ArrayList<>(Math.min(limit, 64));
            for (int row = journal.newestOfUser(user); row != JournalTable.ABSENT && result.size() < limit;
                 row = journal.previousOfUser(row)) {
                result.add(journal.record(row));
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long sequence(String assetId) {
        lockTables();
        try {
            Market market = marketOf(assetId);
            return market == null ? 0 : market.sequence;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void saveSnapshot(DepthSnapshot snapshot) {
        lockTables();
        try {
            Market market = marketOf(snapshot.assetId());
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
        lockTables();
        try {
            Market market = marketOf(assetId);
            return market == null || market.snapshots.isEmpty() ? Optional.empty()
                    : Optional.of(market.snapshots.lastEntry().getValue());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<BalanceRecord> allBalances() {
        lockTables();
        try {
            List<BalanceRecord> result = new ArrayList<>();
            for (int user = 0, users = userIds.size(); user < users; user++) {
                for (int asset = 0, n = assetIds.size(); asset < n; asset++) {
                    int cell = balances.cell(user, asset);
                    if (cell != BalanceTable.NO_ROW) {
                        result.add(new BalanceRecord(userIds.name(user), assetIds.name(asset),
                                balances.available(cell), balances.locked(cell)));
                    }
                }
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<JournalTotal> journalTotals() {
        lockTables();
        try {
            JournalSums sums = new JournalSums();
            for (int row = 0, n = journal.size(); row < n; row++) {
                sums.add(journal.user(row), journal.asset(row), journal.kind(row), journal.amountMinor(row));
            }
            List<JournalTotal> result = new ArrayList<>(sums.size());
            for (int group : sums.ordered()) {
                result.add(new JournalTotal(userIds.name(sums.user(group)), assetIds.name(sums.asset(group)),
                        KINDS[sums.kind(group)], sums.sum(group), sums.count(group)));
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OrderFill> orderFills() {
        lockTables();
        try {
            List<OrderFill> result = new ArrayList<>();
            for (int row = 0, n = orders.size(); row < n; row++) {
                if (orders.hasFillOrTrade(row)) {
                    result.add(orders.fill(row));
                }
            }
            tradedWithoutRow.forEach((id, traded) -> result.add(new OrderFill(id, "?", 0, 0, 0,
                    BigInteger.valueOf(traded[0]), BigInteger.valueOf(traded[1]))));
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TradeLegTotal> tradeLegTotals() {
        lockTables();
        try {
            // Summed from the journal when asked, as a database would: a running sum per trade would cost
            // every trade an insert into an ever-growing index on the command path.
            TradeLegs legs = new TradeLegs(trades.size());
            for (int row = 0, n = journal.size(); row < n; row++) {
                if (journal.hasTrade(row)) {
                    legs.add(journal.tradeMsb(row), journal.tradeLsb(row), journal.asset(row),
                            journal.amountMinor(row));
                }
            }
            List<TradeLegTotal> result = new ArrayList<>(legs.size);
            for (int leg = 0; leg < legs.size; leg++) {
                int trade = legs.trade[leg];
                result.add(new TradeLegTotal(new UUID(legs.tradeMsb[trade], legs.tradeLsb[trade]),
                        assetIds.name(legs.asset[leg]), legs.sum(leg), legs.count[leg]));
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    private List<OrderRecord> liveRecords(Market market) {
        UuidIndex live = market.live;
        List<OrderRecord> result = new ArrayList<>(live.size());
        for (int slot = 0, n = live.slots(); slot < n; slot++) {
            int row = live.handleAt(slot);
            if (row != UuidIndex.ABSENT) {
                result.add(orders.record(row));
            }
        }
        return result;
    }

    /** The trades of the last {@code limit} rows of the list, last first. */
    private List<TradeRecord> newestTrades(IntList rows, int limit) {
        int count = newestCount(rows, limit);
        List<TradeRecord> result = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            result.add(trades.record(rows.get(rows.size() - i)));
        }
        return result;
    }

    private static int newestCount(IntList rows, int limit) {
        checkLimit(limit);
        return rows == null ? 0 : Math.min(limit, rows.size());
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // State and session
    // ------------------------------------------------------------------------------------------------

    /**
     * The journal sums of each (trade, asset), built when the audit asks: trades are numbered in the order
     * first seen through an index of their ids, and each trade chains its legs (one per asset, two in
     * practice). Not thread-safe.
     */
    private static final class TradeLegs {
        private static final int NONE = -1;

        private final UuidIndex tradeNumbers;
        // By trade number.
        long[] tradeMsb;
        long[] tradeLsb;
        int[] firstLeg;
        int trades;
        // By leg.
        int[] trade;
        int[] asset;
        int[] nextLeg;
        long[] sum;
        long[] count;
        int size;
        /** Exact sums of the legs whose sum passed a long, which only entries that do not balance can do. */
        private final Map<Integer, BigInteger> beyondALong = new HashMap<>();

        TradeLegs(int expectedTrades) {
            int capacity = Math.max(16, expectedTrades);
            tradeNumbers = new UuidIndex(capacity);
            tradeMsb = new long[capacity];
            tradeLsb = new long[capacity];
            firstLeg = new int[capacity];
            int legs = 2 * capacity;
            trade = new int[legs];
            asset = new int[legs];
            nextLeg = new int[legs];
            sum = new long[legs];
            count = new long[legs];
        }

        void add(long msb, long lsb, int assetId, long amountMinor) {
            int number = tradeNumbers.get(msb, lsb);
            if (number == UuidIndex.ABSENT) {
                number = trades++;
                if (number == tradeMsb.length) {
                    tradeMsb = Arrays.copyOf(tradeMsb, 2 * number);
                    tradeLsb = Arrays.copyOf(tradeLsb, 2 * number);
                    firstLeg = Arrays.copyOf(firstLeg, 2 * number);
                }
                tradeMsb[number] = msb;
                tradeLsb[number] = lsb;
                firstLeg[number] = NONE;
                tradeNumbers.put(msb, lsb, number);
            }
            int leg = firstLeg[number];
            while (leg != NONE && asset[leg] != assetId) {
                leg = nextLeg[leg];
            }
            if (leg == NONE) {
                leg = size++;
                if (leg == trade.length) {
                    trade = Arrays.copyOf(trade, 2 * leg);
                    asset = Arrays.copyOf(asset, 2 * leg);
                    nextLeg = Arrays.copyOf(nextLeg, 2 * leg);
                    sum = Arrays.copyOf(sum, 2 * leg);
                    count = Arrays.copyOf(count, 2 * leg);
                }
                trade[leg] = number;
                asset[leg] = assetId;
                nextLeg[leg] = firstLeg[number];
                firstLeg[number] = leg;
            }
            BigInteger exact = beyondALong.isEmpty() ? null : beyondALong.get(leg);
            if (exact != null) {
                beyondALong.put(leg, exact.add(BigInteger.valueOf(amountMinor)));
            } else {
                try {
                    sum[leg] = Math.addExact(sum[leg], amountMinor);
                } catch (ArithmeticException overflow) {
                    beyondALong.put(leg, BigInteger.valueOf(sum[leg]).add(BigInteger.valueOf(amountMinor)));
                }
            }
            count[leg]++;
        }

        BigInteger sum(int leg) {
            BigInteger exact = beyondALong.get(leg);
            return exact != null ? exact : BigInteger.valueOf(sum[leg]);
        }
    }

    /**
     * One market's state and indexes, guarded by the store-wide lock; only the market's own commits write
     * them, so its units may read {@link #asset}, {@link #sequence} and {@link #lastTradePriceTicks} under
     * {@link #unitLock} alone.
     */
    private static final class Market {
        /** Held by each unit of the market from start to end. */
        final ReentrantLock unitLock = new ReentrantLock();
        /** The session of its units, which run one at a time. */
        final Session session;
        /** Its asset's id in the store's name table. */
        final int assetId;
        Asset asset;
        long sequence;
        long lastTradePriceTicks;
        /** Its live orders: id to order row, in no order: every read of them sorts. */
        final UuidIndex live = new UuidIndex(1024);
        /** Its trades' rows, oldest first. */
        final IntList trades = new IntList(1024);
        final TreeMap<Long, DepthSnapshot> snapshots = new TreeMap<>();

        Market(Asset asset, int assetId, Session session) {
            this.asset = asset;
            this.assetId = assetId;
            this.session = session;
        }
    }

    /**
     * A unit's view of the store: one per market, reused by its units, and one for ledger units. Reads of
     * the shared tables take the store-wide lock (reentrantly, for a unit that already holds it). Outcomes
     * are held until the work returns, then checked and applied as a whole.
     */
    private final class Session implements MarketSession, LedgerSession {
        /** What the current run read of the shared tables, for {@link #readsHold}. */
        final UnitReads reads = new UnitReads();
        private Market market;
        private MarketChanges marketChanges;
        private LedgerChanges ledgerChanges;
        private boolean open;

        void begin(Market unitMarket) {
            reads.clear();
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
            String quoteId = unitMarket().asset.quoteAssetId();
            lockTables();
            try {
                return assetOf(quoteId);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long sequence() {
            return unitMarket().sequence;
        }

        @Override
        public List<OrderRecord> liveOrders() {
            Market unit = unitMarket();
            lockTables();
            try {
                return liveRecords(unit);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long lastTradePriceTicks() {
            return unitMarket().lastTradePriceTicks;
        }

        @Override
        public BalanceRecord balance(String userId, String assetId) {
            checkOpen();
            long available;
            long locked;
            lockTables();
            try {
                int user = userIds.find(userId);
                int asset = assetIds.find(assetId);
                int cell = balanceCell(user, asset);
                available = cell == BalanceTable.NO_ROW ? 0 : balances.available(cell);
                locked = cell == BalanceTable.NO_ROW ? 0 : balances.locked(cell);
                reads.balance(user, asset, userId, assetId, available, locked);
            } finally {
                lock.unlock();
            }
            return new BalanceRecord(userId, assetId, available, locked);
        }

        /**
         * Optimistically without the store-wide lock: the store checks the answer under the lock before the
         * outcome commits ({@link #readsHold}), so a read that raced a commit can only make the work run
         * again. A serialised run, which holds the lock, reads under it.
         */
        @Override
        public boolean hasAvailable(String userId, String assetId, long minimumMinor) {
            checkOpen();
            if (!lock.isHeldByCurrentThread()) {
                try {
                    return fundsCheck(userId, assetId, minimumMinor, true);
                } catch (RuntimeException racedAGrowingTable) {
                    // A table grew under the read: ask again under the lock.
                }
            }
            lockTables();
            try {
                return fundsCheck(userId, assetId, minimumMinor, false);
            } finally {
                lock.unlock();
            }
        }

        private boolean fundsCheck(String userId, String assetId, long minimumMinor, boolean unlocked) {
            int user = userIds.find(userId);
            int asset = assetIds.find(assetId);
            boolean covered = covers(user, asset, minimumMinor);
            reads.fundsCheck(user, asset, userId, assetId, minimumMinor, covered, unlocked);
            return covered;
        }

        @Override
        public OrderRecord orderByClientId(String userId, String clientOrderId) {
            checkOpen();
            lockTables();
            try {
                OrderRecord found = orderWithClientId(userId, clientOrderId);
                if (found == null) {
                    reads.freeClientId(userId, clientOrderId);
                }
                return found;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean userExists(String userId) {
            checkOpen();
            lockTables();
            try {
                boolean exists = isRegistered(userId);
                if (!exists) {
                    reads.unknownUser(userId);
                }
                return exists;
            } finally {
                lock.unlock();
            }
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
            lockTables();
            try {
                return assetOf(assetId);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public JournalEntry journalEntry(String userId, String idempotencyKey) {
            checkOpen();
            lockTables();
            try {
                int user = userId == null ? Names.ABSENT : userIds.find(userId);
                int row = user == Names.ABSENT || idempotencyKey == null ? JournalTable.ABSENT
                        : journal.findByIdempotencyKey(user, idempotencyKey);
                return row == JournalTable.ABSENT ? null : journal.record(row);
            } finally {
                lock.unlock();
            }
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
