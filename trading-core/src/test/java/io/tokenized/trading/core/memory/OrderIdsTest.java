package io.tokenized.trading.core.memory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderIdsTest {

    @Test
    void findsRisingIdsAndAnswersAbsentForAnyIdAboveThemAll() {
        OrderIds ids = new OrderIds();
        for (int row = 0; row < 5_000; row++) {
            ids.add(1_000 + row, -row, row);
        }

        for (int row = 0; row < 5_000; row++) {
            assertThat(ids.get(1_000 + row, -row)).isEqualTo(row);
        }
        assertThat(ids.get(6_000, 0)).isEqualTo(OrderIds.ABSENT);
        assertThat(ids.get(1_000, 1)).isEqualTo(OrderIds.ABSENT);
        assertThat(ids.get(999, 0)).isEqualTo(OrderIds.ABSENT);
        assertThat(ids.size()).isEqualTo(5_000);
    }

    @Test
    void keepsIdsThatArriveOutOfOrderToo() {
        OrderIds ids = new OrderIds();
        SplittableRandom random = new SplittableRandom(7);
        List<long[]> added = new ArrayList<>();
        for (int row = 0; row < 20_000; row++) {
            // Two interleaved rising streams and random ids, as from two engines and a host's generator.
            long[] id = switch (row % 3) {
                case 0 -> new long[] {row, 1};
                case 1 -> new long[] {row / 2, 2};
                default -> new long[] {random.nextLong(), random.nextLong()};
            };
            if (ids.get(id[0], id[1]) == OrderIds.ABSENT) {
                ids.add(id[0], id[1], added.size());
                added.add(id);
            }
        }

        for (int row = 0; row < added.size(); row++) {
            assertThat(ids.get(added.get(row)[0], added.get(row)[1])).isEqualTo(row);
        }
        assertThat(ids.size()).isEqualTo(added.size());
        assertThat(ids.get(3, 3)).isEqualTo(OrderIds.ABSENT);
    }

    @Test
    void idsThatArriveAFewPlacesLateAreFoundAsWellAsTheOnesAboveThem() {
        OrderIds ids = new OrderIds();
        List<long[]> added = new ArrayList<>();
        // Rising ids in pairs that swap, as when a market commits an id drawn after another market's; then
        // ids at the late limit, just beyond it, and below everything (which go to the hash index).
        for (int n = 0; n < 3_000; n++) {
            added.add(new long[] {n % 2 == 0 ? n + 1 : n - 1, 5});
        }
        added.add(new long[] {3_000 - OrderIds.LATE_PLACES, 6});
        added.add(new long[] {3_000 - OrderIds.LATE_PLACES - 5, 6});
        added.add(new long[] {-1, 6});
        added.add(new long[] {2_999, 4});
        for (int row = 0; row < added.size(); row++) {
            ids.add(added.get(row)[0], added.get(row)[1], row);
        }

        for (int row = 0; row < added.size(); row++) {
            assertThat(ids.get(added.get(row)[0], added.get(row)[1])).as("id %d", row).isEqualTo(row);
        }
        assertThat(ids.size()).isEqualTo(added.size());
        assertThat(ids.get(1_500, 6)).isEqualTo(OrderIds.ABSENT);
        assertThat(ids.get(3_001, 5)).isEqualTo(OrderIds.ABSENT);
    }

    @Test
    void theNilIdAndTheExtremesAreIdsLikeAnyOther() {
        OrderIds ids = new OrderIds();
        ids.add(0, 0, 1);
        ids.add(Long.MIN_VALUE, Long.MIN_VALUE, 2);
        ids.add(Long.MAX_VALUE, Long.MAX_VALUE, 3);

        assertThat(ids.get(0, 0)).isEqualTo(1);
        assertThat(ids.get(Long.MIN_VALUE, Long.MIN_VALUE)).isEqualTo(2);
        assertThat(ids.get(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(3);
        assertThat(ids.get(Long.MAX_VALUE, 0)).isEqualTo(OrderIds.ABSENT);
    }

    @Test
    void refusesANegativeRow() {
        assertThatThrownBy(() -> new OrderIds().add(1, 2, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
