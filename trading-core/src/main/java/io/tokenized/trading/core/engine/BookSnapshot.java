package io.tokenized.trading.core.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A market's aggregated depth at one sequence: every level (or the top ones asked for), best first.
 *
 * @param sequence the market sequence the depth belongs to
 */
public record BookSnapshot(String assetId, long sequence, List<Level> bids, List<Level> asks, Instant takenAt) {
    public BookSnapshot {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(takenAt, "takenAt");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    /** The highest bid, or null when there is none. */
    public BigDecimal bestBid() {
        return bids.isEmpty() ? null : bids.get(0).price();
    }

    /** The lowest ask, or null when there is none. */
    public BigDecimal bestAsk() {
        return asks.isEmpty() ? null : asks.get(0).price();
    }

    /** One price level: the total remaining quantity and how many orders rest there. */
    public record Level(BigDecimal price, BigDecimal quantity, int orders) {
        public Level {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(quantity, "quantity");
        }
    }
}
