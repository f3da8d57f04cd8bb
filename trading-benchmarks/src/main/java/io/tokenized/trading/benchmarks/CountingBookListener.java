package io.tokenized.trading.benchmarks;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.BookListener;
import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.Side;

/**
 * Folds every callback into a few counters, so that the JIT cannot drop the work that produced them and
 * the listener itself costs next to nothing. Single thread; not thread-safe.
 */
final class CountingBookListener implements BookListener {
    long rejected;
    long accepted;
    long trades;
    long tradedLots;
    long other;

    @Override
    public void rejected(long orderId, RejectReason reason) {
        rejected++;
    }

    @Override
    public void accepted(long orderId, long sequence) {
        accepted++;
    }

    @Override
    public void traded(long takerOrderId, long takerUserId, long makerOrderId, long makerUserId, Side takerSide,
                       long priceTicks, long quantityLots, long quoteMinor, long makerRemainingLots,
                       long takerRemainingLots) {
        trades++;
        tradedLots += quantityLots;
    }

    @Override
    public void rested(long orderId, long userId, Side side, long priceTicks, long remainingLots) {
        other += remainingLots;
    }

    @Override
    public void stopPending(long orderId, long userId, Side side, long stopPriceTicks) {
        other++;
    }

    @Override
    public void triggered(long orderId, long userId, long lastTradePriceTicks) {
        other++;
    }

    @Override
    public void cancelled(long orderId, long userId, long remainingLots, CancelReason reason) {
        other += remainingLots;
    }

    @Override
    public void reduced(long orderId, long userId, long oldRemainingLots, long newRemainingLots) {
        other += newRemainingLots;
    }

    @Override
    public void moved(long orderId, long userId, long oldPriceTicks, long newPriceTicks) {
        other += newPriceTicks;
    }

    long checksum() {
        return rejected * 31 + accepted * 17 + trades * 13 + tradedLots + other;
    }
}
