package io.tokenized.trading.core.memory;

import java.util.UUID;

/**
 * A map from UUIDs to row handles (non-negative ints), open addressing over primitive arrays: a key is
 * two longs side by side, so a probe reads one cache line for the key and one for the handle, and the
 * collector sees three arrays instead of a node, a key and a boxed value per entry.
 *
 * <p>Linear probing at most half full; removal shifts the following entries back instead of leaving
 * tombstones, so a map with as many removals as insertions (a market's live orders) never degrades.
 * Not thread-safe; the store guards it with its lock.
 */
final class UuidIndex {
    /** Returned by {@link #get} for a key that is absent. */
    static final int ABSENT = -1;

    /** The key of slot s: most significant bits at 2s, least significant at 2s + 1. */
    private long[] keys;
    /** The handle of each slot plus one; 0 marks a free slot, so a new array needs no fill. */
    private int[] entries;
    private int size;
    private int mask;

    UuidIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[2 * capacity];
        entries = new int[capacity];
        mask = capacity - 1;
    }

    int get(UUID key) {
        return get(key.getMostSignificantBits(), key.getLeastSignificantBits());
    }

    /** The handle of the key, or {@link #ABSENT}. */
    int get(long msb, long lsb) {
        int slot = slot(msb, lsb, mask);
        int entry;
        while ((entry = entries[slot]) != 0) {
            if (keys[2 * slot] == msb && keys[2 * slot + 1] == lsb) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    /** Adds the key or replaces its handle. */
    void put(long msb, long lsb, int handle) {
        if (handle < 0) {
            throw new IllegalArgumentException("negative handle " + handle);
        }
        int slot = slot(msb, lsb, mask);
        while (entries[slot] != 0) {
            if (keys[2 * slot] == msb && keys[2 * slot + 1] == lsb) {
                entries[slot] = handle + 1;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[2 * slot] = msb;
        keys[2 * slot + 1] = lsb;
        entries[slot] = handle + 1;
        if (++size * 2 > entries.length) {
            grow();
        }
    }

    /** Removes the key; returns whether it was present. */
    boolean remove(long msb, long lsb) {
        int slot = slot(msb, lsb, mask);
        while (true) {
            if (entries[slot] == 0) {
                return false;
            }
            if (keys[2 * slot] == msb && keys[2 * slot + 1] == lsb) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        entries[slot] = 0;
        size--;
        // Move back every later entry of the run whose home slot the hole now cuts off from it.
        int hole = slot;
        int next = (hole + 1) & mask;
        while (entries[next] != 0) {
            int home = slot(keys[2 * next], keys[2 * next + 1], mask);
            // The entry may fill the hole unless its home lies cyclically in (hole, next].
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                keys[2 * hole] = keys[2 * next];
                keys[2 * hole + 1] = keys[2 * next + 1];
                entries[hole] = entries[next];
                entries[next] = 0;
                hole = next;
            }
            next = (next + 1) & mask;
        }
        return true;
    }

    int size() {
        return size;
    }

    /** The number of slots, for iterating with {@link #handleAt}. */
    int slots() {
        return entries.length;
    }

    /** The handle held in a slot, or {@link #ABSENT} for a free slot; slots are in no useful order. */
    int handleAt(int slot) {
        return entries[slot] - 1;
    }

    /**
     * The home slot of a key. Both halves are multiplied before they meet: hashing {@code msb ^ lsb} would
     * send every key whose halves move together (n, n) to one slot.
     */
    static int slot(long msb, long lsb, int mask) {
        long mixed = (msb * 0x9E37_79B9_7F4A_7C15L ^ lsb) * 0xBF58_476D_1CE4_E5B9L;
        // A last shift and multiply spread the high bits too: keys that differ only there would cluster.
        mixed = (mixed ^ mixed >>> 29) * 0x94D0_49BB_1331_11EBL;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldEntries = entries;
        int capacity = oldEntries.length * 2;
        keys = new long[2 * capacity];
        entries = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < oldEntries.length; i++) {
            if (oldEntries[i] != 0) {
                long msb = oldKeys[2 * i];
                long lsb = oldKeys[2 * i + 1];
                int slot = slot(msb, lsb, mask);
                while (entries[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[2 * slot] = msb;
                keys[2 * slot + 1] = lsb;
                entries[slot] = oldEntries[i];
            }
        }
    }
}
