package io.tokenized.trading.core.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntListTest {

    @Test
    void keepsEveryValueInOrderThroughGrowth() {
        IntList list = new IntList(1);
        for (int i = 0; i < 100_000; i++) {
            list.add(i * 3);
        }

        assertThat(list.size()).isEqualTo(100_000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(list.get(i)).isEqualTo(i * 3);
        }
    }

    @Test
    void refusesAnIndexPastItsSize() {
        IntList list = new IntList(8);
        list.add(1);

        assertThatThrownBy(() -> list.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
