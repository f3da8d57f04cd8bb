package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.market.MarketRules;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.OrderRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An order as the host sees it: decimals in the assets' units. It wraps the stored record and converts
 * on access, so commands that nobody inspects allocate no decimals. Immutable.
 */
public final class Order {
    private final OrderRecord record;
    private final MarketRules rules;

    Order(OrderRecord record, MarketRules rules) {
        this.record = Objects.requireNonNull(record, "record");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public UUID id() {
        return record.id();
    }

    public String userId() {
        return record.userId();
    }

    public String assetId() {
        return record.assetId();
    }

    /** The owner's client order id, or null. */
    public String clientOrderId() {
        return record.clientOrderId();
    }

    public Side side() {
        return record.side();
    }

    public OrderType type() {
        return record.type();
    }

    public TimeInForce timeInForce() {
        return record.timeInForce();
    }

    public boolean postOnly() {
        return record.postOnly();
    }

    public SelfTradePrevention selfTradePrevention() {
        return record.selfTradePrevention();
    }

    /** The limit price, or null for market and stop-market orders. */
    public BigDecimal price() {
        return record.priceTicks() == 0 ? null : rules.price(record.priceTicks());
    }

    /** The stop price, or null when it is not a stop order. */
    public BigDecimal stopPrice() {
        return record.stopPriceTicks() == 0 ? null : rules.price(record.stopPriceTicks());
    }

    /**
     * The limit price as placed, or null for market and stop-market orders; {@link #price()} differs from it
     * only after a move.
     */
    public BigDecimal requestedPrice() {
        return record.requestedPriceTicks() == 0 ? null : rules.price(record.requestedPriceTicks());
    }

    /**
     * The stop price as placed, or null when it is not a stop order; {@link #stopPrice()} differs from it
     * only after a move of the pending stop.
     */
    public BigDecimal requestedStopPrice() {
        return record.requestedStopPriceTicks() == 0 ? null : rules.price(record.requestedStopPriceTicks());
    }

    /** The total quantity (filled plus remaining), or null for a buy sized by budget. */
    public BigDecimal quantity() {
        return record.quantityLots() == 0 ? null : rules.quantity(record.quantityLots());
    }

    /**
     * The quantity as placed, or null for a buy sized by budget; {@link #quantity()} differs from it only
     * after a reduce.
     */
    public BigDecimal requestedQuantity() {
        return record.requestedLots() == 0 ? null : rules.quantity(record.requestedLots());
    }

    /** What a buy sized by budget may spend (fees included), or null. */
    public BigDecimal quoteBudget() {
        return record.quoteBudgetMinor() == 0 ? null : rules.quoteAmount(record.quoteBudgetMinor());
    }

    public BigDecimal filledQuantity() {
        return rules.quantity(record.filledLots());
    }

    /** The quote value of the fills, fees not included. */
    public BigDecimal filledQuote() {
        return rules.quoteAmount(record.filledQuoteMinor());
    }

    /** What is left to fill (0 for a buy sized by budget). */
    public BigDecimal remainingQuantity() {
        return rules.quantity(record.remainingLots());
    }

    /** What is still reserved for the order, in {@link #lockedAssetId()}. */
    public BigDecimal locked() {
        return record.lockedAssetId().equals(rules.quote().id()) ? rules.quoteAmount(record.lockedMinor())
                : rules.token().amount(record.lockedMinor());
    }

    public String lockedAssetId() {
        return record.lockedAssetId();
    }

    public OrderStatus status() {
        return record.status();
    }

    /** Why a cancelled order ended, or null. */
    public CancelReason cancelReason() {
        return record.cancelReason();
    }

    /** The other leg of its one-cancels-other pair, or null. */
    public UUID ocoSiblingId() {
        return record.ocoSiblingId();
    }

    /** The market sequence of the command that placed it. */
    public long sequence() {
        return record.sequence();
    }

    public Instant createdAt() {
        return record.createdAt();
    }

    public Instant updatedAt() {
        return record.updatedAt();
    }

    /** The stored record behind this view (ticks, lots, minor units). */
    public OrderRecord record() {
        return record;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Order order && order.record.equals(record);
    }

    @Override
    public int hashCode() {
        return record.hashCode();
    }

    @Override
    public String toString() {
        return "Order[" + record.id() + " " + record.userId() + " " + record.side() + " " + record.type() + " "
                + record.assetId() + (record.priceTicks() == 0 ? "" : " @" + price().toPlainString())
                + (record.quantityLots() == 0 ? " budget " + quoteBudget().toPlainString()
                        : " qty " + quantity().toPlainString())
                + " filled " + filledQuantity().toPlainString() + " " + record.status()
                + (record.cancelReason() == null ? "" : " (" + record.cancelReason() + ")") + "]";
    }
}
