package io.tokenized.trading.core.engine;

import java.time.InstantSource;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDv7 with a monotonic 60-bit (milliseconds, counter) prefix. Thread-safe: the prefix advances with
 * one compare-and-set; the random tail comes from the calling thread's generator.
 */
final class UuidV7Generator implements IdGenerator {
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    final InstantSource clock;
    /** millis << 12 | counter of the last id made. */
    private final AtomicLong last = new AtomicLong();

    UuidV7Generator(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public UUID nextId() {
        return nextId(clock.millis());
    }

    /** An id for a time the caller already read from this generator's clock: saves a clock read per id. */
    UUID nextId(long nowMillis) {
        long candidate = (nowMillis & 0xFFFF_FFFF_FFFFL) << 12;
        long prefix;
        while (true) {
            long previous = last.get();
            // Never go back: a clock step or a full counter borrows from the next millisecond.
            prefix = candidate > previous ? candidate : previous + 1;
            if (last.compareAndSet(previous, prefix)) {
                break;
            }
        }
        long millis = prefix >>> 12;
        long counter = prefix & 0xFFF;
        long msb = (millis << 16) | VERSION_7 | counter;
        long lsb = VARIANT_RFC | (ThreadLocalRandom.current().nextLong() >>> 2);
        return new UUID(msb, lsb);
    }
}
