package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.port.TradeRecord;
import org.junit.jupiter.api.Test;

import static io.tokenized.trading.core.memory.Rows.aTrade;
import static org.assertj.core.api.Assertions.assertThat;

class TradeTableTest {
    private final Names users = new Names();
    private final TradeTable table = new TradeTable(users, new Names());

    @Test
    void aHundredThousandTradesReadBackAsTheyWereStored() {
        for (int n = 0; n < 100_000; n++) {
            assertThat(table.add(aTrade(n))).isEqualTo(n);
        }

        assertThat(table.size()).isEqualTo(100_000);
        for (int n = 0; n < 100_000; n++) {
            TradeRecord trade = aTrade(n);
            assertThat(table.record(n)).isEqualTo(trade);
            assertThat(users.name(table.makerUser(n))).isEqualTo(trade.makerUserId());
            assertThat(users.name(table.takerUser(n))).isEqualTo(trade.takerUserId());
            assertThat(table.makerOrderLsb(n)).isEqualTo(trade.makerOrderId().getLeastSignificantBits());
            assertThat(table.takerOrderMsb(n)).isEqualTo(trade.takerOrderId().getMostSignificantBits());
        }
    }
}
