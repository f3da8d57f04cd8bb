package io.tokenized.trading.core.testing;

import java.util.function.LongConsumer;

/**
 * Runs a randomized check once per seed, so that a generated scenario is reproducible from one number.
 * A failure names its seed; {@code -Dtrading.seed=N} replays just that seed, and
 * {@code -Dtrading.seeds=N} changes how many seeds run (more in a soak run, fewer while debugging).
 *
 * <p>The seeds are fixed (0, 1, 2, ...; a check mixes its seed through {@link java.util.SplittableRandom}),
 * so every build checks the same scenarios and a red build stays red until the code is fixed.
 */
public final class Seeds {
    private Seeds() {
    }

    /** Calls {@code check} with each of {@code count} seeds (or just the one given on the command line). */
    public static void forEach(int count, LongConsumer check) {
        String only = System.getProperty("trading.seed");
        if (only != null) {
            run(Long.parseLong(only.trim()), check);
            return;
        }
        int seeds = Integer.getInteger("trading.seeds", count);
        for (long seed = 0; seed < seeds; seed++) {
            run(seed, check);
        }
    }

    private static void run(long seed, LongConsumer check) {
        try {
            check.accept(seed);
        } catch (AssertionError | RuntimeException failure) {
            throw new AssertionError("failed for seed " + seed
                    + " (replay with -Dtrading.seed=" + seed + "): " + failure.getMessage(), failure);
        }
    }
}
