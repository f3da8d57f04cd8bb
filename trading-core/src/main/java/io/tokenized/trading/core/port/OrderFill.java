package io.tokenized.trading.core.port;

import java.util.UUID;

/**
 * An order's recorded fill next to the sum of its trades (as maker or taker), for the audit. The store
 * lists every order that has a non-zero fill or at least one trade.
 */
public record OrderFill(UUID orderId, String assetId, long quantityLots, long filledLots, long filledQuoteMinor,
                        long tradedLots, long tradedQuoteMinor) {
}
