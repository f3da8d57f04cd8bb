package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.ledger.EntryKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalSumsTest {

    @Test
    void sumsAndCountsEachUserAssetAndKindApart() {
        JournalSums sums = new JournalSums(100, 20);
        for (int user = 0; user < 100; user++) {
            for (int asset = 0; asset < 20; asset += 2) {
                sums.add(user, asset, EntryKind.DEPOSIT.ordinal(), 1_000L * user + asset);
                sums.add(user, asset, EntryKind.DEPOSIT.ordinal(), user + asset);
                sums.add(user, asset, EntryKind.FEE.ordinal(), -1);
            }
        }

        for (int user = 0; user < 100; user++) {
            for (int asset = 0; asset < 20; asset++) {
                if (asset % 2 == 1) {
                    assertThat(sums.count(user, asset, EntryKind.DEPOSIT.ordinal())).isZero();
                    continue;
                }
                assertThat(sums.sum(user, asset, EntryKind.DEPOSIT.ordinal())).isEqualTo(1_001L * user + 2L * asset);
                assertThat(sums.count(user, asset, EntryKind.DEPOSIT.ordinal())).isEqualTo(2);
                assertThat(sums.sum(user, asset, EntryKind.FEE.ordinal())).isEqualTo(-1);
                assertThat(sums.count(user, asset, EntryKind.TRADE.ordinal())).isZero();
            }
        }
    }

    @Test
    void aSumMayPassALongWhileAddingAndIsReadWhenItFitsAgain() {
        JournalSums sums = new JournalSums(4, 2);
        int deposit = EntryKind.DEPOSIT.ordinal();
        int withdrawal = EntryKind.WITHDRAWAL.ordinal();
        for (int cycle = 0; cycle < 3; cycle++) {
            sums.add(3, 1, deposit, Long.MAX_VALUE);
            sums.add(3, 1, withdrawal, -Long.MAX_VALUE);
        }

        assertThatThrownBy(() -> sums.sum(3, 1, deposit)).isInstanceOf(TradingException.class)
                .hasMessageContaining("DEPOSIT");
        assertThatThrownBy(() -> sums.sum(3, 1, withdrawal)).isInstanceOf(TradingException.class);
        assertThat(sums.count(3, 1, deposit)).isEqualTo(3);

        sums.add(3, 1, deposit, -Long.MAX_VALUE);
        sums.add(3, 1, deposit, -Long.MAX_VALUE);
        sums.add(3, 1, deposit, -5);
        assertThat(sums.sum(3, 1, deposit)).isEqualTo(Long.MAX_VALUE - 5);
        sums.add(3, 1, withdrawal, Long.MAX_VALUE);
        sums.add(3, 1, withdrawal, Long.MAX_VALUE);
        assertThat(sums.sum(3, 1, withdrawal)).isEqualTo(-Long.MAX_VALUE);
        sums.add(3, 1, withdrawal, -1);
        assertThat(sums.sum(3, 1, withdrawal)).isEqualTo(Long.MIN_VALUE);
        sums.add(3, 1, withdrawal, -1);
        assertThatThrownBy(() -> sums.sum(3, 1, withdrawal)).isInstanceOf(TradingException.class);
    }
}
