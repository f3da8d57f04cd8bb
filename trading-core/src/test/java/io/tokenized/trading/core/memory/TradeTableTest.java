package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.port.TradeRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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

    @Test
    void eachUsersTradesAreListedNewestFirstOnceEachWhetherMakerTakerOrBoth() {
        int count = 10_000;
        for (int n = 0; n < count; n++) {
            TradeRecord trade = aTrade(n);
            // Every seventh trade is a user's trade with itself: listed once.
            table.add(n % 7 == 0 ? selfTrade(trade) : trade);
        }

        for (String user : List.of("maker-0", "maker-4", "taker-1", "taker-2")) {
            List<Integer> expected = new ArrayList<>();
            for (int n = count - 1; n >= 0; n--) {
                TradeRecord trade = table.record(n);
                if (trade.makerUserId().equals(user) || trade.takerUserId().equals(user)) {
                    expected.add(n);
                }
            }
            List<Integer> listed = new ArrayList<>();
            int id = users.find(user);
            for (int row = table.newestOfUser(id); row != TradeTable.ABSENT; row = table.previousOfUser(row, id)) {
                listed.add(row);
            }
            assertThat(listed).isNotEmpty().isEqualTo(expected);
        }
        assertThat(table.newestOfUser(Names.ABSENT)).isEqualTo(TradeTable.ABSENT);
        assertThat(table.newestOfUser(users.intern("nobody"))).isEqualTo(TradeTable.ABSENT);
    }

    private static TradeRecord selfTrade(TradeRecord t) {
        return new TradeRecord(t.id(), t.assetId(), t.sequence(), t.priceTicks(), t.quantityLots(), t.quoteMinor(),
                t.makerOrderId(), t.takerOrderId(), t.makerUserId(), t.makerUserId(), t.takerSide(),
                t.makerFeeMinor(), t.takerFeeMinor(), t.executedAt());
    }
}
