package io.tokenized.trading.core.memory;

import java.util.Arrays;

/**
 * What a market work read of the store's shared tables while it ran without the store-wide lock: the
 * balances it saw and the funds checks it made, the client order ids it found free and the users it found
 * unknown. The store checks them under the lock before it applies the outcome (see
 * {@link InMemoryTradingStore}). Users and assets are kept as the store's name numbers, or
 * {@link Names#ABSENT} with their names when the store did not know them yet (or a funds check made
 * without the lock did not find them). Not thread-safe: one per market session, whose units run one at a
 * time.
 */
final class UnitReads {
    int balances;
    int[] balanceUser = new int[4];
    int[] balanceAsset = new int[4];
    String[] balanceUserName = new String[4];
    String[] balanceAssetName = new String[4];
    long[] available = new long[4];
    long[] locked = new long[4];
    /** Whether read i was a funds check: {@code available[i]} is then its minimum, {@code covered[i]} its answer. */
    boolean[] check = new boolean[4];
    boolean[] covered = new boolean[4];

    int freeClientIds;
    String[] clientUser = new String[2];
    String[] clientOrderId = new String[2];

    int unknownUsers;
    String[] unknownUser = new String[2];

    /** Funds checks made without the store-wide lock: their answers must be checked even when alone. */
    int unlocked;

    void clear() {
        unlocked = 0;
        balances = 0;
        freeClientIds = 0;
        unknownUsers = 0;
    }

    /** How many reads there were. */
    int count() {
        return balances + freeClientIds + unknownUsers;
    }

    void balance(int user, int asset, String userName, String assetName, long availableMinor, long lockedMinor) {
        add(user, asset, userName, assetName, availableMinor, lockedMinor, false, false);
    }

    /**
     * A funds check: whether the available balance was at least {@code minimumMinor}. One made without the
     * store-wide lock keeps the numbers its lookups found too: a name keeps its number for good, and a
     * lookup returns one only after comparing its name. A name it did not find may have been added
     * meanwhile, so that one is kept by name, as one the store did not know.
     */
    void fundsCheck(int user, int asset, String userName, String assetName, long minimumMinor, boolean answer,
                    boolean withoutLock) {
        if (withoutLock) {
            unlocked++;
        }
        add(user, asset, userName, assetName, minimumMinor, 0, true, answer);
    }

    private void add(int user, int asset, String userName, String assetName, long availableMinor, long lockedMinor,
                     boolean isCheck, boolean answer) {
        if (balances == balanceUser.length) {
            int capacity = 2 * balances;
            balanceUser = Arrays.copyOf(balanceUser, capacity);
            balanceAsset = Arrays.copyOf(balanceAsset, capacity);
            balanceUserName = Arrays.copyOf(balanceUserName, capacity);
            balanceAssetName = Arrays.copyOf(balanceAssetName, capacity);
            available = Arrays.copyOf(available, capacity);
            locked = Arrays.copyOf(locked, capacity);
            check = Arrays.copyOf(check, capacity);
            covered = Arrays.copyOf(covered, capacity);
        }
        balanceUser[balances] = user;
        balanceAsset[balances] = asset;
        balanceUserName[balances] = userName;
        balanceAssetName[balances] = assetName;
        available[balances] = availableMinor;
        locked[balances] = lockedMinor;
        check[balances] = isCheck;
        covered[balances] = answer;
        balances++;
    }

    void freeClientId(String userId, String id) {
        if (freeClientIds == clientUser.length) {
            clientUser = Arrays.copyOf(clientUser, 2 * freeClientIds);
            clientOrderId = Arrays.copyOf(clientOrderId, 2 * freeClientIds);
        }
        clientUser[freeClientIds] = userId;
        clientOrderId[freeClientIds] = id;
        freeClientIds++;
    }

    void unknownUser(String userId) {
        if (unknownUsers == unknownUser.length) {
            unknownUser = Arrays.copyOf(unknownUser, 2 * unknownUsers);
        }
        unknownUser[unknownUsers++] = userId;
    }
}
