package io.tokenized.trading.core.book;

/**
 * Folds the state of a book, field by field in a fixed order, into one deterministic 64-bit value.
 * Not cryptographic: it detects divergence between books, it does not resist forgery. Not thread-safe.
 */
final class StateHash {
    private long hash = 0x6A09E667F3BCC908L;

    StateHash add(long value) {
        hash = Long.rotateLeft((hash ^ value) * 0x9E3779B97F4A7C15L, 29) + 0x632BE59BD9B4E019L;
        return this;
    }

    /** Adds an order as the book sees it; both the book and its tests fold orders through here. */
    StateHash addOrder(long orderId, long userId, Side side, OrderKind kind, long priceTicks, long stopPriceTicks,
                       long remainingLots, long originalLots, long quoteBudgetMinor, TimeInForce timeInForce,
                       boolean postOnly, SelfTradePrevention selfTradePrevention, long ocoSiblingId) {
        return add(orderId).add(userId).add(side.ordinal()).add(kind.ordinal()).add(priceTicks).add(stopPriceTicks)
                .add(remainingLots).add(originalLots).add(quoteBudgetMinor).add(timeInForce.ordinal())
                .add(postOnly ? 1 : 0).add(selfTradePrevention.ordinal()).add(ocoSiblingId);
    }

    long value() {
        long mixed = hash;
        mixed ^= mixed >>> 33;
        mixed *= 0xFF51AFD7ED558CCDL;
        mixed ^= mixed >>> 33;
        return mixed;
    }
}
