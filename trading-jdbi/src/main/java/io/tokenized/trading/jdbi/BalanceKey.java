package io.tokenized.trading.jdbi;

import java.util.Comparator;

/** One balance row's key. Sorted by user id, then asset id. Immutable. */
record BalanceKey(String userId, String assetId) implements Comparable<BalanceKey> {

    private static final Comparator<BalanceKey> ORDER =
            Comparator.comparing(BalanceKey::userId).thenComparing(BalanceKey::assetId);

    @Override
    public int compareTo(BalanceKey other) {
        return ORDER.compare(this, other);
    }
}
