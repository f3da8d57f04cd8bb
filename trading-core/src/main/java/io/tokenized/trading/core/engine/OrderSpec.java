package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.OrderRecord;

/**
 * A placement request converted to the book's units and checked for shape. For an OCO pair the fields
 * describe the limit leg, and {@code ocoStopLimitTicks} the stop leg's limit (0: stop-market).
 */
record OrderSpec(String userId, String assetId, Side side, OrderType type, TimeInForce timeInForce, boolean postOnly,
                 SelfTradePrevention selfTradePrevention, long priceTicks, long stopPriceTicks, long quantityLots,
                 long quoteBudgetMinor, String clientOrderId, boolean oco, long ocoStopLimitTicks) {

    /**
     * Whether an order stored under the same client order id came from this very request. Prices and quantity
     * are compared with the ones placed, not the current ones: a move or a reduce since then does not make a
     * retry another request.
     */
    boolean sameRequestAs(OrderRecord existing) {
        return existing.assetId().equals(assetId) && existing.side() == side && existing.type() == type
                && existing.timeInForce() == timeInForce && existing.postOnly() == postOnly
                && existing.selfTradePrevention() == selfTradePrevention
                && existing.requestedPriceTicks() == priceTicks
                && existing.requestedStopPriceTicks() == (oco ? 0 : stopPriceTicks)
                && existing.requestedLots() == quantityLots && existing.quoteBudgetMinor() == quoteBudgetMinor
                && (existing.ocoSiblingId() != null) == oco;
    }
}
