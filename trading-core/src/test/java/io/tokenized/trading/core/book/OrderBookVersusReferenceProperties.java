package io.tokenized.trading.core.book;

import io.tokenized.trading.core.testing.Seeds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays generated command streams through {@link OrderBook} and the naive {@link ReferenceBook} and
 * requires identical callbacks after every command and identical state along the way. Each stream comes
 * from one seed ({@link Seeds}): a failure names it, and {@code -Dtrading.seed=N} replays it.
 */
class OrderBookVersusReferenceProperties {

    private static final int COMMANDS_PER_STREAM = 500;
    /** A small id space, so that cancels, reduces and moves often hit live orders and ids get reused. */
    private static final long MAX_ORDER_ID = 300;

    record Scenario(long quoteMinorPerTickLot, List<BookCommand> commands) {
    }

    /** One replayed command and what the book answered; formatted only when a failure is reported. */
    record Step(int index, BookCommand command, List<String> events) {
        @Override
        public String toString() {
            return "step " + index + ": " + command + " -> " + events;
        }
    }

    private static final int STREAMS = 1000;

    @Test
    void theBookBehavesExactlyLikeTheReferenceBook() {
        Set<String> seen = new TreeSet<>();
        Seeds.forEach(STREAMS, seed -> check(scenario(new SplittableRandom(seed)), seen));

        // The streams must reach every rule, or the comparison above proves little.
        assertThat(seen).contains("traded", "rested", "triggered", "reduced", "moved",
                "cancelled IOC_REMAINDER", "cancelled SELF_TRADE", "cancelled OCO_SIBLING", "cancelled USER",
                "rejected FOK_NOT_FILLABLE", "rejected POST_ONLY_WOULD_TAKE", "rejected NO_LIQUIDITY",
                "rejected NOT_OWNER", "rejected UNKNOWN_ORDER", "rejected OVERFLOW", "rejected INVALID_QUANTITY",
                "rejected INVALID_PRICE", "rejected DUPLICATE_ORDER_ID");
    }

    private static void check(Scenario scenario, Set<String> seen) {
        RecordingListener fastEvents = new RecordingListener();
        RecordingListener referenceEvents = new RecordingListener();
        OrderBook book = new OrderBook(scenario.quoteMinorPerTickLot(), fastEvents);
        ReferenceBook reference = new ReferenceBook(scenario.quoteMinorPerTickLot(), referenceEvents);

        List<BookCommand> commands = scenario.commands();
        List<Step> transcript = new ArrayList<>();
        try {
            replay(commands, book, reference, fastEvents, referenceEvents, transcript, seen);
        } catch (AssertionError failure) {
            int from = Math.max(0, transcript.size() - 60);
            StringBuilder message = new StringBuilder(failure.getMessage())
                    .append("\nlast commands and the book's callbacks:");
            for (Step step : transcript.subList(from, transcript.size())) {
                message.append('\n').append(step);
            }
            throw new AssertionError(message.toString(), failure);
        }

        OrderBook rebuilt = OrderBook.restore(scenario.quoteMinorPerTickLot(), new RecordingListener(),
                book.sequence(), book.lastTradePriceTicks(), book.orders());
        assertThat(rebuilt.stateHash()).as("a rebuilt book equals the live one").isEqualTo(book.stateHash());
        assertThat(rebuilt.orders()).isEqualTo(book.orders());
    }

    private static void replay(List<BookCommand> commands, OrderBook book, ReferenceBook reference,
                               RecordingListener fastEvents, RecordingListener referenceEvents,
                               List<Step> transcript, Set<String> seen) {
        for (int step = 0; step < commands.size(); step++) {
            BookCommand command = commands.get(step);
            long hashBefore = book.stateHash();
            long sequenceBefore = book.sequence();
            command.applyTo(book);
            command.applyTo(reference);

            List<String> fast = fastEvents.drain();
            transcript.add(new Step(step, command, fast));
            for (String event : fast) {
                seen.add(event.substring(0, event.indexOf(' ')) + kindOf(event));
            }
            String where = "step %s: %s";
            assertThat(fast).as(where, step, command).isEqualTo(referenceEvents.drain());
            assertThat(fast).as(where, step, command).isNotEmpty();
            if (fast.get(0).startsWith("rejected")) {
                assertThat(fast).as(where, step, command).hasSize(1);
                assertThat(book.stateHash()).as("a rejected command changes nothing; step %s: %s", step, command)
                        .isEqualTo(hashBefore);
                assertThat(book.sequence()).as(where, step, command).isEqualTo(sequenceBefore);
            } else {
                assertThat(book.sequence()).as(where, step, command).isEqualTo(sequenceBefore + 1);
            }
            assertThat(book.bestBidTicks()).as(where, step, command).isEqualTo(reference.bestBidTicks());
            assertThat(book.bestAskTicks()).as(where, step, command).isEqualTo(reference.bestAskTicks());
            assertThat(book.bestBidTicks() == 0 || book.bestAskTicks() == 0
                    || book.bestBidTicks() < book.bestAskTicks())
                    .as("the book is never crossed; step %s: %s", step, command).isTrue();
            if (step % 50 == 49) {
                assertSameState(book, reference, "step " + step);
            }
        }
        assertSameState(book, reference, "end");
    }

    /** The reason of a rejection or cancellation, empty for other callbacks. */
    private static String kindOf(String event) {
        if (event.startsWith("rejected") || event.startsWith("cancelled")) {
            return " " + event.substring(event.lastIndexOf(' ') + 1);
        }
        return "";
    }

    private static void assertSameState(OrderBook book, ReferenceBook reference, String where) {
        assertThat(book.orders()).as(where).isEqualTo(reference.orders());
        assertThat(book.depth(Integer.MAX_VALUE)).as(where).isEqualTo(reference.depth(Integer.MAX_VALUE));
        assertThat(book.depth(3)).as(where).isEqualTo(reference.depth(3));
        assertThat(book.openOrderCount()).as(where).isEqualTo(reference.openOrderCount());
        assertThat(book.lastTradePriceTicks()).as(where).isEqualTo(reference.lastTradePriceTicks());
        assertThat(book.stateHash()).as(where).isEqualTo(reference.stateHash());
    }

    /** One stream: a quote unit (large units make ordinary prices reach the overflow checks) and commands. */
    private static Scenario scenario(SplittableRandom random) {
        long unit = pick(random, 1L, 7L, 1_000_000_000_000L);
        List<BookCommand> commands = new ArrayList<>(COMMANDS_PER_STREAM);
        for (int i = 0; i < COMMANDS_PER_STREAM; i++) {
            commands.add(command(random, unit));
        }
        return new Scenario(unit, commands);
    }

    private static BookCommand command(SplittableRandom random, long unit) {
        int roll = random.nextInt(100);
        if (roll < 30) {
            long id = orderId(random);
            return new BookCommand.PlaceLimit(id, ownerOf(id), side(random), price(random), quantity(random),
                    TimeInForce.GTC, random.nextInt(4) == 0, stp(random));
        }
        if (roll < 38) {
            long id = orderId(random);
            return new BookCommand.PlaceLimit(id, ownerOf(id), side(random), price(random), quantity(random),
                    pick(random, TimeInForce.IOC, TimeInForce.FOK), random.nextInt(4) == 0, stp(random));
        }
        if (roll < 44) {
            long id = orderId(random);
            return new BookCommand.PlaceMarket(id, ownerOf(id), side(random), quantity(random), 0,
                    pick(random, TimeInForce.IOC, TimeInForce.FOK, TimeInForce.IOC), stp(random));
        }
        if (roll < 48) {
            // Mostly budget-only; sometimes also a quantity (invalid) or a negative quantity.
            long id = orderId(random);
            long alsoQuantity = random.nextInt(10) < 8 ? 0 : pick(random, 3L, -1L);
            return new BookCommand.PlaceMarket(id, ownerOf(id), pick(random, Side.BUY, Side.BUY, Side.BUY, Side.SELL),
                    alsoQuantity, budget(random, unit), pick(random, TimeInForce.IOC, TimeInForce.FOK), stp(random));
        }
        if (roll < 53) {
            long id = orderId(random);
            return new BookCommand.PlaceStopLimit(id, ownerOf(id), side(random), price(random), price(random),
                    quantity(random), pick(random, TimeInForce.values()), stp(random));
        }
        if (roll < 58) {
            long id = orderId(random);
            boolean byBudget = random.nextInt(3) == 0;
            return byBudget
                    ? new BookCommand.PlaceStopMarket(id, ownerOf(id), side(random), price(random), 0,
                            budget(random, unit), stp(random))
                    : new BookCommand.PlaceStopMarket(id, ownerOf(id), side(random), price(random), quantity(random),
                            0, stp(random));
        }
        if (roll < 62) {
            long limitId = orderId(random);
            long stopId = orderId(random);
            return new BookCommand.PlaceOco(limitId, stopId, ownerOf(limitId), side(random), price(random),
                    quantity(random), price(random), random.nextBoolean() ? 0 : price(random), stp(random));
        }
        long id = orderId(random);
        long claimedBy = claimedOwner(random, id);
        if (roll < 74) {
            return new BookCommand.Cancel(id, claimedBy);
        }
        if (roll < 82) {
            return new BookCommand.Reduce(id, claimedBy, random.nextLong(-1, 13));
        }
        return new BookCommand.Move(id, claimedBy, price(random));
    }

    /** Mostly a small id space, so that cancels, reduces and moves often hit live orders; rarely invalid. */
    private static long orderId(SplittableRandom random) {
        return random.nextInt(100) < 98 ? random.nextLong(1, MAX_ORDER_ID + 1) : pick(random, 0L, -3L);
    }

    /** Each id belongs to one of three users, so the same user meets their own orders (self-trades). */
    private static long ownerOf(long orderId) {
        return 1 + Math.floorMod(orderId, 3);
    }

    /** Who claims an order: its owner 85% of the time, otherwise any user (right or wrong by chance). */
    private static long claimedOwner(SplittableRandom random, long orderId) {
        return random.nextInt(100) < 85 ? ownerOf(orderId) : random.nextLong(1, 4);
    }

    private static Side side(SplittableRandom random) {
        return pick(random, Side.values());
    }

    private static SelfTradePrevention stp(SplittableRandom random) {
        return pick(random, SelfTradePrevention.values());
    }

    /** Prices in a narrow band so that orders cross often; rarely invalid or huge. */
    private static long price(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 97) {
            return random.nextLong(95, 106);
        }
        return roll < 98 ? pick(random, 0L, -1L) : pick(random, Long.MAX_VALUE / 4, 3_000_000_000L);
    }

    /** Sizes skewed small; rarely invalid or huge. */
    private static long quantity(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 70) {
            return random.nextLong(1, 5);
        }
        if (roll < 97) {
            return random.nextLong(5, 26);
        }
        return roll < 98 ? pick(random, 0L, -2L) : pick(random, Long.MAX_VALUE / 3, 5_000_000_000L);
    }

    /** Budgets worth a few lots at the band's prices, with odd remainders; rarely invalid. */
    private static long budget(SplittableRandom random, long unit) {
        if (random.nextInt(100) < 97) {
            return (random.nextLong(0, 41) * 100 + random.nextLong(0, 151)) * unit;
        }
        return pick(random, 0L, -5L, Long.MAX_VALUE);
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
