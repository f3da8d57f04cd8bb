package io.tokenized.trading.core.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a randomized check once per seed, so that a generated scenario is reproducible from one number.
 * A failure names its seed; {@code -Dtrading.seed=N} replays just that seed, and
 * {@code -Dtrading.seeds=N} changes how many seeds run (more in a soak run, fewer while debugging).
 *
 * <p>The seeds are fixed (0, 1, 2, ... mixed through {@link SplittableRandom}), so every build checks the
 * same scenarios and a red build stays red until the code is fixed.
 */
public final class Seeds {
    private Seeds() {
    }

    /** Calls {@code check} with a fresh random source for each of {@code count} seeds (or the one given). */
    public static void forEach(int count, Consumer<SplittableRandom> check) {
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

    private static void run(long seed, Consumer<SplittableRandom> check) {
        try {
            check.accept(new SplittableRandom(seed));
        } catch (AssertionError | RuntimeException failure) {
            AssertionError named = new AssertionError("failed for seed " + seed
                    + " (replay with -Dtrading.seed=" + seed + "): " + failure.getMessage(), failure);
            throw named;
        }
    }
}
