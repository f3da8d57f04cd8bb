package io.tokenized.trading.core.port;

import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;

/**
 * The sum of the journal entries (TRADE and FEE) of one trade in one asset, for the audit: 0 when the
 * trade's legs balance. The store lists every (trade, asset) pair that has entries. Exact, like
 * {@link JournalTotal}: legs that do not balance may sum beyond a long, and the audit must report them.
 */
public record TradeLegTotal(UUID tradeId, String assetId, BigInteger amountMinor, long entryCount) {
    public TradeLegTotal {
        Objects.requireNonNull(amountMinor, "amountMinor");
    }
}
