package io.tokenized.trading.core.memory;

import java.util.Arrays;

/**
 * Balances, in a dense table over (user id, asset id) as {@link Names}
 * numbers them: cell {@code user * assetSlots + asset}. Users and assets are few, so a cell per pair costs
 * less than a map entry per existing row, and a lookup is an index computation.
 *
 * <p>A cell index is valid until the table grows ({@link #createCell}); callers keep
 * (user, asset) pairs across growth, not cells. Not thread-safe; the store guards it with its lock.
 */
final class BalanceTable {
    /** Returned by {@link #cell} for a pair without a balance row. */
    static final int NO_ROW = -1;

    private int userSlots = 16;
    private int assetSlots = 4;
    private long[] available = new long[userSlots * assetSlots];
    private long[] locked = new long[userSlots * assetSlots];
    /** Whether the balance row exists: a row at zero is listed, an absent one is not. */
    private boolean[] exists = new boolean[userSlots * assetSlots];

    int userSlots() {
        return userSlots;
    }

    int assetSlots() {
        return assetSlots;
    }

    /** The cell of the pair's balance row, or {@link #NO_ROW} when the row does not exist. */
    int cell(int user, int asset) {
        if (user >= userSlots || asset >= assetSlots) {
            return NO_ROW;
        }
        int cell = user * assetSlots + asset;
        return exists[cell] ? cell : NO_ROW;
    }

    /** The cell of the pair's balance row, creating the row at zero when absent. */
    int createCell(int user, int asset) {
        ensure(user, asset);
        int cell = user * assetSlots + asset;
        exists[cell] = true;
        return cell;
    }

    long available(int cell) {
        return available[cell];
    }

    long locked(int cell) {
        return locked[cell];
    }

    void set(int cell, long availableMinor, long lockedMinor) {
        available[cell] = availableMinor;
        locked[cell] = lockedMinor;
    }

    private void ensure(int user, int asset) {
        if (user < userSlots && asset < assetSlots) {
            return;
        }
        int users = user < userSlots ? userSlots : Math.max(user + 1, 2 * userSlots);
        int assets = asset < assetSlots ? assetSlots : Math.max(asset + 1, 2 * assetSlots);
        if (assets == assetSlots) {
            // Only users are added: the rows keep their places.
            int cells = users * assets;
            available = Arrays.copyOf(available, cells);
            locked = Arrays.copyOf(locked, cells);
            exists = Arrays.copyOf(exists, cells);
        } else {
            relayout(users, assets);
        }
        userSlots = users;
        assetSlots = assets;
    }

    /** Copies every user's block of cells to its place at the new width. */
    private void relayout(int users, int assets) {
        int cells = users * assets;
        long[] newAvailable = new long[cells];
        long[] newLocked = new long[cells];
        boolean[] newExists = new boolean[cells];
        for (int user = 0; user < userSlots; user++) {
            int from = user * assetSlots;
            int to = user * assets;
            System.arraycopy(available, from, newAvailable, to, assetSlots);
            System.arraycopy(locked, from, newLocked, to, assetSlots);
            System.arraycopy(exists, from, newExists, to, assetSlots);
        }
        available = newAvailable;
        locked = newLocked;
        exists = newExists;
    }
}
