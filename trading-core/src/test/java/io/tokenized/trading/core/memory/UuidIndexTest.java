package io.tokenized.trading.core.memory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UuidIndexTest {

    @Test
    void findsWhatWasPutAndForgetsWhatWasRemoved() {
        UuidIndex index = new UuidIndex(4);
        UUID first = UUID.randomUUID();
        UUID nil = new UUID(0, 0);

        index.put(first.getMostSignificantBits(), first.getLeastSignificantBits(), 0);
        index.put(0, 0, 7);

        assertThat(index.get(first)).isZero();
        assertThat(index.get(nil)).isEqualTo(7);
        assertThat(index.get(UUID.randomUUID())).isEqualTo(UuidIndex.ABSENT);
        assertThat(index.remove(0, 0)).isTrue();
        assertThat(index.remove(0, 0)).isFalse();
        assertThat(index.get(nil)).isEqualTo(UuidIndex.ABSENT);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aSecondPutReplacesTheHandle() {
        UuidIndex index = new UuidIndex(4);

        index.put(1, 2, 3);
        index.put(1, 2, 4);

        assertThat(index.get(1, 2)).isEqualTo(4);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void refusesANegativeHandle() {
        assertThatThrownBy(() -> new UuidIndex(4).put(1, 2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysWithTheSameHomeSlotProbeOnAndSurviveGrowth() {
        UuidIndex index = new UuidIndex(4);
        List<long[]> colliding = keysWithHome(0, index.slots() - 1, 300);
        for (int i = 0; i < colliding.size(); i++) {
            index.put(colliding.get(i)[0], colliding.get(i)[1], i);
        }

        assertThat(index.size()).isEqualTo(300);
        assertThat(index.slots()).isGreaterThanOrEqualTo(600);
        for (int i = 0; i < colliding.size(); i++) {
            assertThat(index.get(colliding.get(i)[0], colliding.get(i)[1])).isEqualTo(i);
        }
    }

    @Test
    void keysWhoseHalvesMoveTogetherDoNotCollide() {
        UuidIndex index = new UuidIndex(1 << 16);
        int mask = index.slots() - 1;
        Set<Integer> homes = new HashSet<>();
        for (int n = 0; n < 10_000; n++) {
            homes.add(UuidIndex.slot(n, n, mask));
            homes.add(UuidIndex.slot(n, ~n, mask));
        }

        assertThat(homes).hasSizeGreaterThan(15_000);
    }

    @Test
    void removalInsideACollidingRunShiftsTheRestBackSoEveryKeyStaysReachable() {
        UuidIndex index = new UuidIndex(8);
        int mask = index.slots() - 1;
        // Build runs that wrap around the end of the table: keys whose home is the last slot.
        List<long[]> keys = new ArrayList<>(keysWithHome(mask, mask, 5));
        keys.addAll(keysWithHome(0, mask, 2));
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i)[0], keys.get(i)[1], i);
        }

        index.remove(keys.get(1)[0], keys.get(1)[1]);
        index.remove(keys.get(5)[0], keys.get(5)[1]);

        for (int i = 0; i < keys.size(); i++) {
            int expected = i == 1 || i == 5 ? UuidIndex.ABSENT : i;
            assertThat(index.get(keys.get(i)[0], keys.get(i)[1])).as("key %d", i).isEqualTo(expected);
        }
        assertThat(index.size()).isEqualTo(5);
    }

    @Test
    void agreesWithAHashMapThroughGrowthAndManyRemovals() {
        SplittableRandom random = new SplittableRandom(11);
        UuidIndex index = new UuidIndex(16);
        Map<UUID, Integer> expected = new HashMap<>();
        List<UUID> present = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            if (present.isEmpty() || random.nextInt(100) < 55) {
                // Few distinct high bits: ids of one millisecond, as UUIDv7 gives them.
                UUID id = new UUID(random.nextLong(64), random.nextLong());
                if (!expected.containsKey(id)) {
                    index.put(id.getMostSignificantBits(), id.getLeastSignificantBits(), step);
                    expected.put(id, step);
                    present.add(id);
                }
            } else {
                UUID id = present.remove(random.nextInt(present.size()));
                assertThat(index.remove(id.getMostSignificantBits(), id.getLeastSignificantBits())).isTrue();
                expected.remove(id);
            }
        }

        assertThat(index.size()).isEqualTo(expected.size());
        expected.forEach((id, handle) -> assertThat(index.get(id)).isEqualTo(handle));
        Set<Integer> listed = new HashSet<>();
        for (int slot = 0; slot < index.slots(); slot++) {
            if (index.handleAt(slot) != UuidIndex.ABSENT) {
                listed.add(index.handleAt(slot));
            }
        }
        assertThat(listed).isEqualTo(new HashSet<>(expected.values()));
    }

    @Test
    void holdsAMillionKeys() {
        UuidIndex index = new UuidIndex(16);
        SplittableRandom random = new SplittableRandom(3);
        long seed = random.nextLong();
        for (int i = 0; i < 1_000_000; i++) {
            index.put(seed + i, ~i, i);
        }

        for (int i = 0; i < 1_000_000; i++) {
            assertThat(index.get(seed + i, ~i)).isEqualTo(i);
        }
        assertThat(index.size()).isEqualTo(1_000_000);
    }

    /** Distinct keys whose home slot is {@code home} in a table of {@code mask + 1} slots. */
    private static List<long[]> keysWithHome(int home, int mask, int count) {
        List<long[]> keys = new ArrayList<>();
        for (long candidate = home * 1_000_003L; keys.size() < count; candidate++) {
            if (UuidIndex.slot(candidate, 17, mask) == home) {
                keys.add(new long[] {candidate, 17});
            }
        }
        return keys;
    }
}
