package io.tokenized.trading.core.port;

import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderRecordTest {

    @Test
    void aReducedOrderKeepsTheQuantityItWasPlacedWith() {
        OrderRecord reduced = limitBuy(2, 5);

        assertThat(reduced.quantityLots()).isEqualTo(2);
        assertThat(reduced.requestedLots()).isEqualTo(5);
        assertThat(reduced.remainingLots()).isEqualTo(2);
    }

    @Test
    void aQuantityAboveTheRequestedOneIsRefused() {
        assertThatThrownBy(() -> limitBuy(6, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity of 6 lots but requested 5");
    }

    @Test
    void aRequestedQuantityBelongsToOrdersSizedByQuantityOnly() {
        assertThatThrownBy(() -> limitBuy(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limitBuy(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limitBuy(5, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBuySizedByBudgetHasNeitherQuantity() {
        OrderRecord budget = new OrderRecord(UUID.randomUUID(), "alice", "ACME", 2, null, Side.BUY, OrderType.MARKET,
                TimeInForce.IOC, false, SelfTradePrevention.CANCEL_TAKER, 0, 0, 0, 0, 0, 0, 5000, 0, 0, 5000, "USD",
                OrderStatus.OPEN, null, null, 1, 0, Instant.EPOCH, Instant.EPOCH);

        assertThat(budget.requestedLots()).isZero();
        assertThat(budget.remainingLots()).isZero();
    }

    @Test
    void aMovedStopKeepsThePricesItWasPlacedWith() {
        OrderRecord moved = stopLimitBuy(120, 110, 100, 90);

        assertThat(moved.priceTicks()).isEqualTo(120);
        assertThat(moved.stopPriceTicks()).isEqualTo(110);
        assertThat(moved.requestedPriceTicks()).isEqualTo(100);
        assertThat(moved.requestedStopPriceTicks()).isEqualTo(90);
    }

    @Test
    void aRequestedPriceBelongsToOrdersWithThatPriceOnly() {
        assertThatThrownBy(() -> stopLimitBuy(0, 110, 100, 90)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price of 0 ticks but requested 100");
        assertThatThrownBy(() -> stopLimitBuy(120, 110, 0, 90)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stopLimitBuy(120, 0, 100, 90)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stop price of 0 ticks but requested 90");
        assertThatThrownBy(() -> stopLimitBuy(120, 110, 100, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stopLimitBuy(120, 110, -100, 90)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stopLimitBuy(120, 110, 100, -90)).isInstanceOf(IllegalArgumentException.class);
    }

    private static OrderRecord limitBuy(long quantityLots, long requestedLots) {
        return new OrderRecord(UUID.randomUUID(), "alice", "ACME", 2, "c-1", Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, false, SelfTradePrevention.CANCEL_TAKER, 100, 0, quantityLots, requestedLots, 100, 0,
                0, 0, 0, 100 * quantityLots, "USD", OrderStatus.OPEN, null, null, 1, 1, Instant.EPOCH, Instant.EPOCH);
    }

    private static OrderRecord stopLimitBuy(long priceTicks, long stopPriceTicks, long requestedPriceTicks,
                                            long requestedStopPriceTicks) {
        return new OrderRecord(UUID.randomUUID(), "alice", "ACME", 2, "c-1", Side.BUY, OrderType.STOP_LIMIT,
                TimeInForce.GTC, false, SelfTradePrevention.CANCEL_TAKER, priceTicks, stopPriceTicks, 5, 5,
                requestedPriceTicks, requestedStopPriceTicks, 0, 0, 0, 600, "USD", OrderStatus.PENDING, null, null, 1,
                1, Instant.EPOCH, Instant.EPOCH);
    }
}
