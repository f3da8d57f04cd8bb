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
    void feesRoundedUpOnEveryFillNeverExceedTheirPerFillBound() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 10_000; i++) {
            int bps = random.nextInt(10_001);
            int fills = 1 + random.nextInt(20);
            long total = 0;
            long fees = 0;
            for (int fill = 0; fill < fills; fill++) {
                long quoteMinor = 1 + random.nextLong(random.nextBoolean() ? 100 : 1_000_000_000L);
                total += quoteMinor;
                fees += Fees.ceilBps(quoteMinor, bps);
            }
            assertThat(fees).isLessThanOrEqualTo(Fees.ceilBpsPerFill(total, bps, fills));
            assertThat(Fees.ceilBpsPerFill(total, bps, fills)).isGreaterThanOrEqualTo(Fees.ceilBps(total, bps));
        }
    }

    @Test
    void thePerFillFeeBoundIsReachedAndFreeOfRoundingWithoutFees() {
        // Four fills of 1 at 3 bps pay a unit each: floor((4 x 3 + 4 x 9,999) / 10,000) = 4.
        assertThat(Fees.ceilBpsPerFill(4, 3, 4)).isEqualTo(4);
        // 102.50 + 72.00 + 116.00 + 29.50 at 3 bps: 4 + 3 + 4 + 1 cents, and a bound of 13 for four fills.
        assertThat(Fees.ceilBps(10_250, 3) + Fees.ceilBps(7_200, 3) + Fees.ceilBps(11_600, 3)
                + Fees.ceilBps(2_950, 3)).isEqualTo(12);
        assertThat(Fees.ceilBpsPerFill(32_000, 3, 4)).isEqualTo(13);
        // 2,500 bps is a quarter: every fill of a multiple of 4 rounds nothing, others at most 3/4 of a unit.
        assertThat(Fees.ceilBpsPerFill(8, 2_500, 2)).isEqualTo(3);
        assertThat(Fees.ceilBpsPerFill(12_345, 0, 1_000)).isZero();
        assertThat(Fees.ceilBpsPerFill(Long.MAX_VALUE / 2, 10_000, Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE / 2);
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
