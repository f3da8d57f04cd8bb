package io.tokenized.trading.core.memory;

import java.util.Arrays;

/**
 * Interns a small set of strings (user ids, asset ids) as dense ints 0, 1, 2, ... in the order they are
 * first seen, so that rows store an int and tables can be indexed by it. Open addressing over an int
 * array; names are never removed. Not thread-safe; the store guards it with its lock, but for {@link #find}
 * from a funds check, which tolerates a wrong answer or an exception.
 */
final class Names {
    /** Returned by {@link #find} for a name never interned. */
    static final int ABSENT = -1;

    private String[] names = new String[16];
    private int size;
    /** Each slot holds a name's id plus one; 0 marks a free slot. */
    private int[] slots = new int[32];

    /** The id of the name, or {@link #ABSENT}. */
    int find(String name) {
        // One read of each array: a reader without the store's lock (a funds check) then probes one table,
        // which always has a free slot, and an id beyond the names it saw fails instead of looping.
        int[] table = slots;
        return table[slotOf(table, names, name)] - 1;
    }

    /** The id of the name, giving it the next id if it has none. */
    int intern(String name) {
        int slot = slotOf(slots, names, name);
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, 2 * size);
        }
        int id = size++;
        names[id] = name;
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            rehash(2 * slots.length);
        }
        return id;
    }

    /** The slot of {@code table} holding the name, or the free slot where it would go. */
    private static int slotOf(int[] table, String[] known, String name) {
        int mask = table.length - 1;
        int slot = slot(name.hashCode(), mask);
        int entry;
        while ((entry = table[slot]) != 0) {
            String candidate = known[entry - 1];
            if (candidate == name || candidate.equals(name)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    String name(int id) {
        return names[id];
    }

    /** How many names there are: ids run from 0 to size - 1. */
    int size() {
        return size;
    }

    private void rehash(int capacity) {
        int[] grown = new int[capacity];
        int mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            int slot = slot(names[id].hashCode(), mask);
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = id + 1;
        }
        slots = grown;
    }

    static int slot(int hash, int mask) {
        int mixed = hash * 0x9E37_79B9;
        return (mixed ^ (mixed >>> 16)) & mask;
    }
}
