package io.tokenized.trading.core.book;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays generated command streams through {@link OrderBook} and the naive {@link ReferenceBook} and
 * requires identical callbacks after every command and identical state along the way. On failure jqwik
 * prints the seed that reproduces the stream ({@code @Property(seed = "...")} replays it).
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

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void theBookBehavesExactlyLikeTheReferenceBook(@ForAll("scenarios") Scenario scenario) {
        RecordingListener fastEvents = new RecordingListener();
        RecordingListener referenceEvents = new RecordingListener();
        OrderBook book = new OrderBook(scenario.quoteMinorPerTickLot(), fastEvents);
        ReferenceBook reference = new ReferenceBook(scenario.quoteMinorPerTickLot(), referenceEvents);

        List<BookCommand> commands = scenario.commands();
        List<Step> transcript = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
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
        // How often each kind of outcome occurs across the tries: shows the streams reach every rule.
        for (String outcome : seen) {
            Statistics.label("streams with").collect(outcome);
        }
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

    @Provide
    Arbitrary<Scenario> scenarios() {
        // Large units make ordinary prices and sizes reach the overflow checks now and then.
        Arbitrary<Long> units = Arbitraries.of(1L, 7L, 1_000_000_000_000L);
        return units.flatMap(unit -> command(unit).list().ofSize(COMMANDS_PER_STREAM)
                .map(commands -> new Scenario(unit, commands)));
    }

    private static Arbitrary<BookCommand> command(long unit) {
        return Arbitraries.frequencyOf(
                Tuple.of(30, gtcLimit()),
                Tuple.of(8, immediateLimit()),
                Tuple.of(6, marketByQuantity()),
                Tuple.of(4, marketByBudget(unit)),
                Tuple.of(5, stopLimit()),
                Tuple.of(5, stopMarket(unit)),
                Tuple.of(4, oco()),
                Tuple.of(12, cancel()),
                Tuple.of(8, reduce()),
                Tuple.of(18, move()));
    }

    private static Arbitrary<BookCommand> gtcLimit() {
        return Combinators.combine(orderIds(), sides(), prices(), quantities(), Arbitraries.of(true, false, false, false), stps())
                .as((id, side, price, qty, postOnly, stp) ->
                        new BookCommand.PlaceLimit(id, ownerOf(id), side, price, qty, TimeInForce.GTC, postOnly, stp));
    }

    private static Arbitrary<BookCommand> immediateLimit() {
        return Combinators.combine(orderIds(), sides(), prices(), quantities(),
                        Arbitraries.of(TimeInForce.IOC, TimeInForce.FOK), Arbitraries.of(false, false, false, true), stps())
                .as((id, side, price, qty, tif, postOnly, stp) ->
                        new BookCommand.PlaceLimit(id, ownerOf(id), side, price, qty, tif, postOnly, stp));
    }

    private static Arbitrary<BookCommand> marketByQuantity() {
        return Combinators.combine(orderIds(), sides(), quantities(),
                        Arbitraries.of(TimeInForce.IOC, TimeInForce.FOK, TimeInForce.IOC), stps())
                .as((id, side, qty, tif, stp) -> new BookCommand.PlaceMarket(id, ownerOf(id), side, qty, 0, tif, stp));
    }

    private static Arbitrary<BookCommand> marketByBudget(long unit) {
        // Mostly budget-only; sometimes also a quantity (invalid) or a negative quantity.
        Arbitrary<Long> alsoQuantity = Arbitraries.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 3L, -1L);
        return Combinators.combine(orderIds(), Arbitraries.of(Side.BUY, Side.BUY, Side.BUY, Side.SELL),
                        alsoQuantity, budgets(unit), Arbitraries.of(TimeInForce.IOC, TimeInForce.FOK), stps())
                .as((id, side, qty, budget, tif, stp) ->
                        new BookCommand.PlaceMarket(id, ownerOf(id), side, qty, budget, tif, stp));
    }

    private static Arbitrary<BookCommand> stopLimit() {
        return Combinators.combine(orderIds(), sides(), prices(), prices(), quantities(), tifs(), stps())
                .as((id, side, stop, limit, qty, tif, stp) ->
                        new BookCommand.PlaceStopLimit(id, ownerOf(id), side, stop, limit, qty, tif, stp));
    }

    private static Arbitrary<BookCommand> stopMarket(long unit) {
        return Combinators.combine(orderIds(), sides(), prices(), quantities(), budgets(unit),
                        Arbitraries.of(true, false, false), stps())
                .as((id, side, stop, qty, budget, byBudget, stp) -> byBudget
                        ? new BookCommand.PlaceStopMarket(id, ownerOf(id), side, stop, 0, budget, stp)
                        : new BookCommand.PlaceStopMarket(id, ownerOf(id), side, stop, qty, 0, stp));
    }

    private static Arbitrary<BookCommand> oco() {
        return Combinators.combine(orderIds(), orderIds(), sides(), prices(), quantities(), prices(),
                        Arbitraries.oneOf(Arbitraries.just(0L), prices()), stps())
                .as((limitId, stopId, side, limit, qty, stop, stopLimit, stp) ->
                        new BookCommand.PlaceOco(limitId, stopId, ownerOf(limitId), side, limit, qty, stop, stopLimit,
                                stp));
    }

    private static Arbitrary<BookCommand> cancel() {
        return Combinators.combine(orderIds(), strangers()).as((id, stranger) ->
                new BookCommand.Cancel(id, claimedOwner(id, stranger)));
    }

    private static Arbitrary<BookCommand> reduce() {
        return Combinators.combine(orderIds(), strangers(), Arbitraries.longs().between(-1, 12))
                .as((id, stranger, lots) -> new BookCommand.Reduce(id, claimedOwner(id, stranger), lots));
    }

    private static Arbitrary<BookCommand> move() {
        return Combinators.combine(orderIds(), strangers(), prices())
                .as((id, stranger, price) -> new BookCommand.Move(id, claimedOwner(id, stranger), price));
    }

    private static Arbitrary<Long> orderIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(98, Arbitraries.longs().between(1, MAX_ORDER_ID)),
                Tuple.of(2, Arbitraries.of(0L, -3L)));
    }

    /** Each id belongs to one of three users, so the same user meets their own orders (self-trades). */
    private static long ownerOf(long orderId) {
        return 1 + Math.floorMod(orderId, 3);
    }

    /** Who claims an order: 0 (85%) means its owner, otherwise that user (right or wrong by chance). */
    private static Arbitrary<Long> strangers() {
        return Arbitraries.frequencyOf(
                Tuple.of(85, Arbitraries.just(0L)),
                Tuple.of(15, Arbitraries.longs().between(1, 3)));
    }

    private static long claimedOwner(long orderId, long stranger) {
        return stranger == 0 ? ownerOf(orderId) : stranger;
    }

    private static Arbitrary<Side> sides() {
        return Arbitraries.of(Side.class);
    }

    private static Arbitrary<TimeInForce> tifs() {
        return Arbitraries.of(TimeInForce.class);
    }

    private static Arbitrary<SelfTradePrevention> stps() {
        return Arbitraries.of(SelfTradePrevention.class);
    }

    /** Prices in a narrow band so that orders cross often; rarely invalid or huge. */
    private static Arbitrary<Long> prices() {
        return Arbitraries.frequencyOf(
                Tuple.of(97, Arbitraries.longs().between(95, 105)),
                Tuple.of(1, Arbitraries.of(0L, -1L)),
                Tuple.of(2, Arbitraries.of(Long.MAX_VALUE / 4, 3_000_000_000L)));
    }

    /** Sizes skewed small; rarely invalid or huge. */
    private static Arbitrary<Long> quantities() {
        return Arbitraries.frequencyOf(
                Tuple.of(70, Arbitraries.longs().between(1, 4)),
                Tuple.of(27, Arbitraries.longs().between(5, 25)),
                Tuple.of(1, Arbitraries.of(0L, -2L)),
                Tuple.of(2, Arbitraries.of(Long.MAX_VALUE / 3, 5_000_000_000L)));
    }

    /** Budgets worth a few lots at the band's prices, with odd remainders; rarely invalid. */
    private static Arbitrary<Long> budgets(long unit) {
        return Arbitraries.frequencyOf(
                Tuple.of(97, Combinators.combine(Arbitraries.longs().between(0, 40),
                                Arbitraries.longs().between(0, 150))
                        .as((lots, odd) -> (lots * 100 + odd) * unit)),
                Tuple.of(3, Arbitraries.of(0L, -5L, Long.MAX_VALUE)));
    }
}
