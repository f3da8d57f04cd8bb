package io.tokenized.trading.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@code order_book_snapshots}: a market's aggregated depth at a sequence.
 *
 * @param bids buy levels, highest price first
 * @param asks sell levels, lowest price first
 */
public record DepthSnapshot(String assetId, long sequence, List<Level> bids, List<Level> asks, Instant takenAt) {
    public DepthSnapshot {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(takenAt, "takenAt");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    /** One price level: the sum of its orders' remaining lots and how many orders rest there. */
    public record Level(long priceTicks, long quantityLots, int orderCount) {
        public Level {
            if (priceTicks <= 0 || quantityLots <= 0 || orderCount <= 0) {
                throw new IllegalArgumentException("a level needs a positive price, quantity and order count");
            }
        }
    }
}
