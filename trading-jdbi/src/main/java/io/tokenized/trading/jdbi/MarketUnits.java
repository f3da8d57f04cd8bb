package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.market.MarketRules;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A market's unit conversions between the port (ticks, lots, minor units) and the stored decimals. Built
 * from the token and quote rows, whose sizes and scales never change. Immutable and thread-safe.
 */
final class MarketUnits {

    final Asset token;
    final Asset quote;
    final MarketRules rules;
    private final int tickScale;
    private final long tickUnits;

    MarketUnits(Asset token, Asset quote) {
        this.token = token;
        this.quote = quote;
        this.rules = MarketRules.of(token, quote);
        BigDecimal tick = token.tickSize();
        this.tickScale = Math.max(tick.scale(), 0);
        this.tickUnits = tick.movePointRight(tickScale).longValueExact();
    }

    BigDecimal price(long ticks) {
        return ticks == 0 ? null : rules.price(ticks);
    }

    BigDecimal quantity(long lots) {
        return rules.quantity(lots);
    }

    BigDecimal quote(long minor) {
        return quote.amount(minor);
    }

    /** The scale of the market's asset with this id: the token's or the quote's. */
    Asset assetOf(String assetId) {
        if (token.id().equals(assetId)) {
            return token;
        }
        if (quote.id().equals(assetId)) {
            return quote;
        }
        throw new IllegalStateException(assetId + " is neither " + token.id() + " nor " + quote.id());
    }

    /** The number of decimal places of the tick size: a price times 10^tickScale is a whole number. */
    int tickScale() {
        return tickScale;
    }

    /** A price already scaled by {@link #tickScale()} in ticks. */
    long ticksFromScaled(long scaled) {
        return Units.exactQuotient(scaled, tickUnits, "price");
    }

    /** A quantity in token minor units in lots. */
    long lotsFromMinor(long minor) {
        return Units.exactQuotient(minor, rules.baseMinorPerLot(), "quantity");
    }

    long ticks(String price) {
        return price == null ? 0 : Units.exactQuotient(Units.scaled(price, tickScale), tickUnits, "price " + price);
    }

    long lots(String quantity) {
        return quantity == null ? 0
                : Units.exactQuotient(Units.scaled(quantity, token.scale()), rules.baseMinorPerLot(),
                "quantity " + quantity);
    }

    long quoteMinor(String amount) {
        return amount == null ? 0 : Units.scaled(amount, quote.scale());
    }

    /** {@link #lots} of a sum, which may pass a long. */
    BigInteger lotsExactly(String quantity) {
        if (quantity == null) {
            return BigInteger.ZERO;
        }
        BigInteger[] lotsAndRest = Units.scaledExactly(quantity, token.scale())
                .divideAndRemainder(BigInteger.valueOf(rules.baseMinorPerLot()));
        if (lotsAndRest[1].signum() != 0) {
            throw new IllegalStateException("stored quantity " + quantity + " is not a whole number of its unit");
        }
        return lotsAndRest[0];
    }

    /** {@link #quoteMinor} of a sum, which may pass a long. */
    BigInteger quoteMinorExactly(String amount) {
        return amount == null ? BigInteger.ZERO : Units.scaledExactly(amount, quote.scale());
    }
}
