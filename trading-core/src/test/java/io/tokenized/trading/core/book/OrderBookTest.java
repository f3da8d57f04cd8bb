package io.tokenized.trading.core.book;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.TradingException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.tokenized.trading.core.book.SelfTradePrevention.CANCEL_BOTH;
import static io.tokenized.trading.core.book.SelfTradePrevention.CANCEL_MAKER;
import static io.tokenized.trading.core.book.SelfTradePrevention.CANCEL_TAKER;
import static io.tokenized.trading.core.book.Side.BUY;
import static io.tokenized.trading.core.book.Side.SELL;
import static io.tokenized.trading.core.book.TimeInForce.FOK;
import static io.tokenized.trading.core.book.TimeInForce.GTC;
import static io.tokenized.trading.core.book.TimeInForce.IOC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderBookTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long CAROL = 3;

    private final RecordingListener events = new RecordingListener();
    private final OrderBook book = new OrderBook(1, events);

    private void sell(long orderId, long userId, long priceTicks, long lots) {
        book.placeLimit(orderId, userId, SELL, priceTicks, lots, GTC, false, CANCEL_TAKER);
    }

    private void buy(long orderId, long userId, long priceTicks, long lots) {
        book.placeLimit(orderId, userId, BUY, priceTicks, lots, GTC, false, CANCEL_TAKER);
    }

    /** Clears what the setup recorded, so a test's assertions see only its own command. */
    private void given(Runnable setup) {
        setup.run();
        events.drain();
    }

    /** Runs a command that must be refused and checks that it changed nothing at all. */
    private void assertRefused(RejectReason reason, long orderId, Consumer<OrderBook> command) {
        long hashBefore = book.stateHash();
        long sequenceBefore = book.sequence();
        List<OrderView> ordersBefore = book.orders();
        command.accept(book);
        assertThat(events.drain()).containsExactly("rejected " + orderId + " " + reason);
        assertThat(book.stateHash()).isEqualTo(hashBefore);
        assertThat(book.sequence()).isEqualTo(sequenceBefore);
        assertThat(book.orders()).isEqualTo(ordersBefore);
    }

    @Nested
    class PriceTimePriority {
        @Test
        void aBuyTakesTheLowestAskFirst() {
            given(() -> {
                sell(1, ALICE, 102, 5);
                sell(2, ALICE, 101, 5);
            });
            buy(3, BOB, 105, 5);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "traded taker 3/u2 BUY maker 2/u1 5@101 quote 505 left maker 0 taker 0");
            assertThat(book.bestAskTicks()).isEqualTo(102);
        }

        @Test
        void ordersAtTheSamePriceFillInTheOrderTheyArrived() {
            given(() -> {
                sell(1, ALICE, 100, 2);
                sell(2, CAROL, 100, 2);
            });
            buy(3, BOB, 100, 3);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "traded taker 3/u2 BUY maker 1/u1 2@100 quote 200 left maker 0 taker 1",
                    "traded taker 3/u2 BUY maker 2/u3 1@100 quote 100 left maker 1 taker 0");
        }

        @Test
        void aTradeHappensAtTheMakersPriceNotTheTakersLimit() {
            given(() -> buy(1, ALICE, 100, 4));
            sell(2, BOB, 90, 4);
            assertThat(events.drain()).contains("traded taker 2/u2 SELL maker 1/u1 4@100 quote 400 left maker 0 taker 0");
            assertThat(book.lastTradePriceTicks()).isEqualTo(100);
        }

        @Test
        void aPartiallyFilledTakerRestsItsRemainderAtItsLimit() {
            given(() -> sell(1, ALICE, 100, 3));
            buy(2, BOB, 101, 10);
            assertThat(events.drain()).containsExactly(
                    "accepted 2 seq 2",
                    "traded taker 2/u2 BUY maker 1/u1 3@100 quote 300 left maker 0 taker 7",
                    "rested 2/u2 BUY 7@101");
            assertThat(book.bestBidTicks()).isEqualTo(101);
            assertThat(book.order(2).remainingLots()).isEqualTo(7);
            assertThat(book.order(2).originalLots()).isEqualTo(10);
        }

        @Test
        void aPartiallyFilledMakerKeepsItsPlaceAtTheFrontOfTheQueue() {
            given(() -> {
                sell(1, ALICE, 100, 5);
                sell(2, CAROL, 100, 5);
                buy(3, BOB, 100, 2);
            });
            buy(4, BOB, 100, 4);
            assertThat(events.drain()).containsExactly(
                    "accepted 4 seq 4",
                    "traded taker 4/u2 BUY maker 1/u1 3@100 quote 300 left maker 0 taker 1",
                    "traded taker 4/u2 BUY maker 2/u3 1@100 quote 100 left maker 4 taker 0");
        }

        @Test
        void aTakerSweepsLevelsOnlyUpToItsLimitPrice() {
            given(() -> {
                sell(1, ALICE, 100, 1);
                sell(2, ALICE, 101, 1);
                sell(3, ALICE, 103, 1);
            });
            buy(4, BOB, 102, 5);
            assertThat(events.drain()).containsExactly(
                    "accepted 4 seq 4",
                    "traded taker 4/u2 BUY maker 1/u1 1@100 quote 100 left maker 0 taker 4",
                    "traded taker 4/u2 BUY maker 2/u1 1@101 quote 101 left maker 0 taker 3",
                    "rested 4/u2 BUY 3@102");
            assertThat(book.bestAskTicks()).isEqualTo(103);
        }

        @Test
        void theQuoteAmountIsPriceTimesLotsTimesTheMarketsUnit() {
            OrderBook coarse = new OrderBook(25, events);
            coarse.placeLimit(1, ALICE, SELL, 40, 3, GTC, false, CANCEL_TAKER);
            coarse.placeLimit(2, BOB, BUY, 40, 3, GTC, false, CANCEL_TAKER);
            assertThat(events.drain()).contains("traded taker 2/u2 BUY maker 1/u1 3@40 quote 3000 left maker 0 taker 0");
        }
    }

    @Nested
    class TimeInForceRules {
        @Test
        void anIocOrderCancelsItsRemainderInsteadOfResting() {
            given(() -> sell(1, ALICE, 100, 2));
            book.placeLimit(2, BOB, BUY, 100, 5, IOC, false, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 2 seq 2",
                    "traded taker 2/u2 BUY maker 1/u1 2@100 quote 200 left maker 0 taker 3",
                    "cancelled 2/u2 left 3 IOC_REMAINDER");
            assertThat(book.openOrderCount()).isZero();
        }

        @Test
        void anIocOrderThatCannotCrossIsRejectedForLackOfLiquidity() {
            given(() -> sell(1, ALICE, 100, 2));
            assertRefused(RejectReason.NO_LIQUIDITY, 2, b -> b.placeLimit(2, BOB, BUY, 99, 5, IOC, false, CANCEL_TAKER));
        }

        @Test
        void aFokOrderThatCannotFillCompletelyIsRejectedBeforeAnyFill() {
            given(() -> {
                sell(1, ALICE, 100, 2);
                sell(2, ALICE, 101, 2);
            });
            assertRefused(RejectReason.FOK_NOT_FILLABLE, 3,
                    b -> b.placeLimit(3, BOB, BUY, 101, 5, FOK, false, CANCEL_TAKER));
        }

        @Test
        void aFokOrderCountsOnlyLiquidityWithinItsLimit() {
            given(() -> {
                sell(1, ALICE, 100, 2);
                sell(2, ALICE, 102, 9);
            });
            assertRefused(RejectReason.FOK_NOT_FILLABLE, 3,
                    b -> b.placeLimit(3, BOB, BUY, 101, 3, FOK, false, CANCEL_TAKER));
        }

        @Test
        void aFokOrderThatCanFillCompletelyFillsAcrossLevels() {
            given(() -> {
                sell(1, ALICE, 100, 2);
                sell(2, CAROL, 101, 2);
            });
            book.placeLimit(3, BOB, BUY, 101, 4, FOK, false, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "traded taker 3/u2 BUY maker 1/u1 2@100 quote 200 left maker 0 taker 2",
                    "traded taker 3/u2 BUY maker 2/u3 2@101 quote 202 left maker 0 taker 0");
        }

        @Test
        void aFokOrderDoesNotCountItsOwnersOrdersThatWouldStopIt() {
            given(() -> {
                sell(1, BOB, 100, 5);
                sell(2, ALICE, 100, 5);
            });
            assertRefused(RejectReason.FOK_NOT_FILLABLE, 3,
                    b -> b.placeLimit(3, BOB, BUY, 100, 5, FOK, false, CANCEL_TAKER));
        }
    }

    @Nested
    class PostOnly {
        @Test
        void aPostOnlyOrderThatWouldTakeIsRejected() {
            given(() -> sell(1, ALICE, 100, 2));
            assertRefused(RejectReason.POST_ONLY_WOULD_TAKE, 2,
                    b -> b.placeLimit(2, BOB, BUY, 100, 1, GTC, true, CANCEL_TAKER));
        }

        @Test
        void aPostOnlyOrderThatDoesNotCrossRests() {
            given(() -> sell(1, ALICE, 100, 2));
            book.placeLimit(2, BOB, BUY, 99, 1, GTC, true, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly("accepted 2 seq 2", "rested 2/u2 BUY 1@99");
            assertThat(book.order(2).postOnly()).isTrue();
        }

        @Test
        void postOnlyOnlyMakesSenseForAnOrderThatMayRest() {
            assertRefused(RejectReason.INVALID_ORDER, 1, b -> b.placeLimit(1, BOB, BUY, 99, 1, IOC, true, CANCEL_TAKER));
        }
    }

    @Nested
    class MarketOrders {
        @Test
        void aMarketOrderByQuantitySweepsTheBookAndCancelsWhatIsLeft() {
            given(() -> {
                buy(1, ALICE, 100, 2);
                buy(2, ALICE, 90, 1);
            });
            book.placeMarket(3, BOB, SELL, 5, 0, IOC, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "traded taker 3/u2 SELL maker 1/u1 2@100 quote 200 left maker 0 taker 3",
                    "traded taker 3/u2 SELL maker 2/u1 1@90 quote 90 left maker 0 taker 2",
                    "cancelled 3/u2 left 2 IOC_REMAINDER");
            assertThat(book.bestBidTicks()).isZero();
        }

        @Test
        void aMarketOrderWithNothingToMatchIsRejectedAndChangesNothing() {
            given(() -> buy(1, ALICE, 100, 2));
            assertRefused(RejectReason.NO_LIQUIDITY, 2, b -> b.placeMarket(2, BOB, BUY, 5, 0, IOC, CANCEL_TAKER));
        }

        @Test
        void aMarketBuyByBudgetBuysWholeLotsWhileTheBudgetLasts() {
            given(() -> {
                sell(1, ALICE, 100, 2);
                sell(2, ALICE, 120, 5);
            });
            book.placeMarket(3, BOB, BUY, 0, 500, IOC, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "traded taker 3/u2 BUY maker 1/u1 2@100 quote 200 left maker 0 taker 0",
                    "traded taker 3/u2 BUY maker 2/u1 2@120 quote 240 left maker 3 taker 0",
                    "cancelled 3/u2 left 0 BUDGET_EXHAUSTED");
        }

        @Test
        void aMarketBuyByBudgetThatSpendsItExactlyEndsWithoutACancel() {
            given(() -> sell(1, ALICE, 100, 5));
            book.placeMarket(2, BOB, BUY, 0, 300, IOC, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 2 seq 2",
                    "traded taker 2/u2 BUY maker 1/u1 3@100 quote 300 left maker 2 taker 0");
        }

        @Test
        void aBudgetThatRunsOutAtOneMakerNeverReachesTheOrdersBehindIt() {
            given(() -> {
                sell(1, ALICE, 100, 5);
                sell(2, BOB, 100, 5);
            });
            // Found by the reference-book property: the taker's own order behind the maker was cancelled.
            book.placeMarket(3, BOB, BUY, 0, 250, IOC, CANCEL_MAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "traded taker 3/u2 BUY maker 1/u1 2@100 quote 200 left maker 3 taker 0",
                    "cancelled 3/u2 left 0 BUDGET_EXHAUSTED");
            assertThat(book.order(2)).isNotNull();
        }

        @Test
        void aMarketBuyByBudgetTooSmallForOneLotIsRejected() {
            given(() -> sell(1, ALICE, 100, 5));
            assertRefused(RejectReason.NO_LIQUIDITY, 2, b -> b.placeMarket(2, BOB, BUY, 0, 99, IOC, CANCEL_TAKER));
        }

        @Test
        void aMarketBuyByBudgetThatEmptiesTheBookCancelsTheRest() {
            given(() -> sell(1, ALICE, 100, 1));
            book.placeMarket(2, BOB, BUY, 0, 1000, IOC, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 2 seq 2",
                    "traded taker 2/u2 BUY maker 1/u1 1@100 quote 100 left maker 0 taker 0",
                    "cancelled 2/u2 left 0 IOC_REMAINDER");
        }

        @Test
        void aFokMarketBuyByBudgetIsRejectedWhenTheBookCannotSpendIt() {
            given(() -> sell(1, ALICE, 100, 2));
            assertRefused(RejectReason.FOK_NOT_FILLABLE, 2, b -> b.placeMarket(2, BOB, BUY, 0, 350, FOK, CANCEL_TAKER));
        }

        @Test
        void aFokMarketBuyByBudgetFillsWhenTheBookCanSpendItDownToLessThanALot() {
            given(() -> sell(1, ALICE, 100, 5));
            book.placeMarket(2, BOB, BUY, 0, 350, FOK, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 2 seq 2",
                    "traded taker 2/u2 BUY maker 1/u1 3@100 quote 300 left maker 2 taker 0",
                    "cancelled 2/u2 left 0 BUDGET_EXHAUSTED");
        }

        @Test
        void aMarketOrderIsSizedByExactlyOneOfQuantityAndBudget() {
            given(() -> sell(1, ALICE, 100, 5));
            assertRefused(RejectReason.INVALID_ORDER, 2, b -> b.placeMarket(2, BOB, BUY, 1, 100, IOC, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_QUANTITY, 2, b -> b.placeMarket(2, BOB, BUY, 0, 0, IOC, CANCEL_TAKER));
        }

        @Test
        void onlyABuyMayBeSizedByBudget() {
            given(() -> buy(1, ALICE, 100, 5));
            assertRefused(RejectReason.INVALID_ORDER, 2, b -> b.placeMarket(2, BOB, SELL, 0, 500, IOC, CANCEL_TAKER));
        }

        @Test
        void aMarketOrderCannotRest() {
            given(() -> sell(1, ALICE, 100, 5));
            assertRefused(RejectReason.INVALID_ORDER, 2, b -> b.placeMarket(2, BOB, BUY, 1, 0, GTC, CANCEL_TAKER));
        }
    }

    @Nested
    class CancelReduceMove {
        @Test
        void cancellingARestingOrderRemovesItAndReportsWhatWasLeft() {
            given(() -> {
                sell(1, ALICE, 100, 5);
                buy(2, BOB, 100, 2);
            });
            book.cancel(1, ALICE);
            assertThat(events.drain()).containsExactly("accepted 1 seq 3", "cancelled 1/u1 left 3 USER");
            assertThat(book.order(1)).isNull();
            assertThat(book.bestAskTicks()).isZero();
        }

        @Test
        void onlyTheOwnerMayCancel() {
            given(() -> sell(1, ALICE, 100, 5));
            assertRefused(RejectReason.NOT_OWNER, 1, b -> b.cancel(1, BOB));
        }

        @Test
        void cancellingAnUnknownOrderIsRejected() {
            given(() -> sell(1, ALICE, 100, 5));
            assertRefused(RejectReason.UNKNOWN_ORDER, 7, b -> b.cancel(7, ALICE));
            assertRefused(RejectReason.UNKNOWN_ORDER, 0, b -> b.cancel(0, ALICE));
        }

        @Test
        void aFilledOrderCanNoLongerBeCancelled() {
            given(() -> {
                sell(1, ALICE, 100, 5);
                buy(2, BOB, 100, 5);
            });
            assertRefused(RejectReason.UNKNOWN_ORDER, 1, b -> b.cancel(1, ALICE));
        }

        @Test
        void reducingAnOrderKeepsItsPlaceInTheQueue() {
            given(() -> {
                sell(1, ALICE, 100, 5);
                sell(2, CAROL, 100, 5);
            });
            book.reduce(1, ALICE, 2);
            assertThat(events.drain()).containsExactly("accepted 1 seq 3", "reduced 1/u1 5->2");
            assertThat(book.depth(1).asks()).containsExactly(new DepthLevel(100, 7, 2));
            buy(3, BOB, 100, 3);
            assertThat(events.drain()).contains(
                    "traded taker 3/u2 BUY maker 1/u1 2@100 quote 200 left maker 0 taker 1",
                    "traded taker 3/u2 BUY maker 2/u3 1@100 quote 100 left maker 4 taker 0");
        }

        @Test
        void aReductionLowersTheOrdersSizeSoThatARebuiltBookIsIdentical() {
            given(() -> {
                sell(1, ALICE, 100, 10);
                buy(2, BOB, 100, 4);
            });
            book.reduce(1, ALICE, 2);
            assertThat(book.order(1).remainingLots()).isEqualTo(2);
            assertThat(book.order(1).originalLots()).as("4 filled + 2 remaining").isEqualTo(6);

            OrderBook rebuilt = OrderBook.restore(1, new RecordingListener(), book.sequence(),
                    book.lastTradePriceTicks(), book.orders());
            assertThat(rebuilt.stateHash()).isEqualTo(book.stateHash());
        }

        @Test
        void aReductionMustLeaveLessButSomething() {
            given(() -> sell(1, ALICE, 100, 5));
            assertRefused(RejectReason.INVALID_QUANTITY, 1, b -> b.reduce(1, ALICE, 5));
            assertRefused(RejectReason.INVALID_QUANTITY, 1, b -> b.reduce(1, ALICE, 6));
            assertRefused(RejectReason.INVALID_QUANTITY, 1, b -> b.reduce(1, ALICE, 0));
            assertRefused(RejectReason.INVALID_QUANTITY, 1, b -> b.reduce(1, ALICE, -1));
        }

        @Test
        void onlyTheOwnerMayReduce() {
            given(() -> sell(1, ALICE, 100, 5));
            assertRefused(RejectReason.NOT_OWNER, 1, b -> b.reduce(1, BOB, 2));
        }

        @Test
        void movingAnOrderSendsItToTheBackOfItsNewQueue() {
            given(() -> {
                sell(1, ALICE, 101, 5);
                sell(2, CAROL, 100, 5);
            });
            book.move(1, ALICE, 100);
            assertThat(events.drain()).containsExactly("accepted 1 seq 3", "moved 1/u1 101->100", "rested 1/u1 SELL 5@100");
            buy(3, BOB, 100, 6);
            assertThat(events.drain()).contains(
                    "traded taker 3/u2 BUY maker 2/u3 5@100 quote 500 left maker 0 taker 1",
                    "traded taker 3/u2 BUY maker 1/u1 1@100 quote 100 left maker 4 taker 0");
        }

        @Test
        void movingAnOrderToItsOwnPriceStillSendsItToTheBack() {
            given(() -> {
                sell(1, ALICE, 100, 5);
                sell(2, CAROL, 100, 5);
            });
            book.move(1, ALICE, 100);
            events.drain();
            assertThat(book.orders()).extracting(OrderView::orderId).containsExactly(2L, 1L);
        }

        @Test
        void movingAcrossTheSpreadTradesAsATaker() {
            given(() -> {
                sell(1, ALICE, 100, 2);
                buy(2, BOB, 95, 5);
            });
            book.move(2, BOB, 100);
            assertThat(events.drain()).containsExactly(
                    "accepted 2 seq 3",
                    "moved 2/u2 95->100",
                    "traded taker 2/u2 BUY maker 1/u1 2@100 quote 200 left maker 0 taker 3",
                    "rested 2/u2 BUY 3@100");
        }

        @Test
        void aPostOnlyOrderMovedAcrossTheSpreadIsRejected() {
            given(() -> {
                sell(1, ALICE, 100, 2);
                book.placeLimit(2, BOB, BUY, 95, 5, GTC, true, CANCEL_TAKER);
            });
            assertRefused(RejectReason.POST_ONLY_WOULD_TAKE, 2, b -> b.move(2, BOB, 100));
        }

        @Test
        void onlyTheOwnerMayMoveAndOnlyToAPositivePrice() {
            given(() -> sell(1, ALICE, 100, 5));
            assertRefused(RejectReason.NOT_OWNER, 1, b -> b.move(1, BOB, 99));
            assertRefused(RejectReason.INVALID_PRICE, 1, b -> b.move(1, ALICE, 0));
            assertRefused(RejectReason.UNKNOWN_ORDER, 9, b -> b.move(9, ALICE, 99));
        }
    }

    @Nested
    class SelfTradePreventionModes {
        @Test
        void cancelTakerCancelsTheIncomingOrderAndKeepsTheRestingOne() {
            given(() -> sell(1, ALICE, 100, 5));
            book.placeLimit(2, ALICE, BUY, 100, 3, GTC, false, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly("accepted 2 seq 2", "cancelled 2/u1 left 3 SELF_TRADE");
            assertThat(book.order(1).remainingLots()).isEqualTo(5);
        }

        @Test
        void cancelTakerStillTradesWithOtherUsersAheadOfTheOwnOrder() {
            given(() -> {
                sell(1, BOB, 100, 2);
                sell(2, ALICE, 100, 5);
            });
            book.placeLimit(3, ALICE, BUY, 100, 4, GTC, false, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "traded taker 3/u1 BUY maker 1/u2 2@100 quote 200 left maker 0 taker 2",
                    "cancelled 3/u1 left 2 SELF_TRADE");
        }

        @Test
        void cancelMakerCancelsTheRestingOrderAndMatchingGoesOn() {
            given(() -> {
                sell(1, ALICE, 100, 5);
                sell(2, BOB, 100, 5);
            });
            book.placeLimit(3, ALICE, BUY, 100, 3, GTC, false, CANCEL_MAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "cancelled 1/u1 left 5 SELF_TRADE",
                    "traded taker 3/u1 BUY maker 2/u2 3@100 quote 300 left maker 2 taker 0");
        }

        @Test
        void cancelBothCancelsTheRestingAndTheIncomingOrder() {
            given(() -> {
                sell(1, ALICE, 100, 5);
                sell(2, BOB, 100, 5);
            });
            book.placeLimit(3, ALICE, BUY, 100, 3, GTC, false, CANCEL_BOTH);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "cancelled 1/u1 left 5 SELF_TRADE",
                    "cancelled 3/u1 left 3 SELF_TRADE");
            assertThat(book.order(2).remainingLots()).isEqualTo(5);
        }
    }

    @Nested
    class Stops {
        @Test
        void aStopWaitsOffTheBookUntilTheLastTradePriceCrossesIt() {
            given(() -> {
                sell(1, ALICE, 100, 1);
                buy(2, BOB, 100, 1);
                sell(3, ALICE, 105, 5);
            });
            book.placeStopLimit(4, CAROL, BUY, 103, 105, 2, GTC, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly("accepted 4 seq 4", "stopPending 4/u3 BUY stop 103");
            assertThat(book.bestBidTicks()).isZero();
            assertThat(book.order(4).kind()).isEqualTo(OrderKind.STOP_LIMIT);

            sell(5, ALICE, 103, 1);
            buy(6, BOB, 103, 1);
            assertThat(events.drain()).containsExactly(
                    "accepted 5 seq 5", "rested 5/u1 SELL 1@103",
                    "accepted 6 seq 6",
                    "traded taker 6/u2 BUY maker 5/u1 1@103 quote 103 left maker 0 taker 0",
                    "triggered 4/u3 at 103",
                    "traded taker 4/u3 BUY maker 3/u1 2@105 quote 210 left maker 3 taker 0");
            assertThat(book.order(4)).isNull();
        }

        @Test
        void aSellStopTriggersWhenTheLastTradeFallsToItsStop() {
            given(() -> {
                buy(1, ALICE, 90, 5);
                book.placeStopMarket(2, CAROL, SELL, 95, 2, 0, CANCEL_TAKER);
                sell(3, ALICE, 96, 1);
            });
            buy(4, BOB, 96, 1);
            assertThat(events.drain()).isEqualTo(List.of("accepted 4 seq 4",
                    "traded taker 4/u2 BUY maker 3/u1 1@96 quote 96 left maker 0 taker 0"));
            sell(5, ALICE, 95, 1);
            buy(6, BOB, 95, 1);
            assertThat(events.drain()).containsSubsequence(
                    "triggered 2/u3 at 95",
                    "traded taker 2/u3 SELL maker 1/u1 2@90 quote 180 left maker 3 taker 0");
        }

        @Test
        void aStopPlacedBeforeAnyTradeSimplyWaits() {
            book.placeStopMarket(1, CAROL, BUY, 100, 1, 0, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly("accepted 1 seq 1", "stopPending 1/u3 BUY stop 100");
        }

        @Test
        void aStopWhoseStopPriceIsAlreadyCrossedIsRejected() {
            given(() -> {
                sell(1, ALICE, 100, 1);
                buy(2, BOB, 100, 1);
            });
            assertRefused(RejectReason.STOP_ALREADY_TRIGGERED, 3,
                    b -> b.placeStopLimit(3, CAROL, BUY, 100, 101, 1, GTC, CANCEL_TAKER));
            assertRefused(RejectReason.STOP_ALREADY_TRIGGERED, 3,
                    b -> b.placeStopMarket(3, CAROL, SELL, 101, 1, 0, CANCEL_TAKER));
        }

        @Test
        void aTriggeredStopMarketByBudgetBuysLikeAMarketOrder() {
            given(() -> {
                book.placeStopMarket(1, CAROL, BUY, 100, 0, 250, CANCEL_TAKER);
                sell(2, ALICE, 100, 1);
                sell(3, ALICE, 110, 5);
            });
            buy(4, BOB, 100, 1);
            assertThat(events.drain()).containsExactly(
                    "accepted 4 seq 4",
                    "traded taker 4/u2 BUY maker 2/u1 1@100 quote 100 left maker 0 taker 0",
                    "triggered 1/u3 at 100",
                    "traded taker 1/u3 BUY maker 3/u1 2@110 quote 220 left maker 3 taker 0",
                    "cancelled 1/u3 left 0 BUDGET_EXHAUSTED");
        }

        @Test
        void aTriggeredStopMarketFacingAnEmptyBookIsCancelled() {
            given(() -> {
                book.placeStopMarket(1, CAROL, BUY, 100, 3, 0, CANCEL_TAKER);
                sell(2, ALICE, 100, 1);
            });
            buy(3, BOB, 100, 1);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "traded taker 3/u2 BUY maker 2/u1 1@100 quote 100 left maker 0 taker 0",
                    "triggered 1/u3 at 100",
                    "cancelled 1/u3 left 3 IOC_REMAINDER");
        }

        @Test
        void stopsCrossedTogetherTriggerInTheOrderTheyWerePlaced() {
            given(() -> {
                book.placeStopLimit(1, CAROL, BUY, 101, 99, 1, GTC, CANCEL_TAKER);
                book.placeStopLimit(2, CAROL, BUY, 100, 98, 1, GTC, CANCEL_TAKER);
                sell(3, ALICE, 102, 1);
            });
            buy(4, BOB, 102, 1);
            assertThat(events.drain()).containsExactly(
                    "accepted 4 seq 4",
                    "traded taker 4/u2 BUY maker 3/u1 1@102 quote 102 left maker 0 taker 0",
                    "triggered 1/u3 at 102",
                    "rested 1/u3 BUY 1@99",
                    "triggered 2/u3 at 102",
                    "rested 2/u3 BUY 1@98");
        }

        @Test
        void aTriggeredStopsTradesCanTriggerFurtherStops() {
            given(() -> {
                book.placeStopMarket(1, CAROL, BUY, 100, 1, 0, CANCEL_TAKER);
                book.placeStopMarket(2, CAROL, BUY, 105, 1, 0, CANCEL_TAKER);
                sell(3, ALICE, 100, 1);
                sell(4, ALICE, 105, 1);
                sell(5, ALICE, 110, 1);
            });
            buy(6, BOB, 100, 1);
            assertThat(events.drain()).containsExactly(
                    "accepted 6 seq 6",
                    "traded taker 6/u2 BUY maker 3/u1 1@100 quote 100 left maker 0 taker 0",
                    "triggered 1/u3 at 100",
                    "traded taker 1/u3 BUY maker 4/u1 1@105 quote 105 left maker 0 taker 0",
                    "triggered 2/u3 at 105",
                    "traded taker 2/u3 BUY maker 5/u1 1@110 quote 110 left maker 0 taker 0");
            assertThat(book.lastTradePriceTicks()).isEqualTo(110);
        }

        @Test
        void aTriggeredFokStopThatCannotFillIsCancelled() {
            given(() -> {
                book.placeStopLimit(1, CAROL, BUY, 100, 100, 5, FOK, CANCEL_TAKER);
                sell(2, ALICE, 100, 2);
            });
            buy(3, BOB, 100, 1);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 3",
                    "traded taker 3/u2 BUY maker 2/u1 1@100 quote 100 left maker 1 taker 0",
                    "triggered 1/u3 at 100",
                    "cancelled 1/u3 left 5 IOC_REMAINDER");
        }

        @Test
        void movingAPendingStopChangesItsStopPriceAndSendsItToTheBackOfTheTriggerOrder() {
            given(() -> {
                book.placeStopLimit(1, CAROL, BUY, 101, 99, 1, GTC, CANCEL_TAKER);
                book.placeStopLimit(2, CAROL, BUY, 101, 98, 1, GTC, CANCEL_TAKER);
            });
            book.move(1, CAROL, 102);
            assertThat(events.drain()).containsExactly("accepted 1 seq 3", "moved 1/u3 101->102");
            assertThat(book.order(1).stopPriceTicks()).isEqualTo(102);
            assertThat(book.orders()).extracting(OrderView::orderId).containsExactly(2L, 1L);
        }

        @Test
        void aPendingStopCanBeReducedAndCancelledByItsOwnerOnly() {
            given(() -> book.placeStopLimit(1, CAROL, SELL, 90, 89, 5, GTC, CANCEL_TAKER));
            book.reduce(1, CAROL, 3);
            assertThat(events.drain()).containsExactly("accepted 1 seq 2", "reduced 1/u3 5->3");
            assertRefused(RejectReason.NOT_OWNER, 1, b -> b.cancel(1, ALICE));
            book.cancel(1, CAROL);
            assertThat(events.drain()).containsExactly("accepted 1 seq 3", "cancelled 1/u3 left 3 USER");
            assertThat(book.openOrderCount()).isZero();
        }
    }

    @Nested
    class OneCancelsOther {
        @Test
        void anOcoRestsItsLimitLegAndParksItsStopLeg() {
            book.placeOco(1, 2, CAROL, SELL, 110, 4, 90, 0, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly(
                    "accepted 1 seq 1", "stopPending 2/u3 SELL stop 90", "rested 1/u3 SELL 4@110");
            assertThat(book.order(1).ocoSiblingId()).isEqualTo(2);
            assertThat(book.order(2).ocoSiblingId()).isEqualTo(1);
            assertThat(book.order(2).kind()).isEqualTo(OrderKind.STOP_MARKET);
            assertThat(book.openOrderCount()).isEqualTo(2);
        }

        @Test
        void theFirstFillOfTheLimitLegCancelsTheStopLeg() {
            given(() -> book.placeOco(1, 2, CAROL, SELL, 110, 4, 90, 0, CANCEL_TAKER));
            buy(3, BOB, 110, 1);
            assertThat(events.drain()).containsExactly(
                    "accepted 3 seq 2",
                    "traded taker 3/u2 BUY maker 1/u3 1@110 quote 110 left maker 3 taker 0",
                    "cancelled 2/u3 left 4 OCO_SIBLING");
            assertThat(book.order(1).ocoSiblingId()).isZero();
            assertThat(book.order(1).remainingLots()).isEqualTo(3);
        }

        @Test
        void theTriggerOfTheStopLegCancelsTheLimitLeg() {
            given(() -> {
                book.placeOco(1, 2, CAROL, SELL, 110, 4, 90, 89, CANCEL_TAKER);
                buy(3, ALICE, 89, 10);
                sell(4, BOB, 90, 1);
            });
            buy(5, ALICE, 90, 1);
            assertThat(events.drain()).containsExactly(
                    "accepted 5 seq 4",
                    "traded taker 5/u1 BUY maker 4/u2 1@90 quote 90 left maker 0 taker 0",
                    "triggered 2/u3 at 90",
                    "cancelled 1/u3 left 4 OCO_SIBLING",
                    "traded taker 2/u3 SELL maker 3/u1 4@89 quote 356 left maker 6 taker 0");
        }

        @Test
        void cancellingOneLegCancelsTheOther() {
            given(() -> book.placeOco(1, 2, CAROL, BUY, 90, 4, 110, 0, CANCEL_TAKER));
            book.cancel(2, CAROL);
            assertThat(events.drain()).containsExactly(
                    "accepted 2 seq 2", "cancelled 2/u3 left 4 USER", "cancelled 1/u3 left 4 OCO_SIBLING");
            assertThat(book.openOrderCount()).isZero();
        }

        @Test
        void anOcoNeedsTwoDistinctNewIdsAndAStopNotYetCrossed() {
            given(() -> {
                sell(1, ALICE, 100, 1);
                buy(2, BOB, 100, 1);
                sell(3, ALICE, 120, 1);
            });
            assertRefused(RejectReason.INVALID_ORDER, 4, b -> b.placeOco(4, 4, CAROL, SELL, 110, 1, 90, 0, CANCEL_TAKER));
            assertRefused(RejectReason.DUPLICATE_ORDER_ID, 4,
                    b -> b.placeOco(4, 3, CAROL, SELL, 110, 1, 90, 0, CANCEL_TAKER));
            assertRefused(RejectReason.STOP_ALREADY_TRIGGERED, 4,
                    b -> b.placeOco(4, 5, CAROL, SELL, 110, 1, 100, 0, CANCEL_TAKER));
        }
    }

    @Nested
    class SequenceAndQueries {
        @Test
        void everyAcceptedCommandTakesTheNextSequenceAndARefusedOneNone() {
            sell(1, ALICE, 100, 5);
            sell(1, ALICE, 100, 5);
            book.cancel(9, ALICE);
            book.reduce(1, ALICE, 4);
            assertThat(events.drain()).containsExactly(
                    "accepted 1 seq 1", "rested 1/u1 SELL 5@100",
                    "rejected 1 DUPLICATE_ORDER_ID",
                    "rejected 9 UNKNOWN_ORDER",
                    "accepted 1 seq 2", "reduced 1/u1 5->4");
            assertThat(book.sequence()).isEqualTo(2);
        }

        @Test
        void anEmptyBookHasNoBestPricesNoLastTradeAndNoOrders() {
            assertThat(book.bestBidTicks()).isZero();
            assertThat(book.bestAskTicks()).isZero();
            assertThat(book.lastTradePriceTicks()).isZero();
            assertThat(book.openOrderCount()).isZero();
            assertThat(book.depth(5)).isEqualTo(new BookDepth(List.of(), List.of()));
            assertThat(book.order(1)).isNull();
        }

        @Test
        void depthAggregatesEachPriceLevelBestFirst() {
            buy(1, ALICE, 99, 2);
            buy(2, BOB, 99, 3);
            buy(3, ALICE, 97, 1);
            buy(4, ALICE, 98, 4);
            sell(5, BOB, 101, 6);
            sell(6, BOB, 103, 1);
            BookDepth depth = book.depth(2);
            assertThat(depth.bids()).containsExactly(new DepthLevel(99, 5, 2), new DepthLevel(98, 4, 1));
            assertThat(depth.asks()).containsExactly(new DepthLevel(101, 6, 1), new DepthLevel(103, 1, 1));
            assertThat(book.bestBidTicks()).isEqualTo(99);
            assertThat(book.bestAskTicks()).isEqualTo(101);
        }

        @Test
        void anOrderViewShowsEverythingAboutAnOpenOrder() {
            book.placeLimit(1, ALICE, BUY, 99, 7, GTC, true, CANCEL_MAKER);
            book.placeStopMarket(2, BOB, BUY, 120, 0, 5000, CANCEL_BOTH);
            assertThat(book.order(1)).isEqualTo(new OrderView(1, ALICE, BUY, OrderKind.RESTING, 99, 0, 7, 7, 0, GTC,
                    true, CANCEL_MAKER, 0));
            assertThat(book.order(2)).isEqualTo(new OrderView(2, BOB, BUY, OrderKind.STOP_MARKET, 0, 120, 0, 0, 5000,
                    IOC, false, CANCEL_BOTH, 0));
            assertThat(book.order(2).isPendingStop()).isTrue();
        }

        @Test
        void ordersListsBidsThenAsksInPriorityOrderThenStopsInPlacementOrder() {
            book.placeStopLimit(1, CAROL, SELL, 80, 79, 1, GTC, CANCEL_TAKER);
            sell(2, ALICE, 102, 1);
            buy(3, ALICE, 98, 1);
            sell(4, ALICE, 101, 1);
            buy(5, ALICE, 99, 1);
            buy(6, BOB, 99, 1);
            book.placeStopMarket(7, CAROL, BUY, 120, 1, 0, CANCEL_TAKER);
            assertThat(book.orders()).extracting(OrderView::orderId).containsExactly(5L, 6L, 3L, 4L, 2L, 1L, 7L);
            List<Long> visited = new ArrayList<>();
            book.forEachOrder(view -> visited.add(view.orderId()));
            assertThat(visited).containsExactly(5L, 6L, 3L, 4L, 2L, 1L, 7L);
        }

        @Test
        void theStateHashDependsOnQueueOrder() {
            OrderBook first = new OrderBook(1, new RecordingListener());
            first.placeLimit(1, ALICE, SELL, 100, 1, GTC, false, CANCEL_TAKER);
            first.placeLimit(2, BOB, SELL, 100, 1, GTC, false, CANCEL_TAKER);
            OrderBook second = new OrderBook(1, new RecordingListener());
            second.placeLimit(2, BOB, SELL, 100, 1, GTC, false, CANCEL_TAKER);
            second.placeLimit(1, ALICE, SELL, 100, 1, GTC, false, CANCEL_TAKER);
            assertThat(first.depth(1)).isEqualTo(second.depth(1));
            assertThat(first.stateHash()).isNotEqualTo(second.stateHash());
        }
    }

    @Nested
    class Rebuild {
        private void busyBook() {
            sell(1, ALICE, 101, 5);
            sell(2, BOB, 101, 3);
            buy(3, ALICE, 99, 4);
            book.placeLimit(4, BOB, BUY, 98, 2, GTC, true, CANCEL_BOTH);
            buy(5, CAROL, 101, 2);
            book.placeStopLimit(6, CAROL, BUY, 105, 106, 2, IOC, CANCEL_MAKER);
            book.placeOco(7, 8, ALICE, SELL, 110, 3, 95, 0, CANCEL_TAKER);
            book.placeStopMarket(9, BOB, BUY, 104, 0, 1000, CANCEL_TAKER);
            book.reduce(3, ALICE, 3);
        }

        @Test
        void aRestoredBookHasTheSameStateHashAndOrders() {
            busyBook();
            RecordingListener restoredEvents = new RecordingListener();
            OrderBook restored = OrderBook.restore(1, restoredEvents, book.sequence(), book.lastTradePriceTicks(),
                    book.orders());
            assertThat(restored.stateHash()).isEqualTo(book.stateHash());
            assertThat(restored.orders()).isEqualTo(book.orders());
            assertThat(restored.depth(10)).isEqualTo(book.depth(10));
            assertThat(restoredEvents.events()).as("restoring calls no listener method").isEmpty();
        }

        @Test
        void aRestoredBookGoesOnExactlyLikeTheOriginal() {
            busyBook();
            events.drain();
            RecordingListener restoredEvents = new RecordingListener();
            OrderBook restored = OrderBook.restore(1, restoredEvents, book.sequence(), book.lastTradePriceTicks(),
                    book.orders());
            for (OrderBook each : List.of(book, restored)) {
                each.placeMarket(20, CAROL, BUY, 20, 0, IOC, CANCEL_TAKER);
                each.placeLimit(21, BOB, SELL, 90, 12, GTC, false, CANCEL_MAKER);
            }
            assertThat(restoredEvents.events()).isEqualTo(events.events()).isNotEmpty();
            assertThat(restored.stateHash()).isEqualTo(book.stateHash());
        }

        @Test
        void restoringRefusesInconsistentState() {
            OrderView bid = new OrderView(1, ALICE, BUY, OrderKind.RESTING, 100, 0, 1, 1, 0, GTC, false, CANCEL_TAKER, 0);
            OrderView ask = new OrderView(2, BOB, SELL, OrderKind.RESTING, 100, 0, 1, 1, 0, GTC, false, CANCEL_TAKER, 0);
            OrderView oneSidedOco = new OrderView(3, BOB, SELL, OrderKind.RESTING, 120, 0, 1, 1, 0, GTC, false,
                    CANCEL_TAKER, 99);
            assertThatThrownBy(() -> OrderBook.restore(1, events, 5, 0, List.of(bid, ask)))
                    .isInstanceOf(TradingException.class).hasMessageContaining("crossed");
            assertThatThrownBy(() -> OrderBook.restore(1, events, 5, 0, List.of(bid, bid)))
                    .isInstanceOf(TradingException.class).hasMessageContaining("duplicate");
            assertThatThrownBy(() -> OrderBook.restore(1, events, 5, 0, List.of(oneSidedOco)))
                    .isInstanceOf(TradingException.class).hasMessageContaining("OCO");
        }
    }

    @Nested
    class BadInput {
        @Test
        void aZeroOrNegativeQuantityIsRejected() {
            assertRefused(RejectReason.INVALID_QUANTITY, 1, b -> b.placeLimit(1, ALICE, BUY, 100, 0, GTC, false, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_QUANTITY, 1, b -> b.placeLimit(1, ALICE, BUY, 100, -3, GTC, false, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_QUANTITY, 1, b -> b.placeMarket(1, ALICE, BUY, -1, 0, IOC, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_QUANTITY, 1,
                    b -> b.placeStopLimit(1, ALICE, BUY, 100, 100, 0, GTC, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_AMOUNT, 1, b -> b.placeMarket(1, ALICE, BUY, 0, -100, IOC, CANCEL_TAKER));
        }

        @Test
        void aZeroOrNegativePriceIsRejected() {
            assertRefused(RejectReason.INVALID_PRICE, 1, b -> b.placeLimit(1, ALICE, BUY, 0, 1, GTC, false, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_PRICE, 1, b -> b.placeLimit(1, ALICE, SELL, -5, 1, GTC, false, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_PRICE, 1,
                    b -> b.placeStopLimit(1, ALICE, BUY, 0, 100, 1, GTC, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_PRICE, 1,
                    b -> b.placeStopMarket(1, ALICE, BUY, -1, 1, 0, CANCEL_TAKER));
        }

        @Test
        void aQuoteAmountThatWouldOverflowIsRejected() {
            OrderBook wide = new OrderBook(1_000_000, events);
            long hash = wide.stateHash();
            wide.placeLimit(1, ALICE, BUY, 10_000_000_000L, 1_000_000_000L, GTC, false, CANCEL_TAKER);
            wide.placeLimit(2, ALICE, BUY, Long.MAX_VALUE, 2, GTC, false, CANCEL_TAKER);
            wide.placeStopLimit(3, ALICE, BUY, 5, Long.MAX_VALUE / 2, 3, GTC, CANCEL_TAKER);
            assertThat(events.drain()).containsExactly(
                    "rejected 1 OVERFLOW", "rejected 2 OVERFLOW", "rejected 3 OVERFLOW");
            assertThat(wide.stateHash()).isEqualTo(hash);
        }

        @Test
        void movingAnOrderToAPriceWhoseQuoteWouldOverflowIsRejected() {
            given(() -> buy(1, ALICE, 100, 1_000_000_000_000L));
            assertRefused(RejectReason.OVERFLOW, 1, b -> b.move(1, ALICE, 10_000_000_000L));
        }

        @Test
        void aLevelWhoseTotalQuantityWouldOverflowIsRejected() {
            given(() -> buy(1, ALICE, 1, Long.MAX_VALUE - 10));
            assertRefused(RejectReason.OVERFLOW, 2, b -> b.placeLimit(2, BOB, BUY, 1, 11, GTC, false, CANCEL_TAKER));
        }

        @Test
        void anIdThatIsNotPositiveOrAlreadyInUseIsRejected() {
            given(() -> {
                sell(1, ALICE, 100, 1);
                book.placeStopMarket(2, ALICE, BUY, 150, 1, 0, CANCEL_TAKER);
            });
            assertRefused(RejectReason.INVALID_ORDER, 0, b -> b.placeLimit(0, ALICE, BUY, 90, 1, GTC, false, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_ORDER, -1, b -> b.placeLimit(-1, ALICE, BUY, 90, 1, GTC, false, CANCEL_TAKER));
            assertRefused(RejectReason.DUPLICATE_ORDER_ID, 1,
                    b -> b.placeLimit(1, ALICE, BUY, 90, 1, GTC, false, CANCEL_TAKER));
            assertRefused(RejectReason.DUPLICATE_ORDER_ID, 2,
                    b -> b.placeMarket(2, ALICE, BUY, 1, 0, IOC, CANCEL_TAKER));
        }

        @Test
        void aMissingSideTimeInForceOrSelfTradeModeIsRejected() {
            assertRefused(RejectReason.INVALID_ORDER, 1, b -> b.placeLimit(1, ALICE, null, 90, 1, GTC, false, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_ORDER, 1, b -> b.placeLimit(1, ALICE, BUY, 90, 1, null, false, CANCEL_TAKER));
            assertRefused(RejectReason.INVALID_ORDER, 1, b -> b.placeLimit(1, ALICE, BUY, 90, 1, GTC, false, null));
        }

        @Test
        void anIdOnceFilledMayBeUsedAgain() {
            // Found by the reference-book property: a filled maker's id stayed in the id index.
            given(() -> {
                sell(1, ALICE, 100, 1);
                buy(2, BOB, 100, 1);
            });
            sell(1, ALICE, 100, 1);
            assertThat(events.drain()).containsExactly("accepted 1 seq 3", "rested 1/u1 SELL 1@100");
        }
    }
}
