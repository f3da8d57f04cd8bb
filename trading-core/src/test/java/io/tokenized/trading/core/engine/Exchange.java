package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.ledger.Balance;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.memory.InMemoryTradingStore;
import io.tokenized.trading.core.port.TradingStore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: an engine on an in-memory store with USD (2 decimals) and the ACME market (tick 0.01,
 * lot 1, maker 10 bps, taker 20 bps), users alice, bob, carol and the fee account "fees".
 */
final class Exchange {
    static final String USD = "USD";
    static final String ACME = "ACME";
    static final String FEES = "fees";

    final InMemoryTradingStore store = new InMemoryTradingStore();
    final List<TradingEvent> events = new ArrayList<>();
    final TradingEngine engine;
    private final AtomicLong keys = new AtomicLong();

    private Exchange(int makerBps, int takerBps) {
        for (String user : List.of("alice", "bob", "carol", FEES)) {
            store.registerUser(user);
        }
        engine = TradingEngine.builder().store(store).feeAccount(FEES).clock(fixedClock())
                .listener(events::add).build();
        assertThat(engine.createAsset(Asset.cash(USD, "US dollar", 2))).isInstanceOf(AssetResult.Done.class);
        assertThat(engine.createAsset(Asset.token(ACME, "Acme share", 0, USD, new BigDecimal("0.01"), BigDecimal.ONE,
                BigDecimal.ONE, makerBps, takerBps))).isInstanceOf(AssetResult.Done.class);
    }

    static Exchange withFees(int makerBps, int takerBps) {
        return new Exchange(makerBps, takerBps);
    }

    static Exchange standard() {
        return new Exchange(10, 20);
    }

    static InstantSource fixedClock() {
        return InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    }

    static TradingEngine engineOn(TradingStore store) {
        return TradingEngine.builder().store(store).feeAccount(FEES).build();
    }

    Exchange fund(String user, String asset, String amount) {
        TransferResult result = engine.deposit(user, asset, new BigDecimal(amount), "fund-" + keys.incrementAndGet());
        assertThat(result).isInstanceOf(TransferResult.Completed.class);
        return this;
    }

    Order placed(PlaceResult result) {
        assertThat(result).isInstanceOf(PlaceResult.Placed.class);
        return ((PlaceResult.Placed) result).order();
    }

    Order limit(String user, Side side, String price, String quantity) {
        return placed(engine.placeOrder(PlaceOrder.limit(user, ACME, side, new BigDecimal(price), new BigDecimal(quantity))));
    }

    Balance balance(String user, String asset) {
        return engine.balance(user, asset);
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    void assertAuditClean() {
        AuditReport report = engine.audit();
        assertThat(report.isClean()).as(report.toString()).isTrue();
    }
}
