package io.tokenized.trading.core.market;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An asset of the ledger, as the {@code tokenized_assets} table holds it: a cash asset (USD) or a token
 * (ACME) with its market rules against a cash quote asset. Amounts of the asset are kept as {@code long}
 * minor units of its {@code scale} (scale 2: one minor unit is 0.01).
 *
 * <p>The constructor rejects values that are wrong on their own ({@link IllegalArgumentException});
 * rules that depend on the quote asset are checked by {@link MarketRules#check}. Decimal fields are
 * normalised (trailing zeros stripped) so that equal assets are equal records. Immutable.
 *
 * @param id           the asset code: upper-case letters and digits, e.g. {@code USD}, {@code ACME}
 * @param kind         cash or token
 * @param name         a human-readable name
 * @param scale        decimal places of one minor unit, 0 to 18
 * @param quoteAssetId the cash asset a token trades against; null for cash
 * @param tickSize     the price increment, in quote asset per one unit of the token; null for cash
 * @param lotSize      the quantity increment, in token units; null for cash
 * @param minQuantity  the smallest order quantity, a multiple of the lot size; null for cash
 * @param makerFeeBps  the fee a resting order pays on its fills, in basis points (0 to 10,000)
 * @param takerFeeBps  the fee a taking order pays on its fills, in basis points (0 to 10,000)
 * @param status       whether the market trades; always ACTIVE for cash
 */
public record Asset(String id, AssetKind kind, String name, int scale, String quoteAssetId, BigDecimal tickSize,
                    BigDecimal lotSize, BigDecimal minQuantity, int makerFeeBps, int takerFeeBps,
                    MarketStatus status) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{0,31}");
    /** The largest fee rate: 100 %. */
    public static final int MAX_FEE_BPS = 10_000;

    public Asset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if (!CODE.matcher(id).matches()) {
            throw new IllegalArgumentException("an asset code is 1-32 upper-case letters and digits: " + id);
        }
        if (scale < 0 || scale > 18) {
            throw new IllegalArgumentException("scale must be 0 to 18: " + scale);
        }
        if (kind == AssetKind.CASH) {
            if (quoteAssetId != null || tickSize != null || lotSize != null || minQuantity != null
                    || makerFeeBps != 0 || takerFeeBps != 0 || status != MarketStatus.ACTIVE) {
                throw new IllegalArgumentException("a cash asset has no market rules: " + id);
            }
        } else {
            Objects.requireNonNull(quoteAssetId, "quoteAssetId");
            if (quoteAssetId.equals(id)) {
                throw new IllegalArgumentException("a token cannot quote itself: " + id);
            }
            tickSize = positive(tickSize, "tickSize");
            lotSize = positive(lotSize, "lotSize");
            minQuantity = positive(minQuantity, "minQuantity");
            if (makerFeeBps < 0 || makerFeeBps > MAX_FEE_BPS || takerFeeBps < 0 || takerFeeBps > MAX_FEE_BPS) {
                throw new IllegalArgumentException("fee rates must be 0 to 10000 basis points");
            }
        }
    }

    /** A cash asset such as USD with {@code scale} decimal places. */
    public static Asset cash(String id, String name, int scale) {
        return new Asset(id, AssetKind.CASH, name, scale, null, null, null, null, 0, 0, MarketStatus.ACTIVE);
    }

    /**
     * A token traded against {@code quoteAssetId}, its market ACTIVE.
     *
     * @param tickSize    price increment in quote units, e.g. {@code 0.01}
     * @param lotSize     quantity increment in token units, e.g. {@code 1}
     * @param minQuantity smallest order quantity, a multiple of {@code lotSize}
     */
    public static Asset token(String id, String name, int scale, String quoteAssetId, BigDecimal tickSize,
                              BigDecimal lotSize, BigDecimal minQuantity, int makerFeeBps, int takerFeeBps) {
        return new Asset(id, AssetKind.TOKEN, name, scale, quoteAssetId, tickSize, lotSize, minQuantity, makerFeeBps,
                takerFeeBps, MarketStatus.ACTIVE);
    }

    /** The same asset with another market status. */
    public Asset withStatus(MarketStatus newStatus) {
        return new Asset(id, kind, name, scale, quoteAssetId, tickSize, lotSize, minQuantity, makerFeeBps, takerFeeBps,
                newStatus);
    }

    /** Whether the asset has a market (it is a token). */
    public boolean isMarket() {
        return kind == AssetKind.TOKEN;
    }

    /** {@code minor} minor units as a decimal amount of this asset. */
    public BigDecimal amount(long minor) {
        return BigDecimal.valueOf(minor, scale);
    }

    /**
     * A decimal amount of this asset in minor units, exactly: a positive result, or a negative rejection
     * code that {@link MarketRules#rejection(long)} decodes (INVALID_AMOUNT for zero or negative,
     * TOO_MANY_DECIMALS, OVERFLOW).
     */
    public long minorUnits(BigDecimal amount) {
        return MarketRules.positiveUnits(amount, scale, io.tokenized.trading.core.RejectReason.INVALID_AMOUNT);
    }

    private static BigDecimal positive(BigDecimal value, String field) {
        Objects.requireNonNull(value, field);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
        return normalised(value);
    }

    static BigDecimal normalised(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
