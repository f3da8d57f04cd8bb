package io.tokenized.trading.core.memory;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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

    @Test
    void aLookupWithoutTheLockNeverAnswersAnotherNamesNumber() throws InterruptedException {
        // The store's funds checks look names up while another thread may add and rehash: such a lookup
        // may miss a name being added or fail, but a number it gives must be the name's own.
        int count = 20_000;
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = "user-" + i;
        }
        AtomicReference<Names> current = new AtomicReference<>(new Names());
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> wrong = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(7);
            while (!done.get() && wrong.get() == null) {
                Names names = current.get();
                int i = random.nextInt(count);
                try {
                    int found = names.find(keys[i]);
                    if (found != i && found != Names.ABSENT) {
                        wrong.set(keys[i] + " answered " + found);
                    }
                } catch (RuntimeException racedAGrowingTable) {
                    // allowed: the store asks again under its lock
                }
            }
        });
        reader.start();
        for (int round = 0; round < 200 && wrong.get() == null; round++) {
            Names names = new Names();
            current.set(names);
            for (int i = 0; i < count; i++) {
                names.intern(keys[i]);
            }
        }
        done.set(true);
        reader.join();

        assertThat(wrong.get()).isNull();
    }
}
