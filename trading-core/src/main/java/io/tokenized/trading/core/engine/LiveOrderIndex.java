package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.TradingException;

import java.util.UUID;

/**
 * The live orders of every cached book by id, so that a cancel or an amend finds its market without a
 * store read. A hint, never the truth: the market's unit checks that the order it names is still live
 * there, and a miss falls back to the store. That lets a lookup run without a lock, and costs it one probe
 * of an array of keys (no node, key object or boxed value to follow, as in a concurrent hash map).
 *
 * <p>Thread-safety: any thread may {@link #get}; {@link #put} and {@link #remove} (called inside market
 * units, which may run in parallel for different markets) take the index's lock, one for all markets.
 * A reader reads the arrays without synchronisation, so it may see a slot half written, a key without
 * its value or a value without its key: then it misses, or sees an order just removed. It never returns
 * the wrong order, because it returns only an order whose id, a final field, equals the id asked for; and
 * it always stops, because within one table a slot never becomes free again and at most half are used.
 */
final class LiveOrderIndex {
    /** What a removed entry leaves behind: probes go on past it, and the same id may take it back. */
    private static final Object REMOVED = new Object();
    /** Slots of the largest table (its keys take two longs a slot): a quarter of them may hold live orders. */
    private static final int MAX_CAPACITY = 1 << 29;

    /** Keys and values of one generation; a resize publishes a new one whole. */
    private static final class Table {
        /** The key of slot s: most significant bits at 2s, least significant at 2s + 1. */
        final long[] keys;
        /** A {@link LiveOrder}, {@link #REMOVED}, or null for a slot never used. */
        final Object[] values;
        final int mask;

        Table(int capacity) {
            keys = new long[2 * capacity];
            values = new Object[capacity];
            mask = capacity - 1;
        }
    }

    private volatile Table table = new Table(1024);
    /** Slots holding an order or {@link #REMOVED}; guarded by the lock. */
    private int used;
    private int live;

    /** The live order with this id, or null when the index does not know it. */
    LiveOrder get(UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        Table current = table;
        long[] keys = current.keys;
        Object[] values = current.values;
        int mask = current.mask;
        for (int slot = slot(msb, lsb, mask); ; slot = (slot + 1) & mask) {
            Object value = values[slot];
            if (value == null) {
                return null;
            }
            if (keys[2 * slot] == msb && keys[2 * slot + 1] == lsb) {
                // A key has one slot (a removed key that comes back takes its old one), so an order with
                // another id here is a slot being rewritten: the key asked for is not (yet) in the index.
                return value instanceof LiveOrder order && (order.id == id || order.id.equals(id)) ? order : null;
            }
        }
    }

    /** Indexes an order, replacing any entry of the same id. */
    synchronized void put(LiveOrder order) {
        Table current = table;
        long msb = order.id.getMostSignificantBits();
        long lsb = order.id.getLeastSignificantBits();
        int slot = find(current, msb, lsb);
        if (current.values[slot] == null) {
            int reusable = firstRemoved(current, msb, lsb);
            if (reusable >= 0) {
                slot = reusable;
            } else {
                if ((used + 1) * 2 > current.values.length) {
                    current = resize();
                    slot = find(current, msb, lsb);
                }
                used++;
            }
            current.keys[2 * slot] = msb;
            current.keys[2 * slot + 1] = lsb;
        }
        if (!(current.values[slot] instanceof LiveOrder)) {
            live++;
        }
        current.values[slot] = order;
    }

    /** Forgets the order if the index holds this very order under its id. */
    synchronized void remove(LiveOrder order) {
        Table current = table;
        int slot = find(current, order.id.getMostSignificantBits(), order.id.getLeastSignificantBits());
        if (current.values[slot] == order) {
            current.values[slot] = REMOVED;
            live--;
        }
    }

    /** The slot holding the key, or the free slot where it would go. */
    private static int find(Table table, long msb, long lsb) {
        int slot = slot(msb, lsb, table.mask);
        while (table.values[slot] != null
                && (table.keys[2 * slot] != msb || table.keys[2 * slot + 1] != lsb)) {
            slot = (slot + 1) & table.mask;
        }
        return slot;
    }

    /**
     * The first removed entry on the probe path of a key that is absent, or -1. A new key may take it:
     * a reader looking for the removed key finds another key there and goes on, as it would past the
     * removed entry, and so does every reader whose path crosses it.
     */
    private static int firstRemoved(Table table, long msb, long lsb) {
        for (int slot = slot(msb, lsb, table.mask); table.values[slot] != null; slot = (slot + 1) & table.mask) {
            if (table.values[slot] == REMOVED) {
                return slot;
            }
        }
        return -1;
    }

    /** A new table without the removed entries, at most a quarter full; published once it is complete. */
    private Table resize() {
        Table old = table;
        int capacity = 1024;
        while (capacity < 4L * (live + 1)) {
            if (capacity == MAX_CAPACITY) {
                throw new TradingException("more than " + MAX_CAPACITY / 4 + " live orders in one engine");
            }
            capacity *= 2;
        }
        Table grown = new Table(capacity);
        for (int slot = 0; slot < old.values.length; slot++) {
            if (old.values[slot] instanceof LiveOrder) {
                long msb = old.keys[2 * slot];
                long lsb = old.keys[2 * slot + 1];
                int to = find(grown, msb, lsb);
                grown.keys[2 * to] = msb;
                grown.keys[2 * to + 1] = lsb;
                grown.values[to] = old.values[slot];
            }
        }
        used = live;
        table = grown;
        return grown;
    }

    /** Both halves are multiplied before they meet, and a last shift and multiply spreads the high bits. */
    private static int slot(long msb, long lsb, int mask) {
        long mixed = (msb * 0x9E37_79B9_7F4A_7C15L ^ lsb) * 0xBF58_476D_1CE4_E5B9L;
        mixed = (mixed ^ mixed >>> 29) * 0x94D0_49BB_1331_11EBL;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }
}
