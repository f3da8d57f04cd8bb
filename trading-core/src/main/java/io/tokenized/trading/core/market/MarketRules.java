package io.tokenized.trading.core.market;

import io.tokenized.trading.core.RejectReason;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A token's market rules compiled against its quote asset: the integer factors that turn the book's
 * ticks and lots into minor units, and exact conversions between decimals and those units.
 *
 * <p>Units: a price is a whole number of ticks ({@code tickSize} quote units per token unit), a quantity
 * a whole number of lots ({@code lotSize} token units). The rules are valid only when one tick times one
 * lot is a whole number of quote minor units and one lot a whole number of token minor units, so every
 * {@code price x quantity} is exact in quote minor units; {@link #check} enforces this at creation.
 *
 * <p>Parsing methods never throw on bad input and never allocate more than one temporary: they return
 * a positive value, or a negative code that {@link #rejection(long)} turns into the reason. Immutable.
 */
public final class MarketRules {
    private final Asset token;
    private final Asset quote;
    private final long quoteMinorPerTickLot;
    private final long baseMinorPerLot;
    private final long minLots;
    private final int tickScale;
    private final long tickUnits;

    private MarketRules(Asset token, Asset quote, long quoteMinorPerTickLot, long baseMinorPerLot, long minLots) {
        this.token = token;
        this.quote = quote;
        this.quoteMinorPerTickLot = quoteMinorPerTickLot;
        this.baseMinorPerLot = baseMinorPerLot;
        this.minLots = minLots;
        this.tickScale = token.tickSize().scale();
        this.tickUnits = token.tickSize().unscaledValue().longValueExact();
    }

    /**
     * Why {@code token} cannot be a market against {@code quote}, or empty when it can: the quote must be
     * the cash asset the token names; one tick x one lot must be a whole number (at least one) of quote
     * minor units, one lot a whole number of token minor units, the minimum a whole number of lots.
     */
    public static Optional<RejectReason> check(Asset token, Asset quote) {
        Objects.requireNonNull(token, "token");
        if (!token.isMarket()) {
            return Optional.of(RejectReason.NOT_A_MARKET);
        }
        if (quote == null || !quote.id().equals(token.quoteAssetId())) {
            return Optional.of(RejectReason.UNKNOWN_ASSET);
        }
        if (quote.isMarket()) {
            return Optional.of(RejectReason.INVALID_MARKET_RULES);
        }
        long perTickLot = wholeUnits(token.tickSize().multiply(token.lotSize()), quote.scale());
        long perLot = wholeUnits(token.lotSize(), token.scale());
        BigDecimal[] lots = token.minQuantity().divideAndRemainder(token.lotSize());
        boolean tickFits = token.tickSize().scale() <= 18
                && token.tickSize().unscaledValue().bitLength() < 63;
        if (perTickLot < 1 || perLot < 1 || lots[1].signum() != 0 || lots[0].compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || !tickFits) {
            return Optional.of(RejectReason.INVALID_MARKET_RULES);
        }
        return Optional.empty();
    }

    /**
     * The compiled rules of a market.
     *
     * @throws IllegalArgumentException when {@link #check} refuses them
     */
    public static MarketRules of(Asset token, Asset quote) {
        Optional<RejectReason> refusal = check(token, quote);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException("invalid market " + token.id() + ": " + refusal.get());
        }
        return new MarketRules(token, quote,
                wholeUnits(token.tickSize().multiply(token.lotSize()), quote.scale()),
                wholeUnits(token.lotSize(), token.scale()),
                token.minQuantity().divide(token.lotSize()).longValueExact());
    }

    /** The same rules for the token with a changed status (the factors depend only on sizes and scales). */
    public MarketRules withToken(Asset changedToken) {
        if (!changedToken.id().equals(token.id()) || !changedToken.tickSize().equals(token.tickSize())
                || !changedToken.lotSize().equals(token.lotSize()) || changedToken.scale() != token.scale()) {
            throw new IllegalArgumentException("market rules of " + token.id() + " cannot change sizes");
        }
        return new MarketRules(changedToken, quote, quoteMinorPerTickLot, baseMinorPerLot, minLots);
    }

    public Asset token() {
        return token;
    }

    public Asset quote() {
        return quote;
    }

    /** Quote minor units of one tick times one lot: {@code quote = ticks x lots x quoteMinorPerTickLot}. */
    public long quoteMinorPerTickLot() {
        return quoteMinorPerTickLot;
    }

    /** Token minor units in one lot. */
    public long baseMinorPerLot() {
        return baseMinorPerLot;
    }

    /** The minimum order quantity in lots. */
    public long minLots() {
        return minLots;
    }

    /** A price in ticks as a decimal in quote units. */
    public BigDecimal price(long ticks) {
        return BigDecimal.valueOf(ticks).multiply(token.tickSize());
    }

    /** A quantity in lots as a decimal in token units. */
    public BigDecimal quantity(long lots) {
        return token.amount(Math.multiplyExact(lots, baseMinorPerLot));
    }

    /** Quote minor units as a decimal amount of the quote asset. */
    public BigDecimal quoteAmount(long minor) {
        return quote.amount(minor);
    }

    /** A quantity in lots as token minor units (overflow-checked). */
    public long baseMinor(long lots) {
        return Math.multiplyExact(lots, baseMinorPerLot);
    }

    /** A decimal price in ticks: positive, or a rejection code (INVALID_PRICE, OFF_TICK, OVERFLOW). */
    public long priceTicks(BigDecimal price) {
        long units = positiveUnits(price, tickScale, RejectReason.INVALID_PRICE);
        if (units == code(RejectReason.TOO_MANY_DECIMALS) || (units > 0 && units % tickUnits != 0)) {
            return code(RejectReason.OFF_TICK);
        }
        return units < 0 ? units : units / tickUnits;
    }

    /**
     * A decimal quantity in lots: positive, or a rejection code (INVALID_QUANTITY, TOO_MANY_DECIMALS,
     * OFF_LOT, BELOW_MIN_QUANTITY, OVERFLOW).
     */
    public long quantityLots(BigDecimal quantity) {
        long units = positiveUnits(quantity, token.scale(), RejectReason.INVALID_QUANTITY);
        if (units < 0) {
            return units;
        }
        if (units % baseMinorPerLot != 0) {
            return code(RejectReason.OFF_LOT);
        }
        long lots = units / baseMinorPerLot;
        return lots < minLots ? code(RejectReason.BELOW_MIN_QUANTITY) : lots;
    }

    /** A decimal quote amount in minor units: positive, or a rejection code (as {@link Asset#minorUnits}). */
    public long quoteMinor(BigDecimal amount) {
        return quote.minorUnits(amount);
    }

    /** Whether a value returned by a parsing method is a rejection code. */
    public static boolean isRejection(long parsed) {
        return parsed < 0;
    }

    /** The reason a parsing method encoded in a negative result. */
    public static RejectReason rejection(long code) {
        if (code >= 0) {
            throw new IllegalArgumentException("not a rejection code: " + code);
        }
        return RejectReason.values()[(int) (-1 - code)];
    }

    static long code(RejectReason reason) {
        return -1L - reason.ordinal();
    }

    /** {@code value x 10^scale} as a positive long, or the code of {@code invalid}, TOO_MANY_DECIMALS, OVERFLOW. */
    static long positiveUnits(BigDecimal value, int scale, RejectReason invalid) {
        if (value == null || value.signum() <= 0) {
            return code(invalid);
        }
        try {
            return value.movePointRight(scale).longValueExact();
        } catch (ArithmeticException notExact) {
            return value.stripTrailingZeros().scale() > scale ? code(RejectReason.TOO_MANY_DECIMALS)
                    : code(RejectReason.OVERFLOW);
        }
    }

    /** {@code value x 10^scale} when it is a whole number that fits a long, else 0. */
    private static long wholeUnits(BigDecimal value, int scale) {
        BigDecimal scaled = value.movePointRight(scale).stripTrailingZeros();
        if (scaled.scale() > 0 || scaled.precision() - scaled.scale() > 18) {
            return 0;
        }
        return scaled.longValueExact();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MarketRules rules && rules.token.equals(token) && rules.quote.equals(quote);
    }

    @Override
    public int hashCode() {
        return token.hashCode() * 31 + quote.hashCode();
    }

    @Override
    public String toString() {
        return "MarketRules[" + token.id() + "/" + quote.id() + ", tick=" + token.tickSize().toPlainString()
                + ", lot=" + token.lotSize().toPlainString() + ", quoteMinorPerTickLot=" + quoteMinorPerTickLot
                + ", baseMinorPerLot=" + baseMinorPerLot + ", minLots=" + minLots + "]";
    }
}
