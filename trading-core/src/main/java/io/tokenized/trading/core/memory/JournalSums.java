package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.ledger.EntryKind;

/**
 * The journal's sums and counts per (user, asset, kind), built when the audit asks, in one pass over the
 * journal as a database's {@code GROUP BY} would. A running sum would cost every entry a write into a
 * table of every user's sums, a cache miss on the hot path for a figure only the audit reads.
 *
 * <p>Sums are 128 bits while adding: a kind's sum may pass a long (a busy account's deposits and
 * withdrawals add up for ever) where the balance does not, and it is read only at the end. Dense over the
 * users and assets the name tables hold; not thread-safe.
 */
final class JournalSums {
    private static final int KINDS = EntryKind.values().length;
    private static final int LOW = 0;
    private static final int HIGH = 1;
    private static final int COUNT = 2;
    private static final int STRIDE = 3;

    private final int assets;
    /** Per (user, asset, kind): the sum's low word, its high word, the count, side by side. */
    private final long[] sums;

    JournalSums(int users, int assets) {
        this.assets = assets;
        this.sums = new long[Math.multiplyExact(Math.multiplyExact(users, assets), KINDS * STRIDE)];
    }

    void add(int user, int asset, int kind, long amountMinor) {
        int at = at(user, asset, kind);
        long low = sums[at + LOW];
        long sum = low + amountMinor;
        long carry = Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
        sums[at + LOW] = sum;
        sums[at + HIGH] += (amountMinor >> 63) + carry;
        sums[at + COUNT]++;
    }

    long count(int user, int asset, int kind) {
        return sums[at(user, asset, kind) + COUNT];
    }

    /**
     * The sum of the pair's entries of one kind.
     *
     * @throws TradingException when the sum does not fit a long
     */
    long sum(int user, int asset, int kind) {
        int at = at(user, asset, kind);
        long low = sums[at + LOW];
        if (sums[at + HIGH] != low >> 63) {
            throw new TradingException("the journal entries of kind " + EntryKind.values()[kind]
                    + " of one balance sum beyond a long");
        }
        return low;
    }

    private int at(int user, int asset, int kind) {
        return ((user * assets + asset) * KINDS + kind) * STRIDE;
    }
}
