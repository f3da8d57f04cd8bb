package io.tokenized.trading.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A map from UUIDs to values with open addressing over parallel arrays: no entry object per key, so a
 * store of millions of orders gives the collector a few large arrays instead of millions of nodes, and
 * growing it rehashes arrays rather than chasing nodes, and a lookup compares longs in place instead of
 * following each probed key to its UUID object. Not thread-safe; the store guards it with its lock.
 */
final class UuidMap<V> {
    private long[] msbs;
    private long[] lsbs;
    private Object[] values;
    private int size;
    private int mask;

    UuidMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        msbs = new long[capacity];
        lsbs = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    @SuppressWarnings("unchecked")
    V get(UUID key) {
        long msb = key.getMostSignificantBits();
        long lsb = key.getLeastSignificantBits();
        int slot = slot(msb, lsb);
        while (values[slot] != null) {
            if (msbs[slot] == msb && lsbs[slot] == lsb) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /** Adds or replaces the value of {@code key}. */
    void put(UUID key, V value) {
        Objects.requireNonNull(value, "value");
        long msb = key.getMostSignificantBits();
        long lsb = key.getLeastSignificantBits();
        int slot = slot(msb, lsb);
        while (values[slot] != null) {
            if (msbs[slot] == msb && lsbs[slot] == lsb) {
                values[slot] = value;
                return;
            }
            slot = (slot + 1) & mask;
        }
        msbs[slot] = msb;
        lsbs[slot] = lsb;
        values[slot] = value;
        // At most half full keeps linear probes short.
        if (++size * 2 > values.length) {
            grow();
        }
    }

    void remove(UUID key) {
        long msb = key.getMostSignificantBits();
        long lsb = key.getLeastSignificantBits();
        int slot = slot(msb, lsb);
        while (msbs[slot] != msb || lsbs[slot] != lsb || values[slot] == null) {
            if (values[slot] == null) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        values[slot] = null;
        size--;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int hole = slot;
        int next = (hole + 1) & mask;
        while (values[next] != null) {
            int home = slot(msbs[next], lsbs[next]);
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                msbs[hole] = msbs[next];
                lsbs[hole] = lsbs[next];
                values[hole] = values[next];
                values[next] = null;
                hole = next;
            }
            next = (next + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** The values, in no particular order. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> result = new ArrayList<>(size);
        for (Object value : values) {
            if (value != null) {
                result.add((V) value);
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<? super V> action) {
        for (Object value : values) {
            if (value != null) {
                action.accept((V) value);
            }
        }
    }

    private int slot(long msb, long lsb) {
        long mixed = (msb ^ lsb) * 0x9E37_79B9_7F4A_7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }

    private void grow() {
        long[] oldMsbs = msbs;
        long[] oldLsbs = lsbs;
        Object[] oldValues = values;
        int capacity = oldValues.length * 2;
        msbs = new long[capacity];
        lsbs = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                int slot = slot(oldMsbs[i], oldLsbs[i]);
                while (values[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                msbs[slot] = oldMsbs[i];
                lsbs[slot] = oldLsbs[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
