package io.tokenized.trading.core.engine;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MillisecondClockTest {

    @Test
    void readsTheSystemTimeInWholeMillisecondsWithoutGoingBack() {
        MillisecondClock clock = new MillisecondClock();
        long before = System.currentTimeMillis();
        Instant previous = clock.instant();
        for (int i = 0; i < 100_000; i++) {
            Instant now = clock.instant();
            assertThat(now.getNano() % 1_000_000).isZero();
            assertThat(now).isAfterOrEqualTo(previous);
            previous = now;
        }
        assertThat(previous.toEpochMilli()).isBetween(before, System.currentTimeMillis());
    }
}
