package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.testing.Seeds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TradingEngine#execute} answers as the commands sent one by one would: each seed's random stream
 * ({@link TradingEngineProperties.Run}) is played one command at a time on one engine, then replayed on a
 * second engine with the order commands in random batches, and every result, every balance, the journal,
 * the trades and the books must be the same. Both engines take the same ids and time, so the results are
 * equal to the last field. The audit runs after every batch.
 */
class TradingEngineBatchProperties {
    private static final int LONGEST_BATCH = 40;

    @Test
    void batchesAnswerAsTheCommandsSentOneByOne() {
        Seeds.forEach(200, TradingEngineBatchProperties::compare);
    }

    static void compare(long seed) {
        TradingEngineProperties.Run oneByOne = new TradingEngineProperties.Run(seed, countingIds());
        oneByOne.play();
        TradingEngineProperties.Run batched = new TradingEngineProperties.Run(seed, countingIds());
        new Replay(seed, oneByOne, batched).play();

        assertThat(batched.sortedBalances()).as("seed " + seed + ": balances").isEqualTo(oneByOne.sortedBalances());
        assertThat(batched.store.journalTotals()).as("seed " + seed + ": journal")
                .isEqualTo(oneByOne.store.journalTotals());
        for (String market : List.of("ACME", "BETA", "GAMA")) {
            assertThat(batched.engine.trades(market, 10_000)).as("seed " + seed + ": trades of " + market)
                    .isEqualTo(oneByOne.engine.trades(market, 10_000));
            assertThat(batched.engine.depth(market, 100)).as("seed " + seed + ": book of " + market)
                    .isEqualTo(oneByOne.engine.depth(market, 100));
        }
    }

    /** Ids 1, 2, 3, ...: the same on both engines, whatever the clock. */
    private static IdGenerator countingIds() {
        AtomicLong last = new AtomicLong();
        return () -> new UUID(0, last.incrementAndGet());
    }

    /** Replays the one-by-one stream on another engine, the order commands in batches. */
    private static final class Replay {
        private final long seed;
        private final SplittableRandom random;
        private final TradingEngineProperties.Run expected;
        private final TradingEngineProperties.Run actual;
        private final List<OrderCommand> batch = new ArrayList<>();
        private final List<Integer> steps = new ArrayList<>();
        /** Orders placed by the commands of the batch: a host learns their ids only from the results. */
        private final Set<UUID> placedInBatch = new HashSet<>();
        private int batchLength;

        Replay(long seed, TradingEngineProperties.Run expected, TradingEngineProperties.Run actual) {
            this.seed = seed;
            this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
            this.expected = expected;
            this.actual = actual;
        }

        void play() {
            batchLength = nextLength();
            for (int step = 0; step < expected.commands.size(); step++) {
                Object command = expected.commands.get(step);
                if (!(command instanceof OrderCommand orderCommand)) {
                    send();
                    assertThat(actual.execute(command)).as(where(step)).isEqualTo(expected.results.get(step));
                    continue;
                }
                if (placedInBatch.contains(orderNamed(orderCommand))) {
                    send();
                }
                batch.add(orderCommand);
                steps.add(step);
                if (expected.results.get(step) instanceof PlaceResult.Placed placed) {
                    placedInBatch.add(placed.order().id());
                    if (placed.order().ocoSiblingId() != null) {
                        placedInBatch.add(placed.order().ocoSiblingId());
                    }
                }
                if (batch.size() == batchLength) {
                    send();
                }
            }
            send();
        }

        private void send() {
            if (batch.isEmpty()) {
                return;
            }
            List<OrderResult> results = actual.engine.execute(batch);
            assertThat(results).hasSize(batch.size());
            for (int k = 0; k < results.size(); k++) {
                int step = steps.get(k);
                assertThat(results.get(k)).as(where(step) + " in a batch of " + batch.size())
                        .isEqualTo(expected.results.get(step));
            }
            AuditReport report = actual.engine.audit();
            assertThat(report.isClean()).as("seed " + seed + ", batch ending at step " + steps.get(steps.size() - 1)
                    + ":\n" + report).isTrue();
            batch.clear();
            steps.clear();
            placedInBatch.clear();
            batchLength = nextLength();
        }

        private int nextLength() {
            return 1 + random.nextInt(LONGEST_BATCH);
        }

        private String where(int step) {
            return "seed " + seed + ", step " + step + ": " + expected.commands.get(step);
        }

        private static UUID orderNamed(OrderCommand command) {
            if (command instanceof AmendOrder amend) {
                return amend.orderId();
            }
            return command instanceof CancelOrder cancel ? cancel.orderId() : null;
        }
    }
}
