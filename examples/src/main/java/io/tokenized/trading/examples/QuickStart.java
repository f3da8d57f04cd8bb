package io.tokenized.trading.examples;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.memory.InMemoryTradingStore;
import java.math.BigDecimal;
import java.util.List;

/**
 * The README's quick start, compiled and run by the build (QuickStartTest), and compared with the README
 * (ReadmeQuickStartTest): the region between the markers is what the README shows. Stateless.
 */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) {
        // quick-start:begin
        InMemoryTradingStore store = new InMemoryTradingStore(); // or JdbiTradingStore on PostgreSQL
        List.of("alice", "bob", "fees").forEach(store::registerUser); // your auth system's user ids
        TradingEngine engine = TradingEngine.builder().store(store).feeAccount("fees").build();
        engine.createAsset(Asset.cash("USD", "US dollar", 2));
        engine.createAsset(Asset.token("ACME", "Acme tokenized share", 0, "USD",
                new BigDecimal("0.01"), BigDecimal.ONE, BigDecimal.ONE, 10, 20)); // tick, lot, min, fees in bps
        engine.deposit("alice", "USD", new BigDecimal("1000.00"), "deposit-1");
        engine.deposit("bob", "ACME", new BigDecimal("10"), "deposit-2");
        engine.placeOrder(PlaceOrder.limit("bob", "ACME", Side.SELL, new BigDecimal("25.00"), new BigDecimal("4")));
        PlaceResult result = engine.placeOrder(
                PlaceOrder.limit("alice", "ACME", Side.BUY, new BigDecimal("25.00"), new BigDecimal("4")));
        if (result instanceof PlaceResult.Placed placed) {
            placed.trades().forEach(trade -> System.out.println(trade.quantity() + " ACME at "
                    + trade.price() + " USD, taker fee " + trade.takerFee()));
        }
        // quick-start:end
    }
}
