package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A request to place a one-cancels-other pair: a GTC limit order and a stop of the same side and
 * quantity. The first fill of either leg, or the stop's trigger, cancels the other. The worst case of
 * both legs is reserved from placement; a buy pair needs a stop-limit leg (a bounded price).
 *
 * @param stopLimitPrice the stop leg's limit price; null makes it a stop-market leg (sells only)
 */
public record PlaceOco(String userId, String assetId, Side side, BigDecimal quantity, BigDecimal limitPrice,
                       BigDecimal stopPrice, BigDecimal stopLimitPrice, SelfTradePrevention selfTradePrevention,
                       String clientOrderId) implements OrderCommand {
    public PlaceOco {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
    }

    public static PlaceOco of(String userId, String assetId, Side side, BigDecimal quantity, BigDecimal limitPrice,
                              BigDecimal stopPrice, BigDecimal stopLimitPrice) {
        return new PlaceOco(userId, assetId, side, quantity, limitPrice, stopPrice, stopLimitPrice,
                SelfTradePrevention.CANCEL_TAKER, null);
    }

    public PlaceOco withClientOrderId(String id) {
        return new PlaceOco(userId, assetId, side, quantity, limitPrice, stopPrice, stopLimitPrice,
                selfTradePrevention, id);
    }

    public PlaceOco withSelfTradePrevention(SelfTradePrevention mode) {
        return new PlaceOco(userId, assetId, side, quantity, limitPrice, stopPrice, stopLimitPrice, mode,
                clientOrderId);
    }
}
