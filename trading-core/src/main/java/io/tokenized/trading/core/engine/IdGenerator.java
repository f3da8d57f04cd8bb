package io.tokenized.trading.core.engine;

import java.time.InstantSource;
import java.util.UUID;

/**
 * Makes the ids of orders, trades and journal entries, without a store round trip.
 *
 * <p>Implementations are thread-safe; ids of one generator increase in the order they are made.
 */
@FunctionalInterface
public interface IdGenerator {

    /** A new id, greater than every id this generator made before. */
    UUID nextId();

    /**
     * Time-ordered UUIDv7 ids (RFC 9562): 48 bits of milliseconds from {@code clock}, a 12-bit counter
     * that keeps ids increasing within a millisecond (and when the clock steps back), and 62 random bits
     * that keep ids of separate processes apart.
     */
    static IdGenerator uuidV7(InstantSource clock) {
        return new UuidV7Generator(clock);
    }
}
