package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeRecord;

import java.time.Instant;
import java.util.UUID;

/** Records for the table tests, each field distinct per {@code n} so that a column mix-up shows. */
final class Rows {
    static final Instant PLACED = Instant.parse("2026-01-01T00:00:00.123456789Z");

    private Rows() {
    }

    /** An open limit buy of {@code n}: every optional field set. */
    static OrderRecord anOrder(int n) {
        return new OrderRecord(new UUID(n, ~n), "user-" + n % 7, "ACME", 2L * n + 2, "client-" + n, Side.BUY,
                OrderType.STOP_LIMIT, TimeInForce.GTC, n % 2 == 0, SelfTradePrevention.values()[n % 3], 100 + n,
                200 + n, 10 + n, 11 + n, 101 + n, 201 + n, 0, n % 10, 7L * n, 1_000 + n, "USD",
                OrderStatus.PARTIALLY_FILLED, null, new UUID(-n, n), n + 5L, 3L * n, PLACED.plusSeconds(n),
                PLACED.plusNanos(n));
    }

    /** A cancelled market order of {@code n} sized by budget, without a client order id or sibling. */
    static OrderRecord aCancelledBudgetOrder(int n) {
        return new OrderRecord(new UUID(n, n), "user-" + n, "ACME", n + 1L, null, Side.SELL, OrderType.MARKET,
                TimeInForce.IOC, false, SelfTradePrevention.CANCEL_TAKER, 0, 0, 0, 0, 0, 0, 5_000 + n, 0, 0, 0,
                "ACME", OrderStatus.CANCELLED, CancelReason.IOC_REMAINDER, null, n, n,
                Instant.ofEpochSecond(-5, 999_999_999), Instant.MAX);
    }

    static TradeRecord aTrade(int n) {
        return new TradeRecord(new UUID(n, 2L * n), "ACME", n + 1L, 100 + n, 1 + n, 1_000 + n, new UUID(3, n),
                new UUID(4, n), "maker-" + n % 5, "taker-" + n % 3, n % 2 == 0 ? Side.BUY : Side.SELL, n % 4, n % 6,
                PLACED.plusMillis(n));
    }

    static JournalEntry anEntry(int n, UUID tradeId, String idempotencyKey) {
        return new JournalEntry(new UUID(7, n), "user-" + n % 11, n % 2 == 0 ? "USD" : "ACME",
                EntryKind.values()[n % EntryKind.values().length], n + 1L, tradeId, n % 3 == 0 ? null : new UUID(8, n),
                idempotencyKey, n % 5 == 0 ? new UUID(0, 0) : null, PLACED.minusNanos(n));
    }
}
