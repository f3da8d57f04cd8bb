package io.tokenized.trading.core.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class OrderIndexTest {

    @Test
    void findsWhatWasPutAndForgetsWhatWasRemoved() {
        OrderIndex index = new OrderIndex(4);
        OrderNode first = new OrderNode();
        OrderNode second = new OrderNode();
        index.put(7, first);
        index.put(Long.MAX_VALUE, second);
        assertThat(index.get(7)).isSameAs(first);
        assertThat(index.get(Long.MAX_VALUE)).isSameAs(second);
        assertThat(index.get(8)).isNull();
        index.remove(7);
        assertThat(index.get(7)).isNull();
        assertThat(index.contains(Long.MAX_VALUE)).isTrue();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void agreesWithAHashMapThroughGrowthAndManyRemovals() {
        SplittableRandom random = new SplittableRandom(7);
        OrderIndex index = new OrderIndex(16);
        Map<Long, OrderNode> expected = new HashMap<>();
        List<Long> live = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            // Dense sequential-looking ids and sparse random ones, so probe runs wrap and collide.
            if (live.isEmpty() || random.nextInt(100) < 55) {
                long id = random.nextBoolean() ? 1 + random.nextLong(50_000) : 1 + random.nextLong(Long.MAX_VALUE - 1);
                if (!expected.containsKey(id)) {
                    OrderNode node = new OrderNode();
                    index.put(id, node);
                    expected.put(id, node);
                    live.add(id);
                }
            } else {
                long id = live.remove(random.nextInt(live.size()));
                index.remove(id);
                expected.remove(id);
            }
            if (step % 10_000 == 0) {
                expected.forEach((id, node) -> assertThat(index.get(id)).isSameAs(node));
            }
        }
        assertThat(index.size()).isEqualTo(expected.size());
        expected.forEach((id, node) -> assertThat(index.get(id)).isSameAs(node));
        for (int probe = 0; probe < 10_000; probe++) {
            long id = 1 + random.nextLong(60_000);
            assertThat(index.contains(id)).isEqualTo(expected.containsKey(id));
        }
    }
}
