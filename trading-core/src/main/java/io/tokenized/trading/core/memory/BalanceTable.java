package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.TradingException;

import java.util.Arrays;

/**
 * Balances, in a dense table over (user id, asset id) as {@link Names} numbers them: cell
 * {@code user * assetSlots + asset}. Users and assets are few, so a cell per pair costs less than a map
 * entry per existing row, and a lookup is an index computation. A cell's available amount, locked amount
 * and whether its row exists sit side by side, so that reading or writing a balance touches one cache line.
 *
 * <p>A cell index is valid until the table grows ({@link #createCell}); callers keep (user, asset) pairs
 * across growth, not cells. Not thread-safe; the store guards it with its lock.
 */
final class BalanceTable {
    /** Returned by {@link #cell} for a pair without a balance row. */
    static final int NO_ROW = -1;

    private static final int AVAILABLE = 0;
    private static final int LOCKED = 1;
    /** 1 when the balance row exists: a row at zero is listed, an absent one is not. */
    private static final int EXISTS = 2;
    private static final int STRIDE = 3;

    private int userSlots = 16;
    private int assetSlots = 4;
    private long[] cells = new long[userSlots * assetSlots * STRIDE];

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
        return cells[cell * STRIDE + EXISTS] != 0 ? cell : NO_ROW;
    }

    /** The cell of the pair's balance row, creating the row at zero when absent. */
    int createCell(int user, int asset) {
        makeRoom(user, asset);
        int cell = user * assetSlots + asset;
        cells[cell * STRIDE + EXISTS] = 1;
        return cell;
    }

    long available(int cell) {
        return cells[cell * STRIDE + AVAILABLE];
    }

    long locked(int cell) {
        return cells[cell * STRIDE + LOCKED];
    }

    void set(int cell, long availableMinor, long lockedMinor) {
        cells[cell * STRIDE + AVAILABLE] = availableMinor;
        cells[cell * STRIDE + LOCKED] = lockedMinor;
    }

    /**
     * Grows the table to hold the pair's cell; changes no balance. The store calls it while checking a
     * unit, so that creating cells while applying it cannot fail.
     *
     * @throws TradingException when the table would pass the largest array
     */
    void makeRoom(int user, int asset) {
        if (user < userSlots && asset < assetSlots) {
            return;
        }
        int users = user < userSlots ? userSlots : Math.max(user + 1, 2 * userSlots);
        int assets = asset < assetSlots ? assetSlots : Math.max(asset + 1, 2 * assetSlots);
        int length;
        try {
            length = Math.multiplyExact(Math.multiplyExact(users, assets), STRIDE);
        } catch (ArithmeticException tooLarge) {
            throw new TradingException("the in-memory balance table cannot hold " + users + " users x " + assets
                    + " assets");
        }
        if (assets == assetSlots) {
            // Only users are added: the rows keep their places.
            cells = Arrays.copyOf(cells, length);
        } else {
            relayout(assets, length);
        }
        userSlots = users;
        assetSlots = assets;
    }

    /** Copies every user's block of cells to its place at the new width. */
    private void relayout(int assets, int length) {
        long[] wider = new long[length];
        for (int user = 0; user < userSlots; user++) {
            System.arraycopy(cells, user * assetSlots * STRIDE, wider, user * assets * STRIDE, assetSlots * STRIDE);
        }
        cells = wider;
    }
}
