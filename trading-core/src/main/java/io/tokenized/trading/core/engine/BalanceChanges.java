package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.port.BalanceDelta;

import java.util.List;

/**
 * Sums the balance changes of one command per (user, asset). A command touches a handful of rows, so a
 * linear scan over reused arrays beats hashing. Single writer; not thread-safe.
 */
final class BalanceChanges {
    private String[] users = new String[16];
    private String[] assets = new String[16];
    private long[] available = new long[16];
    private long[] locked = new long[16];
    private int size;

    void clear() {
        for (int i = 0; i < size; i++) {
            users[i] = null;
            assets[i] = null;
        }
        size = 0;
    }

    void add(String userId, String assetId, long availableMinor, long lockedMinor) {
        if (availableMinor == 0 && lockedMinor == 0) {
            return;
        }
        for (int i = 0; i < size; i++) {
            if (same(users[i], userId) && same(assets[i], assetId)) {
                available[i] = Math.addExact(available[i], availableMinor);
                locked[i] = Math.addExact(locked[i], lockedMinor);
                return;
            }
        }
        if (size == users.length) {
            int grown = size * 2;
            users = java.util.Arrays.copyOf(users, grown);
            assets = java.util.Arrays.copyOf(assets, grown);
            available = java.util.Arrays.copyOf(available, grown);
            locked = java.util.Arrays.copyOf(locked, grown);
        }
        users[size] = userId;
        assets[size] = assetId;
        available[size] = availableMinor;
        locked[size] = lockedMinor;
        size++;
    }

    /** Most ids are the very same strings; others differ in their cached hashes before their contents. */
    private static boolean same(String known, String id) {
        return known == id || known.hashCode() == id.hashCode() && known.equals(id);
    }

    /** The non-zero sums. */
    List<BalanceDelta> toDeltas() {
        if (size == 0) {
            return List.of();
        }
        if (size == 1) {
            // The common case (a buy's move, a placement without trades): no array to copy.
            return available[0] != 0 || locked[0] != 0
                    ? List.of(new BalanceDelta(users[0], assets[0], available[0], locked[0])) : List.of();
        }
        BalanceDelta[] deltas = new BalanceDelta[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (available[i] != 0 || locked[i] != 0) {
                deltas[count++] = new BalanceDelta(users[i], assets[i], available[i], locked[i]);
            }
        }
        return List.of(count == size ? deltas : java.util.Arrays.copyOf(deltas, count));
    }
}
