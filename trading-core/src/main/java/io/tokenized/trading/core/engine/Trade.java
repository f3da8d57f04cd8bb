package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.market.MarketRules;
import io.tokenized.trading.core.port.TradeRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A trade as the host sees it, converting the stored record on access. Immutable. */
public final class Trade {
    private final TradeRecord record;
    private final MarketRules rules;

    Trade(TradeRecord record, MarketRules rules) {
        this.record = Objects.requireNonNull(record, "record");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public UUID id() {
        return record.id();
    }

    public String assetId() {
        return record.assetId();
    }

    /** The market sequence of the command that traded. */
    public long sequence() {
        return record.sequence();
    }

    /** The maker's price. */
    public BigDecimal price() {
        return rules.price(record.priceTicks());
    }

    public BigDecimal quantity() {
        return rules.quantity(record.quantityLots());
    }

    /** Price x quantity in the quote asset, fees not included. */
    public BigDecimal quoteAmount() {
        return rules.quoteAmount(record.quoteMinor());
    }

    public UUID makerOrderId() {
        return record.makerOrderId();
    }

    public UUID takerOrderId() {
        return record.takerOrderId();
    }

    public String makerUserId() {
        return record.makerUserId();
    }

    public String takerUserId() {
        return record.takerUserId();
    }

    public Side takerSide() {
        return record.takerSide();
    }

    public BigDecimal makerFee() {
        return rules.quoteAmount(record.makerFeeMinor());
    }

    public BigDecimal takerFee() {
        return rules.quoteAmount(record.takerFeeMinor());
    }

    public Instant executedAt() {
        return record.executedAt();
    }

    /** The stored record behind this view. */
    public TradeRecord record() {
        return record;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Trade trade && trade.record.equals(record);
    }

    @Override
    public int hashCode() {
        return record.hashCode();
    }

    @Override
    public String toString() {
        return "Trade[" + record.assetId() + " #" + record.sequence() + " " + quantity().toPlainString() + " @ "
                + price().toPlainString() + " taker " + record.takerUserId() + " " + record.takerSide() + ", maker "
                + record.makerUserId() + "]";
    }
}
