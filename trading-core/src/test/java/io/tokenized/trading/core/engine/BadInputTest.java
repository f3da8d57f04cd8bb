package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.JournalTotal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.tokenized.trading.core.engine.Exchange.ACME;
import static io.tokenized.trading.core.engine.Exchange.USD;
import static io.tokenized.trading.core.engine.Exchange.dec;
import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input is a typed rejection that leaves every balance and the journal as they were. */
class BadInputTest {
    private Exchange x;
    private Order resting;

    @BeforeEach
    void aMarketWithOneRestingOrder() {
        x = Exchange.standard().fund("alice", USD, "100.00").fund("bob", ACME, "10");
        resting = x.limit("alice", Side.BUY, "1.00", "5");
    }

    @Test
    void anUnknownUserIsRejected() {
        assertRejectedWithoutTrace(RejectReason.UNKNOWN_USER,
                () -> x.engine.placeOrder(PlaceOrder.limit("mallory", ACME, Side.BUY, dec("1.00"), dec("1"))));
        assertRejectedWithoutTrace(RejectReason.UNKNOWN_USER,
                () -> x.engine.deposit("mallory", USD, dec("1.00"), "m1"));
    }

    @Test
    void anUnknownAssetOrCashAsAMarketIsRejected() {
        assertRejectedWithoutTrace(RejectReason.UNKNOWN_ASSET,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", "NOPE", Side.BUY, dec("1.00"), dec("1"))));
        assertRejectedWithoutTrace(RejectReason.NOT_A_MARKET,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", USD, Side.BUY, dec("1.00"), dec("1"))));
        assertRejectedWithoutTrace(RejectReason.UNKNOWN_ASSET, () -> x.engine.deposit("alice", "NOPE", dec("1"), "n1"));
    }

    @Test
    void anUnknownOrderIsRejected() {
        assertRejectedWithoutTrace(RejectReason.UNKNOWN_ORDER, () -> x.engine.cancelOrder("alice", UUID.randomUUID()));
        assertRejectedWithoutTrace(RejectReason.UNKNOWN_ORDER,
                () -> x.engine.amendOrder(AmendOrder.moveTo("alice", UUID.randomUUID(), dec("1.00"))));
        assertRejectedWithoutTrace(RejectReason.UNKNOWN_ORDER, () -> x.engine.cancelOrderByClientId("alice", "none"));
    }

    @Test
    void insufficientFundsAreRejected() {
        assertRejectedWithoutTrace(RejectReason.INSUFFICIENT_FUNDS,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("100.00"), dec("1"))));
        assertRejectedWithoutTrace(RejectReason.INSUFFICIENT_FUNDS,
                () -> x.engine.placeOrder(PlaceOrder.limit("bob", ACME, Side.SELL, dec("1.00"), dec("11"))));
        assertRejectedWithoutTrace(RejectReason.INSUFFICIENT_FUNDS,
                () -> x.engine.withdraw("alice", USD, dec("95.00"), "w1"));
    }

    @Test
    void amountsThatDoNotFitTheMarketAreRejected() {
        assertRejectedWithoutTrace(RejectReason.OFF_TICK,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.005"), dec("1"))));
        assertRejectedWithoutTrace(RejectReason.TOO_MANY_DECIMALS,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("1.5"))));
        assertRejectedWithoutTrace(RejectReason.TOO_MANY_DECIMALS,
                () -> x.engine.deposit("alice", USD, dec("1.001"), "d1"));
        assertRejectedWithoutTrace(RejectReason.INVALID_PRICE,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("0"), dec("1"))));
        assertRejectedWithoutTrace(RejectReason.INVALID_PRICE,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("-1.00"), dec("1"))));
        assertRejectedWithoutTrace(RejectReason.INVALID_QUANTITY,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("0"))));
        assertRejectedWithoutTrace(RejectReason.INVALID_QUANTITY,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("-3"))));
        assertRejectedWithoutTrace(RejectReason.INVALID_AMOUNT, () -> x.engine.deposit("alice", USD, dec("0"), "d2"));
        assertRejectedWithoutTrace(RejectReason.INVALID_AMOUNT, () -> x.engine.withdraw("alice", USD, dec("-5"), "d3"));
        assertRejectedWithoutTrace(RejectReason.OVERFLOW,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("90000000000000000"),
                        dec("1000000000"))));
        assertRejectedWithoutTrace(RejectReason.OVERFLOW,
                () -> x.engine.deposit("alice", USD, dec("1e30"), "d4"));
    }

    @Test
    void fieldsThatDoNotFitTheOrderTypeAreRejected() {
        assertRejectedWithoutTrace(RejectReason.INVALID_ORDER,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, null, dec("1"))));
        assertRejectedWithoutTrace(RejectReason.INVALID_ORDER,
                () -> x.engine.placeOrder(PlaceOrder.marketBuyWithBudget("alice", ACME, dec("5.00"))
                        .withTimeInForce(io.tokenized.trading.core.book.TimeInForce.GTC)));
        assertRejectedWithoutTrace(RejectReason.INVALID_ORDER,
                () -> x.engine.placeOco(PlaceOco.of("alice", ACME, Side.BUY, dec("1"), dec("1.00"), dec("2.00"), null)));
    }

    @Test
    void aKeyReusedWithAnotherPayloadIsRejected() {
        x.engine.deposit("alice", USD, dec("1.00"), "same");
        assertRejectedWithoutTrace(RejectReason.IDEMPOTENCY_KEY_REUSED,
                () -> x.engine.deposit("alice", USD, dec("2.00"), "same"));
        x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("1")).withClientOrderId("c"));
        assertRejectedWithoutTrace(RejectReason.IDEMPOTENCY_KEY_REUSED,
                () -> x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.SELL, dec("1.00"), dec("1"))
                        .withClientOrderId("c")));
    }

    @Test
    void someoneElsesOrderIsRejected() {
        assertRejectedWithoutTrace(RejectReason.NOT_OWNER, () -> x.engine.cancelOrder("bob", resting.id()));
        assertRejectedWithoutTrace(RejectReason.INVALID_QUANTITY,
                () -> x.engine.amendOrder(AmendOrder.reduceTo("alice", resting.id(), dec("5"))));
    }

    private void assertRejectedWithoutTrace(RejectReason expected, Supplier<Object> command) {
        List<BalanceRecord> balances = balances();
        long entries = journalEntries();
        long sequence = x.store.sequence(ACME);

        Object result = command.get();

        assertThat(result.toString()).isEqualTo("Rejected[reason=" + expected + "]");
        assertThat(balances()).isEqualTo(balances);
        assertThat(journalEntries()).isEqualTo(entries);
        assertThat(x.store.sequence(ACME)).isEqualTo(sequence);
        x.assertAuditClean();
    }

    private List<BalanceRecord> balances() {
        return x.store.allBalances().stream()
                .sorted(Comparator.comparing(BalanceRecord::userId).thenComparing(BalanceRecord::assetId)).toList();
    }

    private long journalEntries() {
        return x.store.journalTotals().stream().mapToLong(JournalTotal::entryCount).sum();
    }
}
