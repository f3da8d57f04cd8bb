package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.port.BalanceRecord;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The balance rows one unit reads and changes, and the locking that keeps the unit safe against every
 * other unit of every instance.
 *
 * <p>Rows are not locked as a work reads them: works read in whatever order their commands need, and two
 * units of different markets locking in their own orders could deadlock (PostgreSQL notices only after
 * {@code deadlock_timeout}, a second by default). Instead a first read is a plain {@code SELECT}; before
 * writing, the unit creates the rows it touches that may be missing ({@code INSERT ... ON CONFLICT DO
 * NOTHING}) and locks all of them with one {@code SELECT ... ORDER BY user_id, asset_id FOR UPDATE}: one
 * canonical order for every unit, so our units do not deadlock each other. If a value read earlier
 * changed before the lock, the unit is stale: it is rolled back and re-run with those rows locked from its
 * start ({@link #lockUpFront}), so its works decide again on values that can no longer move. A row the
 * works only asked a funds check of ({@link #covers}) is stale only when the locked value would answer a
 * check otherwise. Deltas are
 * then written in the same canonical order by one {@code UPDATE ... FROM unnest(...)}.
 *
 * <p>Single-threaded: owned by the thread running the unit.
 */
final class UnitBalances {

    private final Statements sql;
    private final Handle handle;
    private final ToIntFunction<String> scaleOf;
    private final Map<BalanceKey, Row> rows = new HashMap<>();

    UnitBalances(Statements sql, Handle handle, ToIntFunction<String> scaleOf) {
        this.sql = sql;
        this.handle = handle;
        this.scaleOf = scaleOf;
    }

    /** Creates and locks these rows now, in canonical order: the re-run of a stale unit. */
    void lockUpFront(Set<BalanceKey> keys) {
        List<Row> toLock = new ArrayList<>(keys.size());
        for (BalanceKey key : keys) {
            toLock.add(rows.computeIfAbsent(key, Row::new));
        }
        lock(toLock, new RoundTrip());
    }

    /** The row as the current work sees it: the database value plus what earlier works changed. */
    BalanceRecord read(String userId, String assetId) {
        Row row = fetched(userId, assetId);
        row.exact = true;
        return new BalanceRecord(userId, assetId, Math.addExact(row.baseAvailable, row.deltaAvailable),
                Math.addExact(row.baseLocked, row.deltaLocked));
    }

    /**
     * Whether the available amount as the current work sees it is at least {@code minimumMinor}. What the
     * answer needs of the database value is kept, and checked when the row is locked.
     */
    boolean covers(String userId, String assetId, long minimumMinor) {
        Row row = fetched(userId, assetId);
        // The answer compares base + delta with the minimum: a bound on the base, exact whatever delta is.
        long needed;
        try {
            needed = Math.subtractExact(minimumMinor, row.deltaAvailable);
        } catch (ArithmeticException beyondAnyBalance) {
            return minimumMinor < 0;
        }
        boolean covered = row.baseAvailable >= needed;
        if (covered) {
            row.coveredFrom = Math.max(row.coveredFrom, needed);
        } else {
            row.shortOf = Math.min(row.shortOf, needed);
        }
        return covered;
    }

    /** The row with its database value read, once per unit unless already locked. */
    private Row fetched(String userId, String assetId) {
        BalanceKey key = new BalanceKey(userId, assetId);
        Row row = rows.computeIfAbsent(key, Row::new);
        if (!row.locked && !row.read) {
            int scale = scaleOf.applyAsInt(assetId);
            handle.createQuery(sql.balance).bind("userId", userId).bind("assetId", assetId)
                    .map((rs, context) -> {
                        row.exists = true;
                        row.baseAvailable = Units.scaled(rs.getString(1), scale);
                        row.baseLocked = Units.scaled(rs.getString(2), scale);
                        return row;
                    }).findOne();
            row.read = true;
        }
        return row;
    }

    /** Adds a work's relative change; written by {@link #write()}. */
    void add(String userId, String assetId, long availableMinor, long lockedMinor) {
        Row row = rows.computeIfAbsent(new BalanceKey(userId, assetId), Row::new);
        row.deltaAvailable = Math.addExact(row.deltaAvailable, availableMinor);
        row.deltaLocked = Math.addExact(row.deltaLocked, lockedMinor);
    }

    /**
     * Locks every row the unit touched and has not locked yet, in canonical order, and checks that what
     * the works read still holds.
     *
     * @param leading statements to send in the same round trip, before the lock (null for none)
     * @throws StaleBalances when a row read without a lock changed since: the unit must run again
     */
    void lockAndCheck(RoundTrip leading) {
        List<Row> toLock = new ArrayList<>();
        for (Row row : rows.values()) {
            if (!row.locked) {
                toLock.add(row);
            }
        }
        if (toLock.isEmpty()) {
            if (leading != null) {
                leading.run(handle, null);
            }
            return;
        }
        if (lock(toLock, leading == null ? new RoundTrip() : leading)) {
            throw new StaleBalances(rows.keySet());
        }
    }

    /** Writes the summed changes in canonical order, refusing any row that would go below zero. */
    void write() {
        TreeMap<BalanceKey, Row> changed = new TreeMap<>();
        for (Row row : rows.values()) {
            if (row.deltaAvailable != 0 || row.deltaLocked != 0) {
                changed.put(row.key, row);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        String[] userIds = new String[changed.size()];
        String[] assetIds = new String[changed.size()];
        String[] available = new String[changed.size()];
        String[] locked = new String[changed.size()];
        int i = 0;
        for (Row row : changed.values()) {
            if (!row.locked) {
                throw new IllegalStateException("balance " + row.key + " changed without its row lock");
            }
            long newAvailable = Math.addExact(row.baseAvailable, row.deltaAvailable);
            long newLocked = Math.addExact(row.baseLocked, row.deltaLocked);
            if (newAvailable < 0 || newLocked < 0) {
                throw new TradingException("balance of " + row.key.userId() + " in " + row.key.assetId()
                        + " would go below zero: available " + newAvailable + ", locked " + newLocked
                        + " minor units; the unit is refused");
            }
            int scale = scaleOf.applyAsInt(row.key.assetId());
            userIds[i] = row.key.userId();
            assetIds[i] = row.key.assetId();
            available[i] = BigDecimal.valueOf(row.deltaAvailable, scale).toPlainString();
            locked[i] = BigDecimal.valueOf(row.deltaLocked, scale).toPlainString();
            i++;
        }
        int updated = handle.createUpdate(sql.updateBalances).bind("userIds", userIds).bind("assetIds", assetIds)
                .bind("available", available).bind("locked", locked).execute();
        if (updated != changed.size()) {
            throw new IllegalStateException("updated " + updated + " balance rows of " + changed.size() + " locked ones");
        }
    }

    /** Whether any work changed a balance. */
    boolean hasChanges() {
        for (Row row : rows.values()) {
            if (row.deltaAvailable != 0 || row.deltaLocked != 0) {
                return true;
            }
        }
        return false;
    }

    /** Every row the unit read or changed. */
    Set<BalanceKey> keys() {
        return rows.keySet();
    }

    /**
     * Creates the rows that may be missing and locks all of them, appended to {@code trip} and sent in its
     * one round trip; true when a value read earlier changed.
     */
    private boolean lock(List<Row> toLock, RoundTrip trip) {
        toLock.sort((a, b) -> a.key.compareTo(b.key));
        List<String> missingUsers = new ArrayList<>();
        List<String> missingAssets = new ArrayList<>();
        String[] userIds = new String[toLock.size()];
        String[] assetIds = new String[toLock.size()];
        Map<BalanceKey, Row> byKey = new HashMap<>();
        for (int i = 0; i < toLock.size(); i++) {
            Row row = toLock.get(i);
            userIds[i] = row.key.userId();
            assetIds[i] = row.key.assetId();
            byKey.put(row.key, row);
            if (!row.exists) {
                missingUsers.add(row.key.userId());
                missingAssets.add(row.key.assetId());
            }
        }
        if (!missingUsers.isEmpty()) {
            trip.add(sql.ensureBalancesPositional, missingUsers.toArray(String[]::new),
                    missingAssets.toArray(String[]::new));
        }
        boolean[] stale = {false};
        int[] found = {0};
        trip.add(sql.lockBalancesPositional, userIds, assetIds).run(handle, rs -> {
            while (rs.next()) {
                BalanceKey key = new BalanceKey(rs.getString(1), rs.getString(2));
                Row row = byKey.get(key);
                if (row == null) {
                    throw new IllegalStateException("locked a balance row that was not asked for: " + key);
                }
                int scale = scaleOf.applyAsInt(key.assetId());
                long available = Units.scaled(rs.getString(3), scale);
                long locked = Units.scaled(rs.getString(4), scale);
                if (row.read && !row.holds(available, locked)) {
                    stale[0] = true;
                }
                row.baseAvailable = available;
                row.baseLocked = locked;
                row.exists = true;
                row.locked = true;
                found[0]++;
            }
        });
        if (found[0] != toLock.size()) {
            throw new IllegalStateException("locked " + found[0] + " balance rows of " + toLock.size()
                    + " (a user that does not exist in the user id type, or a row deleted meanwhile)");
        }
        return stale[0];
    }

    /** One row as the unit knows it: its database value when read or locked, and the unit's change. */
    private static final class Row {
        final BalanceKey key;
        /** Whether its database value was read before it was locked. */
        boolean read;
        /** Whether a work relied on the value read itself, not only on funds checks. */
        boolean exact;
        /** The least available base that every funds check answered yes needs; MIN_VALUE when none. */
        long coveredFrom = Long.MIN_VALUE;
        /** The available base that every funds check answered no stays below; MAX_VALUE when none. */
        long shortOf = Long.MAX_VALUE;
        boolean locked;
        boolean exists;
        long baseAvailable;
        long baseLocked;
        long deltaAvailable;
        long deltaLocked;

        Row(BalanceKey key) {
            this.key = key;
        }

        /** Whether the works would decide the same on the value found when the row was locked. */
        boolean holds(long available, long locked) {
            if (exact) {
                return available == baseAvailable && locked == baseLocked;
            }
            return available >= coveredFrom && available < shortOf;
        }
    }

    /** A row read without a lock changed before the unit locked it; carries every key the unit touched. */
    static final class StaleBalances extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Set<BalanceKey> keys;

        StaleBalances(Set<BalanceKey> keys) {
            super("a balance read by the unit changed before it was locked", null, false, false);
            this.keys = Set.copyOf(keys);
        }
    }
}
