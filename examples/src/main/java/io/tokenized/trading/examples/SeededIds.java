package io.tokenized.trading.examples;

import io.tokenized.trading.core.engine.IdGenerator;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * UUIDv7 ids whose random bits come from a seed, so a replay makes the same ids every time: the layout
 * of the engine's own generator (milliseconds, a counter that keeps ids increasing, 62 random bits), with
 * the randomness made repeatable. Two seeds give different ids, which keeps replays of the same flow into
 * one database apart.
 *
 * <p>Thread-safe (synchronized); the replay uses it from one thread.
 */
final class SeededIds implements IdGenerator {
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    private final InstantSource clock;
    private final SplittableRandom random;
    /** millis << 12 | counter of the last id made. */
    private long last;

    SeededIds(InstantSource clock, long seed) {
        this.clock = clock;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized UUID nextId() {
        long candidate = (clock.millis() & 0xFFFF_FFFF_FFFFL) << 12;
        // a fixed clock fills the counter and then borrows the next millisecond: ids still increase
        last = candidate > last ? candidate : last + 1;
        long msb = ((last >>> 12) << 16) | VERSION_7 | (last & 0xFFF);
        long lsb = VARIANT_RFC | (random.nextLong() >>> 2);
        return new UUID(msb, lsb);
    }
}
