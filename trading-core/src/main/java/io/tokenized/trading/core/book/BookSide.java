package io.tokenized.trading.core.book;

import java.util.Arrays;

/**
 * The price levels of one side of an {@link OrderBook}. Prices are grouped into buckets of 64
 * consecutive ticks; each bucket holds its levels in an array indexed by tick and a 64-bit occupancy
 * mask, and the buckets sit in a sorted primitive array with the best bucket at the end. Finding a
 * price is a search over buckets (the best bucket is checked first) plus an array read; finding the
 * next best level is a bit scan. Inserting or dropping a level never shifts other levels, only a
 * whole bucket appearing or emptying shifts the (short) bucket array.
 *
 * <p>Asks are keyed by their negated price so that on both sides a higher key is a better price.
 * Single writer; not thread-safe.
 */
final class BookSide {
    private static final int BUCKET_BITS = 6;
    private static final int BUCKET_MASK = (1 << BUCKET_BITS) - 1;

    /** One bucket: the levels of 64 consecutive keys. */
    static final class Bucket {
        long bucketKey;
        long occupied;
        final PriceLevel[] levels = new PriceLevel[1 << BUCKET_BITS];
        Bucket nextFree;
    }

    private final boolean buy;
    private long[] bucketKeys = new long[16];
    private Bucket[] buckets = new Bucket[16];
    private int bucketCount;
    private int levelCount;
    private Bucket freeBuckets;
    private PriceLevel freeLevels;

    BookSide(Side side) {
        this.buy = side == Side.BUY;
    }

    int levelCount() {
        return levelCount;
    }

    /** The best level, or null when the side is empty. */
    PriceLevel best() {
        if (bucketCount == 0) {
            return null;
        }
        Bucket top = buckets[bucketCount - 1];
        return top.levels[63 - Long.numberOfLeadingZeros(top.occupied)];
    }

    /** The best price in ticks, 0 when the side is empty. */
    long bestPriceTicks() {
        PriceLevel best = best();
        return best == null ? 0 : best.priceTicks;
    }

    /** The next level after {@code level} in priority order (the next worse price), or null. */
    PriceLevel nextWorse(PriceLevel level) {
        long key = key(level.priceTicks);
        int index = searchBucket(key >> BUCKET_BITS);
        Bucket bucket = buckets[index];
        long below = bucket.occupied & ((1L << (key & BUCKET_MASK)) - 1);
        if (below != 0) {
            return bucket.levels[63 - Long.numberOfLeadingZeros(below)];
        }
        if (index == 0) {
            return null;
        }
        Bucket worse = buckets[index - 1];
        return worse.levels[63 - Long.numberOfLeadingZeros(worse.occupied)];
    }

    /** The level at exactly this price, or null. */
    PriceLevel find(long priceTicks) {
        long key = key(priceTicks);
        int index = searchBucket(key >> BUCKET_BITS);
        return index < 0 ? null : buckets[index].levels[(int) (key & BUCKET_MASK)];
    }

    /** Appends a resting order to the tail of its price's queue, creating the level if needed. */
    void append(OrderNode order) {
        long key = key(order.priceTicks);
        long bucketKey = key >> BUCKET_BITS;
        int index = searchBucket(bucketKey);
        Bucket bucket = index >= 0 ? buckets[index] : insertBucket(-index - 1, bucketKey);
        int slot = (int) (key & BUCKET_MASK);
        PriceLevel level = bucket.levels[slot];
        if (level == null) {
            level = newLevel(order.priceTicks);
            bucket.levels[slot] = level;
            bucket.occupied |= 1L << slot;
            levelCount++;
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

    private void removeLevel(PriceLevel level) {
        long key = key(level.priceTicks);
        int index = searchBucket(key >> BUCKET_BITS);
        Bucket bucket = buckets[index];
        int slot = (int) (key & BUCKET_MASK);
        bucket.levels[slot] = null;
        bucket.occupied &= ~(1L << slot);
        levelCount--;
        level.nextFree = freeLevels;
        freeLevels = level;
        if (bucket.occupied == 0) {
            removeBucket(index);
        }
    }

    private PriceLevel newLevel(long priceTicks) {
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
        return level;
    }

    private Bucket insertBucket(int index, long bucketKey) {
        if (bucketCount == bucketKeys.length) {
            bucketKeys = Arrays.copyOf(bucketKeys, bucketCount * 2);
            buckets = Arrays.copyOf(buckets, bucketCount * 2);
        }
        int after = bucketCount - index;
        if (after > 0) {
            System.arraycopy(bucketKeys, index, bucketKeys, index + 1, after);
            System.arraycopy(buckets, index, buckets, index + 1, after);
        }
        Bucket bucket = freeBuckets;
        if (bucket == null) {
            bucket = new Bucket();
        } else {
            freeBuckets = bucket.nextFree;
            bucket.nextFree = null;
        }
        bucket.bucketKey = bucketKey;
        bucketKeys[index] = bucketKey;
        buckets[index] = bucket;
        bucketCount++;
        return bucket;
    }

    private void removeBucket(int index) {
        Bucket bucket = buckets[index];
        int after = bucketCount - 1 - index;
        if (after > 0) {
            System.arraycopy(bucketKeys, index + 1, bucketKeys, index, after);
            System.arraycopy(buckets, index + 1, buckets, index, after);
        }
        bucketCount--;
        buckets[bucketCount] = null;
        bucket.nextFree = freeBuckets;
        freeBuckets = bucket;
    }

    private long key(long priceTicks) {
        return buy ? priceTicks : -priceTicks;
    }

    /** Binary search over the sorted bucket keys: the index, or -(insertion point) - 1. */
    private int searchBucket(long bucketKey) {
        int high = bucketCount - 1;
        // Nearly all activity is at the best bucket; check it before halving.
        if (high >= 0 && bucketKeys[high] == bucketKey) {
            return high;
        }
        int low = 0;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long candidate = bucketKeys[middle];
            if (candidate < bucketKey) {
                low = middle + 1;
            } else if (candidate > bucketKey) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }
}
