package io.tokenized.trading.core.book;

import java.util.List;

/**
 * The top price levels of an {@link OrderBook}, best first on each side. Immutable.
 *
 * @param bids buy levels, highest price first
 * @param asks sell levels, lowest price first
 */
public record BookDepth(List<DepthLevel> bids, List<DepthLevel> asks) {
    public BookDepth {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
