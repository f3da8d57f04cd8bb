package io.tokenized.trading.core.memory;

import java.util.Arrays;

/**
 * A unique index of keys per user (client order ids, idempotency keys) onto row handles. Only rows that
 * carry a key are in it: each key gets a dense key id, under which the key string, its user, its hash and
 * its row are kept in columns, and the row keeps the key id to find its string again. The hash table is
 * open addressing over key ids, so a key costs no node and its string is retained once, here.
 *
 * <p>Keys are never removed. Not thread-safe; the store guards it with its lock.
 */
final class UserKeys {
    /** Returned by {@link #find} for a key nobody holds. */
    static final int ABSENT = -1;

    // Columns by key id.
    private String[] keys = new String[16];
    private int[] users = new int[16];
    private int[] hashes = new int[16];
    private int[] handles = new int[16];
    private int size;
    /** Each slot holds a key id plus one; 0 marks a free slot. */
    private int[] slots = new int[32];

    /** The handle of the row holding the user's key, or {@link #ABSENT}. */
    int find(int user, String key) {
        int hash = hash(user, key);
        int mask = slots.length - 1;
        int slot = hash & mask;
        int entry;
        while ((entry = slots[slot]) != 0) {
            int id = entry - 1;
            if (hashes[id] == hash && users[id] == user && keys[id].equals(key)) {
                return handles[id];
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    /**
     * Indexes a key that nobody holds (the caller checked with {@link #find}); returns its key id, which
     * the row keeps to read the key back.
     */
    int add(int user, String key, int handle) {
        if (size == keys.length) {
            int capacity = 2 * size;
            keys = Arrays.copyOf(keys, capacity);
            users = Arrays.copyOf(users, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            handles = Arrays.copyOf(handles, capacity);
        }
        int id = size++;
        int hash = hash(user, key);
        keys[id] = key;
        users[id] = user;
        hashes[id] = hash;
        handles[id] = handle;
        if (size * 2 > slots.length) {
            slots = new int[2 * slots.length];
            for (int i = 0; i < size; i++) {
                place(i);
            }
        } else {
            place(id);
        }
        return id;
    }

    /** The key with this key id. */
    String key(int keyId) {
        return keys[keyId];
    }

    int size() {
        return size;
    }

    private void place(int id) {
        int mask = slots.length - 1;
        int slot = hashes[id] & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = id + 1;
    }

    private static int hash(int user, String key) {
        int mixed = (31 * user + key.hashCode()) * 0x9E37_79B9;
        return mixed ^ (mixed >>> 16);
    }
}
