package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.memory.InMemoryTradingStore;
import io.tokenized.trading.core.order.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick start as a host would write it; keep it in step with the README. */
class QuickStartTest {

    @Test
    void theQuickStartTradesOneShare() {
        InMemoryTradingStore store = new InMemoryTradingStore();
        store.registerUser("alice");
        store.registerUser("bob");
        store.registerUser("fees");
        TradingEngine engine = TradingEngine.builder().store(store).feeAccount("fees").build();
        engine.createAsset(Asset.cash("USD", "US dollar", 2));
        engine.createAsset(Asset.token("ACME", "Acme share", 0, "USD",
                new BigDecimal("0.01"), BigDecimal.ONE, BigDecimal.ONE, 10, 20));
        engine.deposit("alice", "USD", new BigDecimal("1000.00"), "deposit-1");
        engine.deposit("bob", "ACME", new BigDecimal("10"), "deposit-2");
        engine.placeOrder(PlaceOrder.limit("bob", "ACME", Side.SELL, new BigDecimal("12.50"), BigDecimal.ONE));
        PlaceResult result = engine.placeOrder(
                PlaceOrder.limit("alice", "ACME", Side.BUY, new BigDecimal("12.50"), BigDecimal.ONE));
        if (result instanceof PlaceResult.Placed placed) {
            System.out.println(placed.order().status() + " " + placed.trades());
        }

        assertThat(((PlaceResult.Placed) result).order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(engine.balance("alice", "ACME").available()).isEqualByComparingTo("1");
        assertThat(engine.balance("alice", "USD").available()).isEqualByComparingTo("987.47");
        assertThat(engine.audit().isClean()).isTrue();
    }
}
