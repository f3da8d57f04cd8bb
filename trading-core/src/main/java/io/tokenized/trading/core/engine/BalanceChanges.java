package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.port.BalanceDelta;

import java.util.Arrays;
import java.util.List;

/**
 * Sums balance changes per (user, asset): those of one command, or of every command of a batch. A command
 * touches a handful of rows, so a linear scan over reused arrays beats hashing; past {@link #SCAN_LIMIT}
 * rows (a batch) an open-addressing index over the same arrays takes over. Single writer; not thread-safe.
 */
final class BalanceChanges {
    private static final int SCAN_LIMIT = 8;

    private String[] users = new String[16];
    private String[] assets = new String[16];
    private long[] available = new long[16];
    private long[] locked = new long[16];
    private int size;
    /** Row + 1 per slot (0: free), kept once size passes {@link #SCAN_LIMIT}; at most half full. */
    private int[] index = new int[64];
    private boolean indexed;

    void clear() {
        Arrays.fill(users, 0, size, null);
        Arrays.fill(assets, 0, size, null);
        if (indexed) {
            Arrays.fill(index, 0);
            indexed = false;
        }
        size = 0;
    }

    void add(String userId, String assetId, long availableMinor, long lockedMinor) {
        if (availableMinor == 0 && lockedMinor == 0) {
            return;
        }
        int row = find(userId, assetId);
        if (row >= 0) {
            available[row] = Math.addExact(available[row], availableMinor);
            locked[row] = Math.addExact(locked[row], lockedMinor);
            return;
        }
        if (size == users.length) {
            int grown = size * 2;
            users = Arrays.copyOf(users, grown);
            assets = Arrays.copyOf(assets, grown);
            available = Arrays.copyOf(available, grown);
            locked = Arrays.copyOf(locked, grown);
        }
        users[size] = userId;
        assets[size] = assetId;
        available[size] = availableMinor;
        locked[size] = lockedMinor;
        size++;
        if (indexed) {
            insert(size - 1);
        } else if (size > SCAN_LIMIT) {
            rebuildIndex();
        }
    }

    /** Adds these sums, the non-zero ones, to {@code target}'s. */
    void addTo(BalanceChanges target) {
        for (int i = 0; i < size; i++) {
            if (available[i] != 0 || locked[i] != 0) {
                target.add(users[i], assets[i], available[i], locked[i]);
            }
        }
    }

    /** The summed change of available funds of (user, asset); 0 when none. */
    long available(String userId, String assetId) {
        int row = find(userId, assetId);
        return row < 0 ? 0 : available[row];
    }

    /** The row of (user, asset), or -1. */
    private int find(String userId, String assetId) {
        if (!indexed) {
            for (int i = 0; i < size; i++) {
                if (same(users[i], userId) && same(assets[i], assetId)) {
                    return i;
                }
            }
            return -1;
        }
        int mask = index.length - 1;
        for (int slot = slot(userId, assetId, mask); index[slot] != 0; slot = (slot + 1) & mask) {
            int row = index[slot] - 1;
            if (same(users[row], userId) && same(assets[row], assetId)) {
                return row;
            }
        }
        return -1;
    }

    private void rebuildIndex() {
        int capacity = index.length;
        while (capacity < 2 * size) {
            capacity *= 2;
        }
        index = capacity == index.length ? index : new int[capacity];
        Arrays.fill(index, 0);
        indexed = true;
        for (int row = 0; row < size; row++) {
            insert(row);
        }
    }

    private void insert(int row) {
        if (2 * size > index.length) {
            rebuildIndex();
            return;
        }
        int mask = index.length - 1;
        int slot = slot(users[row], assets[row], mask);
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = row + 1;
    }

    private static int slot(String userId, String assetId, int mask) {
        int hash = userId.hashCode() * 31 + assetId.hashCode();
        return (hash ^ hash >>> 16) * 0x9E37_79B9 >>> 8 & mask;
    }

    /** Most ids are the very same strings; others differ in their cached hashes before their contents. */
    private static boolean same(String known, String id) {
        return known == id || known.hashCode() == id.hashCode() && known.equals(id);
    }

    /** The non-zero sums. */
    List<BalanceDelta> toDeltas() {
        return toDeltas(false);
    }

    /**
     * Every sum, zero ones too: a batch's, where each row was changed by some command, so a row that one
     * command filled and a later one emptied is still created, as the commands sent one by one create it.
     */
    List<BalanceDelta> toDeltasWithZeros() {
        return toDeltas(true);
    }

    private List<BalanceDelta> toDeltas(boolean withZeros) {
        if (size == 0) {
            return List.of();
        }
        if (size == 1) {
            // The common case (a buy's move, a placement without trades): no array to copy.
            return withZeros || available[0] != 0 || locked[0] != 0
                    ? List.of(new BalanceDelta(users[0], assets[0], available[0], locked[0])) : List.of();
        }
        BalanceDelta[] deltas = new BalanceDelta[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (withZeros || available[i] != 0 || locked[i] != 0) {
                deltas[count++] = new BalanceDelta(users[i], assets[i], available[i], locked[i]);
            }
        }
        return List.of(count == size ? deltas : Arrays.copyOf(deltas, count));
    }
}
