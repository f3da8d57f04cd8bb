package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.port.OrderRecord;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;

import static io.tokenized.trading.core.memory.Rows.aCancelledBudgetOrder;
import static io.tokenized.trading.core.memory.Rows.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

class OrderTableTest {
    private final Names users = new Names();
    private final Names assets = new Names();
    private final OrderTable table = new OrderTable(users, assets);

    @Test
    void anOrderReadsBackAsItWasStored() {
        OrderRecord order = anOrder(3);
        OrderRecord cancelled = aCancelledBudgetOrder(4);

        int row = table.add(order);
        int other = table.add(cancelled);

        assertThat(table.record(row)).isEqualTo(order);
        assertThat(table.record(other)).isEqualTo(cancelled);
        assertThat(table.find(order.id().getMostSignificantBits(), order.id().getLeastSignificantBits()))
                .isEqualTo(row);
        assertThat(table.findByClientOrderId(users.find("user-3"), "client-3")).isEqualTo(row);
        assertThat(table.findByClientOrderId(users.find("user-4"), "client-3")).isEqualTo(OrderTable.ABSENT);
        assertThat(table.isLive(row)).isTrue();
        assertThat(table.isLive(other)).isFalse();
    }

    @Test
    void anUpdateChangesTheStateAndKeepsWhatTheOrderIs() {
        OrderRecord placed = anOrder(5);
        int row = table.add(placed);
        OrderRecord cancelled = new OrderRecord(placed.id(), placed.userId(), placed.assetId(), placed.bookId(),
                placed.clientOrderId(), placed.side(), placed.type(), placed.timeInForce(), placed.postOnly(),
                placed.selfTradePrevention(), 150, 250, 12, placed.requestedLots(), placed.requestedPriceTicks(),
                placed.requestedStopPriceTicks(), placed.quoteBudgetMinor(), 12, 99, 0, placed.lockedAssetId(),
                OrderStatus.CANCELLED, CancelReason.USER, placed.ocoSiblingId(), placed.sequence(), 77,
                placed.createdAt(), Instant.ofEpochSecond(1_900_000_000L, 1));

        assertThat(table.isSameOrder(row, cancelled)).isTrue();
        table.update(row, cancelled);

        assertThat(table.record(row)).isEqualTo(cancelled);
        assertThat(table.isLive(row)).isFalse();
    }

    @Test
    void aRecordThatChangesWhatTheOrderIsIsNotTheSameOrder() {
        OrderRecord placed = anOrder(6);
        int row = table.add(placed);

        assertThat(table.isSameOrder(row, placed)).isTrue();
        assertThat(table.isSameOrder(row, anOrder(8))).isFalse();
        OrderRecord anotherSibling = new OrderRecord(placed.id(), placed.userId(), placed.assetId(), placed.bookId(),
                placed.clientOrderId(), placed.side(), placed.type(), placed.timeInForce(), placed.postOnly(),
                placed.selfTradePrevention(), placed.priceTicks(), placed.stopPriceTicks(), placed.quantityLots(),
                placed.requestedLots(), placed.requestedPriceTicks(), placed.requestedStopPriceTicks(),
                placed.quoteBudgetMinor(), placed.filledLots(), placed.filledQuoteMinor(), placed.lockedMinor(),
                placed.lockedAssetId(), placed.status(), null, null, placed.sequence(), placed.priority(),
                placed.createdAt(), placed.updatedAt());
        assertThat(table.isSameOrder(row, anotherSibling)).isFalse();
    }

    @Test
    void tradedSumsAddUpAndMakeTheOrderAFill() {
        int row = table.add(aCancelledBudgetOrder(1));
        assertThat(table.hasFillOrTrade(row)).isFalse();

        table.addTraded(row, 2, 300);
        table.addTraded(row, 1, 150);

        assertThat(table.hasFillOrTrade(row)).isTrue();
        assertThat(table.fill(row).tradedLots()).isEqualTo(BigInteger.valueOf(3));
        assertThat(table.fill(row).tradedQuoteMinor()).isEqualTo(BigInteger.valueOf(450));
    }

    @Test
    void aHundredThousandOrdersAreEachFoundAndReadBack() {
        for (int n = 0; n < 100_000; n++) {
            assertThat(table.add(anOrder(n))).isEqualTo(n);
        }

        assertThat(table.size()).isEqualTo(100_000);
        for (int n = 0; n < 100_000; n++) {
            OrderRecord order = anOrder(n);
            int row = table.find(order.id().getMostSignificantBits(), order.id().getLeastSignificantBits());
            assertThat(row).isEqualTo(n);
            assertThat(table.record(row)).isEqualTo(order);
            assertThat(table.findByClientOrderId(users.find(order.userId()), order.clientOrderId())).isEqualTo(n);
        }
    }
}
