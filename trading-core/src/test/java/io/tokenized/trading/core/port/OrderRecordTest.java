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
                TimeInForce.IOC, false, SelfTradePrevention.CANCEL_TAKER, 0, 0, 0, 0, 5000, 0, 0, 5000, "USD",
                OrderStatus.OPEN, null, null, 1, 0, Instant.EPOCH, Instant.EPOCH);

        assertThat(budget.requestedLots()).isZero();
        assertThat(budget.remainingLots()).isZero();
    }

    private static OrderRecord limitBuy(long quantityLots, long requestedLots) {
        return new OrderRecord(UUID.randomUUID(), "alice", "ACME", 2, "c-1", Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, false, SelfTradePrevention.CANCEL_TAKER, 100, 0, quantityLots, requestedLots, 0, 0, 0,
                100 * quantityLots, "USD", OrderStatus.OPEN, null, null, 1, 1, Instant.EPOCH, Instant.EPOCH);
    }
}
