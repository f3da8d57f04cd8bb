package io.tokenized.trading.core.book;

/**
 * Open orders by id: an open-addressing hash map from positive {@code long} ids to nodes, with linear
 * probing and backward-shift deletion (no tombstones, no boxing). Single writer; not thread-safe.
 */
final class OrderIndex {
    private static final long EMPTY = 0;
    private static final int MAX_LOAD_PERCENT = 60;

    private long[] keys;
    private OrderNode[] values;
    private int mask;
    private int size;
    private int resizeAt;

    OrderIndex(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2) - 1) << 1;
        allocate(capacity);
    }

    int size() {
        return size;
    }

    OrderNode get(long orderId) {
        int slot = slot(orderId);
        while (true) {
            long key = keys[slot];
            if (key == orderId) {
                return values[slot];
            }
            if (key == EMPTY) {
                return null;
            }
            slot = (slot + 1) & mask;
        }
    }

    boolean contains(long orderId) {
        return get(orderId) != null;
    }

    /** Adds an id that is not in the index yet. */
    void put(long orderId, OrderNode node) {
        int slot = slot(orderId);
        while (keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = orderId;
        values[slot] = node;
        if (++size >= resizeAt) {
            rehash(keys.length * 2);
        }
    }

    void remove(long orderId) {
        int slot = slot(orderId);
        while (keys[slot] != orderId) {
            if (keys[slot] == EMPTY) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        size--;
        // Backward shift: move later members of the probe run into the hole so lookups never stop early.
        int hole = slot;
        int next = (hole + 1) & mask;
        while (keys[next] != EMPTY) {
            int home = slot(keys[next]);
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = EMPTY;
        values[hole] = null;
    }

    /**
     * Ids that differ only in their lowest three bits share a block of eight neighbouring slots (one
     * cache line of keys), and blocks are scattered by a multiplicative hash: callers that number their
     * orders sequentially touch memory they touched a moment ago, and patterned ids still spread.
     */
    private int slot(long orderId) {
        long mixed = (orderId >>> 3) * 0x9E3779B97F4A7C15L;
        long block = mixed ^ (mixed >>> 29);
        return (int) ((block << 3) | (orderId & 7)) & mask;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new OrderNode[capacity];
        mask = capacity - 1;
        resizeAt = (int) ((long) capacity * MAX_LOAD_PERCENT / 100);
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        OrderNode[] oldValues = values;
        allocate(capacity);
        for (int i = 0; i < oldKeys.length; i++) {
            long key = oldKeys[i];
            if (key != EMPTY) {
                int slot = slot(key);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                values[slot] = oldValues[i];
            }
        }
    }
}
