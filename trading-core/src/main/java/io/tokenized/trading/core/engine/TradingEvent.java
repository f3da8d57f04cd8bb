package io.tokenized.trading.core.engine;

import java.math.BigDecimal;
import java.util.Objects;

/** Something that changed, published to {@link TradingListener}s after it was committed. */
public sealed interface TradingEvent {

    /** An order was placed or changed; {@code order} is its new state. */
    record OrderUpdated(Order order) implements TradingEvent {
        public OrderUpdated {
            Objects.requireNonNull(order, "order");
        }
    }

    /** A trade executed. */
    record TradeExecuted(Trade trade) implements TradingEvent {
        public TradeExecuted {
            Objects.requireNonNull(trade, "trade");
        }
    }

    /** A balance changed by these signed amounts. */
    record BalanceChanged(String userId, String assetId, BigDecimal availableChange, BigDecimal lockedChange)
            implements TradingEvent {
        public BalanceChanged {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(availableChange, "availableChange");
            Objects.requireNonNull(lockedChange, "lockedChange");
        }
    }
}
