package io.tokenized.trading.core.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerArithmeticTest {

    @Test
    void feesRoundUpToTheMinorUnitWithoutOverflow() {
        assertThat(Fees.ceilBps(10_000, 20)).isEqualTo(20);
        assertThat(Fees.ceilBps(1, 1)).isEqualTo(1);
        assertThat(Fees.ceilBps(0, 20)).isZero();
        assertThat(Fees.ceilBps(12_345, 0)).isZero();
        assertThat(Fees.ceilBps(Long.MAX_VALUE, 10_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(Fees.ceilBps(Long.MAX_VALUE, 5_000)).isEqualTo(Long.MAX_VALUE / 2 + 1);
    }

    @Test
    void aBudgetLeavesRoomForTheFeeOnWhatItSpends() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long budget = 1 + random.nextLong(1_000_000_000L);
            int bps = random.nextInt(10_001);
            long spendable = Fees.spendableBeforeFee(budget, bps);
            assertThat(spendable + Fees.ceilBps(spendable, bps)).isLessThanOrEqualTo(budget);
            assertThat(spendable + 1 + Fees.ceilBps(spendable + 1, bps)).isGreaterThan(budget);
        }
    }

    @Test
    void uuidV7IdsIncreaseAndCarryTheirVersion() {
        IdGenerator ids = IdGenerator.uuidV7(Exchange.fixedClock());
        UUID previous = ids.nextId();
        for (int i = 0; i < 10_000; i++) {
            UUID next = ids.nextId();
            assertThat(next.version()).isEqualTo(7);
            assertThat(next.variant()).isEqualTo(2);
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void theLongMapKeepsEveryKeyThroughGrowthAndRemoval() {
        LongMap<String> map = new LongMap<>(4);
        SplittableRandom random = new SplittableRandom(11);
        java.util.Map<Long, String> reference = new java.util.HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            long key = 1 + random.nextInt(2_000);
            if (random.nextInt(3) == 0) {
                map.remove(key);
                reference.remove(key);
            } else {
                map.put(key, "v" + i);
                reference.put(key, "v" + i);
            }
        }
        List<String> values = new ArrayList<>(map.values());
        assertThat(map.size()).isEqualTo(reference.size());
        assertThat(values).containsExactlyInAnyOrderElementsOf(reference.values());
        for (long key = 1; key <= 2_000; key++) {
            assertThat(map.get(key)).isEqualTo(reference.get(key));
        }
    }
}
