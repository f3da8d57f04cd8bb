package io.tokenized.trading.core.book;

import java.util.Arrays;

/**
 * The price levels of one side of an {@link OrderBook}, sorted in a primitive array with the best
 * level at the end: most activity happens near the best price, so inserting or removing a level
 * there shifts few elements, and taking the best level is an index read. Asks are keyed by their
 * negated price so that both sides sort ascending. Single writer; not thread-safe.
 */
final class BookSide {
    private final boolean buy;
    private long[] keys = new long[64];
    private PriceLevel[] levels = new PriceLevel[64];
    private int size;
    /** Emptied levels kept for reuse. */
    private PriceLevel freeLevels;

    BookSide(Side side) {
        this.buy = side == Side.BUY;
    }

    int levelCount() {
        return size;
    }

    /** The best level, or null when the side is empty. */
    PriceLevel best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** The best price in ticks, 0 when the side is empty. */
    long bestPriceTicks() {
        return size == 0 ? 0 : levels[size - 1].priceTicks;
    }

    /** The level {@code rank} places from the best (0 = best). */
    PriceLevel levelFromBest(int rank) {
        return levels[size - 1 - rank];
    }

    /** The level at exactly this price, or null. */
    PriceLevel find(long priceTicks) {
        int index = search(key(priceTicks));
        return index >= 0 ? levels[index] : null;
    }

    /** Appends a resting order to the tail of its price's queue, creating the level if needed. */
    void append(OrderNode order) {
        long key = key(order.priceTicks);
        int index = search(key);
        PriceLevel level;
        if (index >= 0) {
            level = levels[index];
        } else {
            level = insertLevel(-index - 1, key, order.priceTicks);
        }
        level.append(order);
    }

    /** Takes a resting order out of its queue, dropping its level when it becomes empty. */
    void unlink(OrderNode order) {
        PriceLevel level = order.level;
        level.unlink(order);
        if (level.isEmpty()) {
            removeLevel(level);
        }
    }

    private PriceLevel insertLevel(int index, long key, long priceTicks) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        int after = size - index;
        if (after > 0) {
            System.arraycopy(keys, index, keys, index + 1, after);
            System.arraycopy(levels, index, levels, index + 1, after);
        }
        PriceLevel level = freeLevels;
        if (level == null) {
            level = new PriceLevel();
        } else {
            freeLevels = level.nextFree;
            level.nextFree = null;
        }
        level.priceTicks = priceTicks;
        level.totalLots = 0;
        level.orderCount = 0;
        keys[index] = key;
        levels[index] = level;
        size++;
        return level;
    }

    private void removeLevel(PriceLevel level) {
        int index = size - 1;
        if (levels[index] != level) {
            index = search(key(level.priceTicks));
            System.arraycopy(keys, index + 1, keys, index, size - 1 - index);
            System.arraycopy(levels, index + 1, levels, index, size - 1 - index);
        }
        size--;
        levels[size] = null;
        level.nextFree = freeLevels;
        freeLevels = level;
    }

    private long key(long priceTicks) {
        return buy ? priceTicks : -priceTicks;
    }

    /** Binary search over the sorted keys: the index, or -(insertion point) - 1. */
    private int search(long key) {
        int low = 0;
        int high = size - 1;
        // The best level is by far the most frequent target; check it before halving.
        if (high >= 0 && keys[high] == key) {
            return high;
        }
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long candidate = keys[middle];
            if (candidate < key) {
                low = middle + 1;
            } else if (candidate > key) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }
}
