package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.order.OrderType;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A request to place one order. Build it with a factory that says the intent, then adjust it with the
 * {@code with...} methods: {@code PlaceOrder.limit("alice", "ACME", Side.BUY, price, qty).withClientOrderId("a-1")}.
 * Amounts are decimals in the asset's units; the engine rejects values that are not exact for the market.
 *
 * @param price       the limit price (LIMIT, STOP_LIMIT); null otherwise
 * @param stopPrice   the trigger price (STOP_LIMIT, STOP_MARKET); null otherwise
 * @param quantity    the quantity in token units; null for a buy sized by budget
 * @param quoteBudget what a MARKET or STOP_MARKET buy may spend, fees included; null when sized by quantity
 */
public record PlaceOrder(String userId, String assetId, Side side, OrderType type, BigDecimal price,
                         BigDecimal stopPrice, BigDecimal quantity, BigDecimal quoteBudget, TimeInForce timeInForce,
                         boolean postOnly, SelfTradePrevention selfTradePrevention, String clientOrderId)
        implements OrderCommand {
    public PlaceOrder {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
    }

    /** A GTC limit order. */
    public static PlaceOrder limit(String userId, String assetId, Side side, BigDecimal price, BigDecimal quantity) {
        return new PlaceOrder(userId, assetId, side, OrderType.LIMIT, price, null, quantity, null, TimeInForce.GTC,
                false, SelfTradePrevention.CANCEL_TAKER, null);
    }

    /** An IOC market order sized by quantity. */
    public static PlaceOrder market(String userId, String assetId, Side side, BigDecimal quantity) {
        return new PlaceOrder(userId, assetId, side, OrderType.MARKET, null, null, quantity, null, TimeInForce.IOC,
                false, SelfTradePrevention.CANCEL_TAKER, null);
    }

    /** An IOC market buy that spends at most {@code quoteBudget}, fees included, on whole lots. */
    public static PlaceOrder marketBuyWithBudget(String userId, String assetId, BigDecimal quoteBudget) {
        return new PlaceOrder(userId, assetId, Side.BUY, OrderType.MARKET, null, null, null, quoteBudget,
                TimeInForce.IOC, false, SelfTradePrevention.CANCEL_TAKER, null);
    }

    /** A stop that enters as a GTC limit order at {@code limitPrice} once the last trade crosses {@code stopPrice}. */
    public static PlaceOrder stopLimit(String userId, String assetId, Side side, BigDecimal stopPrice,
                                       BigDecimal limitPrice, BigDecimal quantity) {
        return new PlaceOrder(userId, assetId, side, OrderType.STOP_LIMIT, limitPrice, stopPrice, quantity, null,
                TimeInForce.GTC, false, SelfTradePrevention.CANCEL_TAKER, null);
    }

    /** A stop sell that enters as a market order by quantity once the last trade is at or below {@code stopPrice}. */
    public static PlaceOrder stopMarketSell(String userId, String assetId, BigDecimal stopPrice, BigDecimal quantity) {
        return new PlaceOrder(userId, assetId, Side.SELL, OrderType.STOP_MARKET, null, stopPrice, quantity, null,
                TimeInForce.IOC, false, SelfTradePrevention.CANCEL_TAKER, null);
    }

    /**
     * A stop buy that enters as a market buy spending at most {@code quoteBudget} (fees included) once the
     * last trade is at or above {@code stopPrice}; the budget is reserved from placement.
     */
    public static PlaceOrder stopMarketBuyWithBudget(String userId, String assetId, BigDecimal stopPrice,
                                                     BigDecimal quoteBudget) {
        return new PlaceOrder(userId, assetId, Side.BUY, OrderType.STOP_MARKET, null, stopPrice, null, quoteBudget,
                TimeInForce.IOC, false, SelfTradePrevention.CANCEL_TAKER, null);
    }

    public PlaceOrder withTimeInForce(TimeInForce newTimeInForce) {
        return new PlaceOrder(userId, assetId, side, type, price, stopPrice, quantity, quoteBudget, newTimeInForce,
                postOnly, selfTradePrevention, clientOrderId);
    }

    /** The order may only rest, never take (GTC limit orders only). */
    public PlaceOrder withPostOnly() {
        return new PlaceOrder(userId, assetId, side, type, price, stopPrice, quantity, quoteBudget, timeInForce, true,
                selfTradePrevention, clientOrderId);
    }

    public PlaceOrder withSelfTradePrevention(SelfTradePrevention mode) {
        return new PlaceOrder(userId, assetId, side, type, price, stopPrice, quantity, quoteBudget, timeInForce,
                postOnly, mode, clientOrderId);
    }

    /** The caller's id for this order, unique per user: placing it again returns the first result. */
    public PlaceOrder withClientOrderId(String id) {
        return new PlaceOrder(userId, assetId, side, type, price, stopPrice, quantity, quoteBudget, timeInForce,
                postOnly, selfTradePrevention, id);
    }
}
