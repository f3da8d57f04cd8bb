package io.tokenized.trading.core.port;

import io.tokenized.trading.core.book.Side;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code trades}. Trades of one command share its sequence; their ids increase in execution
 * order, so the last trade of a market is the one with the highest (sequence, id).
 *
 * @param priceTicks    the maker's price in ticks
 * @param quantityLots  the traded quantity in lots
 * @param quoteMinor    price x quantity in quote minor units, fees not included
 * @param makerFeeMinor the fee the maker paid, quote minor units (0 or more)
 * @param takerFeeMinor the fee the taker paid, quote minor units (0 or more)
 */
public record TradeRecord(UUID id, String assetId, long sequence, long priceTicks, long quantityLots, long quoteMinor,
                          UUID makerOrderId, UUID takerOrderId, String makerUserId, String takerUserId,
                          Side takerSide, long makerFeeMinor, long takerFeeMinor, Instant executedAt) {
    public TradeRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(makerOrderId, "makerOrderId");
        Objects.requireNonNull(takerOrderId, "takerOrderId");
        Objects.requireNonNull(makerUserId, "makerUserId");
        Objects.requireNonNull(takerUserId, "takerUserId");
        Objects.requireNonNull(takerSide, "takerSide");
        Objects.requireNonNull(executedAt, "executedAt");
        if (sequence <= 0 || priceTicks <= 0 || quantityLots <= 0 || quoteMinor <= 0 || makerFeeMinor < 0
                || takerFeeMinor < 0) {
            throw new IllegalArgumentException("invalid trade values in " + id);
        }
    }

    /** The buyer's order id. */
    public UUID buyOrderId() {
        return takerSide == Side.BUY ? takerOrderId : makerOrderId;
    }

    /** The seller's order id. */
    public UUID sellOrderId() {
        return takerSide == Side.BUY ? makerOrderId : takerOrderId;
    }
}
