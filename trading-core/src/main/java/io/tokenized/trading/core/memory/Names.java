package io.tokenized.trading.core.memory;

import java.util.Arrays;

/**
 * Interns a small set of strings (user ids, asset ids) as dense ints 0, 1, 2, ... in the order they are
 * first seen, so that rows store an int and tables can be indexed by it. Open addressing over an int
 * array; names are never removed. Not thread-safe; the store guards it with its lock, but for {@link #find}
 * from a funds check, which tolerates {@link #ABSENT} for a name being added, or an exception.
 */
final class Names {
    /** Returned by {@link #find} for a name never interned. */
    static final int ABSENT = -1;

    private String[] names = new String[16];
    /** The hash of each name: a probe compares it before it reads the name, which is rarely its match. */
    private int[] hashes = new int[16];
    private int size;
    /** Each slot holds a name's id plus one; 0 marks a free slot. */
    private int[] slots = new int[32];

    /** The id of the name, or {@link #ABSENT}. */
    int find(String name) {
        // One read of each array: a reader without the store's lock (a funds check) then probes one table,
        // which always has a free slot, and an id beyond the names it saw fails instead of looping. An id
        // it returns is the one whose name it compared, so it is right even then.
        int found = probe(slots, names, hashes, name);
        return found > 0 ? found - 1 : ABSENT;
    }

    /** The id of the name, giving it the next id if it has none. */
    int intern(String name) {
        int found = probe(slots, names, hashes, name);
        if (found > 0) {
            return found - 1;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, 2 * size);
            hashes = Arrays.copyOf(hashes, 2 * size);
        }
        int id = size++;
        names[id] = name;
        hashes[id] = name.hashCode();
        slots[-found - 1] = id + 1;
        if (size * 2 > slots.length) {
            rehash(2 * slots.length);
        }
        return id;
    }

    /**
     * The name's entry in {@code table} (its id plus one) if it is there; otherwise minus one minus the free
     * slot where it would go.
     */
    private static int probe(int[] table, String[] known, int[] knownHashes, String name) {
        int mask = table.length - 1;
        int hash = name.hashCode();
        int slot = slot(hash, mask);
        int entry;
        while ((entry = table[slot]) != 0) {
            if (knownHashes[entry - 1] == hash) {
                String candidate = known[entry - 1];
                if (candidate == name || candidate.equals(name)) {
                    return entry;
                }
            }
            slot = (slot + 1) & mask;
        }
        return -slot - 1;
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
