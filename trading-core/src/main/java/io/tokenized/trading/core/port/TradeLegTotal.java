package io.tokenized.trading.core.port;

import java.util.UUID;

/**
 * The sum of the journal entries (TRADE and FEE) of one trade in one asset, for the audit: 0 when the
 * trade's legs balance. The store lists every (trade, asset) pair that has entries.
 */
public record TradeLegTotal(UUID tradeId, String assetId, long amountMinor, long entryCount) {
}
