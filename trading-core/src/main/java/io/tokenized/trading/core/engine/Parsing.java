package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.market.MarketRules;
import io.tokenized.trading.core.order.OrderType;

import java.math.BigDecimal;

/** Converts placement requests to the book's units and checks that their fields fit the order type. Stateless. */
final class Parsing {

    private Parsing() {
    }

    static OrderSpec spec(PlaceOrder r, MarketRules rules) {
        checkClientOrderId(r.clientOrderId());
        Side side = r.side();
        long price = 0;
        long stop = 0;
        long lots = 0;
        long budget = 0;
        switch (r.type()) {
            case LIMIT -> {
                require(r.price() != null && r.quantity() != null && r.stopPrice() == null && r.quoteBudget() == null);
                price = ticks(r.price(), rules);
                lots = lots(r.quantity(), rules);
            }
            case MARKET -> {
                require(r.price() == null && r.stopPrice() == null && r.timeInForce() != TimeInForce.GTC
                        && (r.quantity() == null) != (r.quoteBudget() == null)
                        && (r.quoteBudget() == null || side == Side.BUY));
                lots = r.quantity() == null ? 0 : lots(r.quantity(), rules);
                budget = r.quoteBudget() == null ? 0 : quote(r.quoteBudget(), rules);
            }
            case STOP_LIMIT -> {
                require(r.price() != null && r.stopPrice() != null && r.quantity() != null && r.quoteBudget() == null);
                price = ticks(r.price(), rules);
                stop = ticks(r.stopPrice(), rules);
                lots = lots(r.quantity(), rules);
            }
            case STOP_MARKET -> {
                // A stop-market buy has no price bound: only a budget bounds what it may spend.
                require(r.price() == null && r.stopPrice() != null
                        && (side == Side.BUY ? r.quoteBudget() != null && r.quantity() == null
                                             : r.quantity() != null && r.quoteBudget() == null));
                stop = ticks(r.stopPrice(), rules);
                lots = r.quantity() == null ? 0 : lots(r.quantity(), rules);
                budget = r.quoteBudget() == null ? 0 : quote(r.quoteBudget(), rules);
            }
        }
        require(!r.postOnly() || (r.type() == OrderType.LIMIT && r.timeInForce() == TimeInForce.GTC));
        return new OrderSpec(r.userId(), r.assetId(), side, r.type(), r.timeInForce(), r.postOnly(),
                r.selfTradePrevention(), price, stop, lots, budget, r.clientOrderId(), false, 0);
    }

    static OrderSpec spec(PlaceOco r, MarketRules rules) {
        checkClientOrderId(r.clientOrderId());
        require(r.quantity() != null && r.limitPrice() != null && r.stopPrice() != null
                && (r.side() == Side.SELL || r.stopLimitPrice() != null));
        long limit = ticks(r.limitPrice(), rules);
        long stop = ticks(r.stopPrice(), rules);
        long stopLimit = r.stopLimitPrice() == null ? 0 : ticks(r.stopLimitPrice(), rules);
        long lots = lots(r.quantity(), rules);
        return new OrderSpec(r.userId(), r.assetId(), r.side(), OrderType.LIMIT, TimeInForce.GTC, false,
                r.selfTradePrevention(), limit, stop, lots, 0, r.clientOrderId(), true, stopLimit);
    }

    private static void checkClientOrderId(String clientOrderId) {
        require(clientOrderId == null || (!clientOrderId.isBlank() && clientOrderId.length() <= 128));
    }

    private static void require(boolean wellFormed) {
        if (!wellFormed) {
            throw new Refusal(RejectReason.INVALID_ORDER);
        }
    }

    private static long ticks(BigDecimal price, MarketRules rules) {
        return parsed(rules.priceTicks(price));
    }

    private static long lots(BigDecimal quantity, MarketRules rules) {
        return parsed(rules.quantityLots(quantity));
    }

    private static long quote(BigDecimal amount, MarketRules rules) {
        return parsed(rules.quoteMinor(amount));
    }

    private static long parsed(long value) {
        if (MarketRules.isRejection(value)) {
            throw new Refusal(MarketRules.rejection(value));
        }
        return value;
    }

    /** A request refused while parsing; caught by the engine, never thrown to callers. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient RejectReason reason;

        Refusal(RejectReason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }
}
