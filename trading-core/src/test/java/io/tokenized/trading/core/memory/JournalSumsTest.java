package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.ledger.EntryKind;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalSumsTest {

    @Test
    void sumsAndCountsEachUserAssetAndKindApart() {
        JournalSums sums = new JournalSums();
        for (int user = 0; user < 100; user++) {
            for (int asset = 0; asset < 20; asset += 2) {
                sums.add(user, asset, EntryKind.DEPOSIT.ordinal(), 1_000L * user + asset);
                sums.add(user, asset, EntryKind.DEPOSIT.ordinal(), user + asset);
                sums.add(user, asset, EntryKind.FEE.ordinal(), -1);
            }
        }

        assertThat(sums.size()).isEqualTo(100 * 10 * 2);
        for (int user = 0; user < 100; user++) {
            for (int asset = 0; asset < 20; asset++) {
                int deposits = sums.group(user, asset, EntryKind.DEPOSIT.ordinal());
                if (asset % 2 == 1) {
                    assertThat(deposits).isEqualTo(UuidIndex.ABSENT);
                    continue;
                }
                int fees = sums.group(user, asset, EntryKind.FEE.ordinal());
                assertThat(sums.sum(deposits)).isEqualTo(BigInteger.valueOf(1_001L * user + 2L * asset));
                assertThat(sums.count(deposits)).isEqualTo(2);
                assertThat(sums.sum(fees)).isEqualTo(BigInteger.ONE.negate());
                assertThat(sums.count(fees)).isEqualTo(1);
                assertThat(sums.group(user, asset, EntryKind.TRADE.ordinal())).isEqualTo(UuidIndex.ABSENT);
            }
        }
    }

    @Test
    void listsTheGroupsByUserAssetAndKind() {
        JournalSums sums = new JournalSums();
        sums.add(7, 1, EntryKind.FEE.ordinal(), 1);
        sums.add(2, 3, EntryKind.TRADE.ordinal(), 1);
        sums.add(7, 0, EntryKind.TRADE.ordinal(), 1);
        sums.add(7, 1, EntryKind.DEPOSIT.ordinal(), 1);

        List<String> order = new ArrayList<>();
        for (int group : sums.ordered()) {
            order.add(sums.user(group) + "/" + sums.asset(group) + "/" + EntryKind.values()[sums.kind(group)]);
        }

        assertThat(order).containsExactly("2/3/TRADE", "7/0/TRADE", "7/1/" + earlierOf(EntryKind.DEPOSIT,
                EntryKind.FEE), "7/1/" + laterOf(EntryKind.DEPOSIT, EntryKind.FEE));
    }

    @Test
    void aSumThatPassesALongIsReadExactly() {
        JournalSums sums = new JournalSums();
        int deposit = EntryKind.DEPOSIT.ordinal();
        int withdrawal = EntryKind.WITHDRAWAL.ordinal();
        for (int cycle = 0; cycle < 3; cycle++) {
            sums.add(3, 1, deposit, Long.MAX_VALUE);
            sums.add(3, 1, withdrawal, -Long.MAX_VALUE);
        }
        int deposits = sums.group(3, 1, deposit);
        int withdrawals = sums.group(3, 1, withdrawal);

        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        assertThat(sums.sum(deposits)).isEqualTo(max.multiply(BigInteger.valueOf(3)));
        assertThat(sums.sum(withdrawals)).isEqualTo(max.multiply(BigInteger.valueOf(-3)));
        assertThat(sums.count(deposits)).isEqualTo(3);

        sums.add(3, 1, deposit, -Long.MAX_VALUE);
        sums.add(3, 1, deposit, -Long.MAX_VALUE);
        sums.add(3, 1, deposit, -5);
        assertThat(sums.sum(deposits)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE - 5));
        sums.add(3, 1, withdrawal, Long.MAX_VALUE);
        sums.add(3, 1, withdrawal, Long.MAX_VALUE);
        assertThat(sums.sum(withdrawals)).isEqualTo(BigInteger.valueOf(-Long.MAX_VALUE));
        sums.add(3, 1, withdrawal, -1);
        assertThat(sums.sum(withdrawals)).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE));
        sums.add(3, 1, withdrawal, -1);
        assertThat(sums.sum(withdrawals)).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE));
    }

    private static EntryKind earlierOf(EntryKind a, EntryKind b) {
        return a.ordinal() < b.ordinal() ? a : b;
    }

    private static EntryKind laterOf(EntryKind a, EntryKind b) {
        return a.ordinal() < b.ordinal() ? b : a;
    }
}
