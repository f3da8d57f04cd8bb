package io.tokenized.trading.core.port;

import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;

/**
 * An order's recorded fill next to the sum of its trades (as maker or taker), for the audit. The store
 * lists every order that has a non-zero fill or at least one trade. The trade sums are exact: the trades
 * of a consistent order sum to its fill, but an audit must report on inconsistent ones, whatever they sum to.
 */
public record OrderFill(UUID orderId, String assetId, long quantityLots, long filledLots, long filledQuoteMinor,
                        BigInteger tradedLots, BigInteger tradedQuoteMinor) {

    public OrderFill {
        Objects.requireNonNull(tradedLots, "tradedLots");
        Objects.requireNonNull(tradedQuoteMinor, "tradedQuoteMinor");
    }

    /** Whether the order's trades sum to exactly its recorded fill. */
    public boolean tradesMatchTheFill() {
        return tradedLots.equals(BigInteger.valueOf(filledLots))
                && tradedQuoteMinor.equals(BigInteger.valueOf(filledQuoteMinor));
    }
}
