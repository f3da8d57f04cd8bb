package io.tokenized.trading.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A map from positive long keys to values with open addressing and linear probing, without boxing.
 * Single writer; not thread-safe.
 */
final class LongMap<V> {
    private static final long FREE = 0;
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int slot = slot(key);
        while (true) {
            long found = keys[slot];
            if (found == key) {
                return (V) values[slot];
            }
            if (found == FREE) {
                return null;
            }
            slot = (slot + 1) & mask;
        }
    }

    void put(long key, V value) {
        if (key <= 0) {
            throw new IllegalArgumentException("keys are positive: " + key);
        }
        int slot = slot(key);
        while (keys[slot] != FREE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == FREE) {
            keys[slot] = key;
            if (++size * 2 > keys.length) {
                values[slot] = value;
                grow();
                return;
            }
        }
        values[slot] = value;
    }

    void remove(long key) {
        int slot = slot(key);
        while (keys[slot] != key) {
            if (keys[slot] == FREE) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = FREE;
        values[slot] = null;
        size--;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int hole = slot;
        int next = (hole + 1) & mask;
        while (keys[next] != FREE) {
            int home = slot(keys[next]);
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                keys[next] = FREE;
                values[next] = null;
                hole = next;
            }
            next = (next + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> result = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                result.add((V) values[i]);
            }
        }
        return result;
    }

    void clear() {
        Arrays.fill(keys, FREE);
        Arrays.fill(values, null);
        size = 0;
    }

    private int slot(long key) {
        long mixed = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int slot = slot(oldKeys[i]);
                while (keys[slot] != FREE) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
                size++;
            }
        }
    }
}
