package io.tokenized.trading.core.memory;

import java.math.BigInteger;
import java.util.Arrays;

import static io.tokenized.trading.core.memory.PagedRows.halves;
import static io.tokenized.trading.core.memory.PagedRows.high;
import static io.tokenized.trading.core.memory.PagedRows.low;

/**
 * The journal's sums and counts per (user, asset, kind), built when the audit asks, in one pass over the
 * journal as a database's {@code GROUP BY} would. A running sum would cost every entry a write into a
 * table of every user's sums, a cache miss on the hot path for a figure only the audit reads.
 *
 * <p>Sums are 128 bits: a kind's sum may pass a long (a busy account's deposits and withdrawals add up
 * for ever) where the balance does not, and the audit reads it exactly. One group per
 * (user, asset, kind) that has entries, found through a hash index; not thread-safe.
 */
final class JournalSums {
    private static final int LOW = 0;
    private static final int HIGH = 1;
    private static final int COUNT = 2;
    private static final int STRIDE = 3;
    private static final BigInteger LOW_WORD = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** (user and asset as halves, kind) to group number. */
    private final UuidIndex groups = new UuidIndex(64);
    /** Per group: user and asset as halves, then kind. */
    private long[] keys = new long[2 * 16];
    /** Per group: the sum's low word, its high word, the count, side by side. */
    private long[] sums = new long[STRIDE * 16];
    private int size;

    void add(int user, int asset, int kind, long amountMinor) {
        long userAsset = halves(user, asset);
        int group = groups.get(userAsset, kind);
        if (group == UuidIndex.ABSENT) {
            group = newGroup(userAsset, kind);
        }
        int at = STRIDE * group;
        long low = sums[at + LOW];
        long sum = low + amountMinor;
        long carry = Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
        sums[at + LOW] = sum;
        sums[at + HIGH] += (amountMinor >> 63) + carry;
        sums[at + COUNT]++;
    }

    /** How many groups there are: numbers run from 0 to size - 1. */
    int size() {
        return size;
    }

    /** The group numbers ordered by user, asset and kind. */
    int[] ordered() {
        Integer[] order = new Integer[size];
        for (int group = 0; group < size; group++) {
            order[group] = group;
        }
        Arrays.sort(order, (a, b) -> {
            int byUserAsset = Long.compare(keys[2 * a], keys[2 * b]);
            return byUserAsset != 0 ? byUserAsset : Long.compare(keys[2 * a + 1], keys[2 * b + 1]);
        });
        int[] result = new int[size];
        for (int i = 0; i < size; i++) {
            result[i] = order[i];
        }
        return result;
    }

    int user(int group) {
        return high(keys[2 * group]);
    }

    int asset(int group) {
        return low(keys[2 * group]);
    }

    int kind(int group) {
        return (int) keys[2 * group + 1];
    }

    long count(int group) {
        return sums[STRIDE * group + COUNT];
    }

    /** The group's sum, exactly: the low word is unsigned below the high one. */
    BigInteger sum(int group) {
        long low = sums[STRIDE * group + LOW];
        long high = sums[STRIDE * group + HIGH];
        if (high == low >> 63) {
            return BigInteger.valueOf(low);
        }
        return BigInteger.valueOf(high).shiftLeft(64).or(BigInteger.valueOf(low).and(LOW_WORD));
    }

    /** The group of (user, asset, kind), or {@link UuidIndex#ABSENT} when it has no entries. */
    int group(int user, int asset, int kind) {
        return groups.get(halves(user, asset), kind);
    }

    private int newGroup(long userAsset, int kind) {
        int group = size++;
        if (STRIDE * size > sums.length) {
            keys = Arrays.copyOf(keys, 2 * keys.length);
            sums = Arrays.copyOf(sums, 2 * sums.length);
        }
        keys[2 * group] = userAsset;
        keys[2 * group + 1] = kind;
        groups.put(userAsset, kind, group);
        return group;
    }
}
