package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.ledger.EntryKind;

import java.util.Arrays;

/**
 * Balances and the audit's journal sums, in a dense table over (user id, asset id) as {@link Names}
 * numbers them: cell {@code user * assetSlots + asset}. Users and assets are few, so a cell per pair costs
 * less than a map entry per existing row, and a lookup is an index computation.
 *
 * <p>A cell index is valid until the table grows ({@link #createCell}, {@link #addEntry}); callers keep
 * (user, asset) pairs across growth, not cells. Not thread-safe; the store guards it with its lock.
 */
final class BalanceTable {
    /** Returned by {@link #cell} for a pair without a balance row. */
    static final int NO_ROW = -1;

    private static final int KINDS = EntryKind.values().length;
    private static final int SUM_LOW = 0;
    private static final int SUM_HIGH = 1;
    private static final int COUNT = 2;
    private static final int SUM_STRIDE = 3;

    private int userSlots = 16;
    private int assetSlots = 4;
    private long[] available = new long[userSlots * assetSlots];
    private long[] locked = new long[userSlots * assetSlots];
    /** Whether the balance row exists: a row at zero is listed, an absent one is not. */
    private boolean[] exists = new boolean[userSlots * assetSlots];
    /**
     * Per cell and entry kind (by ordinal), side by side: the sum of the journal entries as 128 bits (low
     * word, high word), then their count, so that adding an entry touches one cache line. A kind's sum may
     * pass a long where the balance does not (deposits and withdrawals of a busy account add up for ever),
     * and adding must not fail: it runs while a unit is being applied, after its checks.
     */
    private long[] entrySums = new long[userSlots * assetSlots * KINDS * SUM_STRIDE];

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

    /** Adds one journal entry to the sums of its (user, asset, kind). */
    void addEntry(int user, int asset, int kind, long amountMinor) {
        ensure(user, asset);
        int at = sumsAt(user, asset, kind);
        long low = entrySums[at + SUM_LOW];
        long sum = low + amountMinor;
        long carry = Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
        entrySums[at + SUM_LOW] = sum;
        entrySums[at + SUM_HIGH] += (amountMinor >> 63) + carry;
        entrySums[at + COUNT]++;
    }

    /**
     * The sum of the pair's entries of one kind.
     *
     * @throws TradingException when the sum does not fit a long
     */
    long entrySum(int user, int asset, int kind) {
        if (user >= userSlots || asset >= assetSlots) {
            return 0;
        }
        int at = sumsAt(user, asset, kind);
        long low = entrySums[at + SUM_LOW];
        if (entrySums[at + SUM_HIGH] != low >> 63) {
            throw new TradingException("the journal entries of kind " + EntryKind.values()[kind]
                    + " of one balance sum beyond a long");
        }
        return low;
    }

    long entryCount(int user, int asset, int kind) {
        return user >= userSlots || asset >= assetSlots ? 0 : entrySums[sumsAt(user, asset, kind) + COUNT];
    }

    private int sumsAt(int user, int asset, int kind) {
        return ((user * assetSlots + asset) * KINDS + kind) * SUM_STRIDE;
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
            entrySums = Arrays.copyOf(entrySums, cells * KINDS * SUM_STRIDE);
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
        long[] newSums = new long[cells * KINDS * SUM_STRIDE];
        for (int user = 0; user < userSlots; user++) {
            int from = user * assetSlots;
            int to = user * assets;
            System.arraycopy(available, from, newAvailable, to, assetSlots);
            System.arraycopy(locked, from, newLocked, to, assetSlots);
            System.arraycopy(exists, from, newExists, to, assetSlots);
            int perCell = KINDS * SUM_STRIDE;
            System.arraycopy(entrySums, from * perCell, newSums, to * perCell, assetSlots * perCell);
        }
        available = newAvailable;
        locked = newLocked;
        exists = newExists;
        entrySums = newSums;
    }
}
