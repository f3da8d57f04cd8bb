package io.tokenized.trading.core.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

    @Test
    void numbersNamesInTheOrderTheyAreFirstSeen() {
        Names names = new Names();

        assertThat(names.intern("alice")).isZero();
        assertThat(names.intern("bob")).isEqualTo(1);
        assertThat(names.intern(new String("alice"))).isZero();

        assertThat(names.find("bob")).isEqualTo(1);
        assertThat(names.find("carol")).isEqualTo(Names.ABSENT);
        assertThat(names.name(1)).isEqualTo("bob");
        assertThat(names.size()).isEqualTo(2);
    }

    @Test
    void namesWithEqualHashesAreToldApart() {
        Names names = new Names();
        // "Aa" and "BB" share a String hash code.
        int first = names.intern("Aa");
        int second = names.intern("BB");

        assertThat(first).isNotEqualTo(second);
        assertThat(names.find("Aa")).isEqualTo(first);
        assertThat(names.find("BB")).isEqualTo(second);
    }

    @Test
    void keepsEveryNameThroughGrowth() {
        Names names = new Names();
        for (int i = 0; i < 100_000; i++) {
            assertThat(names.intern("user-" + i)).isEqualTo(i);
        }

        for (int i = 0; i < 100_000; i++) {
            assertThat(names.find("user-" + i)).isEqualTo(i);
            assertThat(names.name(i)).isEqualTo("user-" + i);
        }
        assertThat(names.find("user-100000")).isEqualTo(Names.ABSENT);
    }
}
