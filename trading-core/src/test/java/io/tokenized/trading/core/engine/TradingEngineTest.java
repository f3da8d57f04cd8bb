package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.market.MarketStatus;
import io.tokenized.trading.core.order.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.tokenized.trading.core.engine.Exchange.ACME;
import static io.tokenized.trading.core.engine.Exchange.FEES;
import static io.tokenized.trading.core.engine.Exchange.USD;
import static io.tokenized.trading.core.engine.Exchange.dec;
import static org.assertj.core.api.Assertions.assertThat;

class TradingEngineTest {

    @Test
    void limitBuyReservesQuantityTimesPricePlusTheHighestFee() {
        Exchange x = Exchange.standard().fund("alice", USD, "1000.00");

        Order order = x.limit("alice", Side.BUY, "10.00", "10");

        // 100.00 notional + 20 bps (the higher of 10 and 20) = 0.20
        assertThat(order.locked()).isEqualByComparingTo("100.20");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("899.80");
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("100.20");
        x.assertAuditClean();
    }

    @Test
    void aTradeMovesBaseAndQuoteAndChargesBothFeesToTheFeeAccount() {
        Exchange x = Exchange.standard().fund("alice", USD, "1000.00").fund("bob", ACME, "10");
        x.limit("bob", Side.SELL, "10.00", "10");

        PlaceResult result = x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("10.00"), dec("10")));

        assertThat(((PlaceResult.Placed) result).trades()).hasSize(1);
        Trade trade = ((PlaceResult.Placed) result).trades().get(0);
        assertThat(trade.quoteAmount()).isEqualByComparingTo("100.00");
        assertThat(trade.takerFee()).isEqualByComparingTo("0.20");
        assertThat(trade.makerFee()).isEqualByComparingTo("0.10");
        assertThat(x.balance("alice", ACME).available()).isEqualByComparingTo("10");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("899.80");
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("0");
        assertThat(x.balance("bob", USD).available()).isEqualByComparingTo("99.90");
        assertThat(x.balance("bob", ACME).total()).isEqualByComparingTo("0");
        assertThat(x.balance(FEES, USD).available()).isEqualByComparingTo("0.30");
        x.assertAuditClean();
    }

    @Test
    void feesAreRoundedUpToTheMinorUnit() {
        Exchange x = Exchange.withFees(10, 10).fund("alice", USD, "100.00").fund("bob", ACME, "1");
        x.limit("bob", Side.SELL, "0.01", "1");

        x.limit("alice", Side.BUY, "0.01", "1");

        // 0.01 x 10 bps = 0.00001, rounded up to 0.01 for each side
        assertThat(x.balance(FEES, USD).available()).isEqualByComparingTo("0.02");
        assertThat(x.balance("bob", USD).available()).isEqualByComparingTo("0.00");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("99.98");
        x.assertAuditClean();
    }

    @Test
    void priceImprovementReleasesTheDifference() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "1000.00").fund("bob", ACME, "10");
        x.limit("bob", Side.SELL, "9.00", "10");

        Order buy = x.limit("alice", Side.BUY, "10.00", "10");

        assertThat(buy.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(buy.locked()).isEqualByComparingTo("0");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("910.00");
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("0");
        x.assertAuditClean();
    }

    @Test
    void aPartlyFilledBuyKeepsOnlyWhatItsRemainderNeeds() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "1000.00").fund("bob", ACME, "4");
        x.limit("bob", Side.SELL, "9.00", "4");

        Order buy = x.limit("alice", Side.BUY, "10.00", "10");

        assertThat(buy.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(buy.locked()).isEqualByComparingTo("60.00");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("904.00");
        x.assertAuditClean();
    }

    @Test
    void aMarketBuyByBudgetSpendsAtMostItsBudgetFeesIncluded() {
        Exchange x = Exchange.standard().fund("alice", USD, "50.00").fund("bob", ACME, "10");
        x.limit("bob", Side.SELL, "10.00", "10");

        Order order = x.placed(x.engine.placeOrder(PlaceOrder.marketBuyWithBudget("alice", ACME, dec("50.00"))));

        // 5 x 10.00 = 50.00 plus 0.10 fee would exceed 50.00: it buys 4 lots for 40.00 + 0.08
        assertThat(order.filledQuantity()).isEqualByComparingTo("4");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("9.92");
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("0");
        assertThat(order.status()).isIn(OrderStatus.FILLED, OrderStatus.CANCELLED);
        x.assertAuditClean();
    }

    @Test
    void aMarketBuyByQuantityReservesAnUpperBoundAndReleasesTheRest() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "100.00").fund("bob", ACME, "10");
        x.limit("bob", Side.SELL, "5.00", "5");
        x.limit("bob", Side.SELL, "6.00", "5");

        Order order = x.placed(x.engine.placeOrder(PlaceOrder.market("alice", ACME, Side.BUY, dec("7"))));

        assertThat(order.filledQuantity()).isEqualByComparingTo("7");
        assertThat(order.filledQuote()).isEqualByComparingTo("37.00");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("63.00");
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("0");
        x.assertAuditClean();
    }

    @Test
    void aMarketBuyByQuantityReservesForTheFeeRoundedUpOnEveryFill() {
        Exchange x = Exchange.withFees(7, 3).fund("alice", USD, "320.13").fund("alice", ACME, "2")
                .fund("bob", ACME, "9").fund("carol", ACME, "4");
        Order own = x.limit("alice", Side.SELL, "20.00", "2");
        x.limit("bob", Side.SELL, "20.50", "5");
        x.limit("carol", Side.SELL, "24.00", "3");
        x.limit("bob", Side.SELL, "29.00", "4");
        x.limit("carol", Side.SELL, "29.50", "1");

        PlaceResult result = x.engine.placeOrder(PlaceOrder.market("alice", ACME, Side.BUY, dec("19"))
                .withSelfTradePrevention(SelfTradePrevention.CANCEL_MAKER));

        // Fills of 102.50, 72.00, 116.00 and 29.50 at 3 bps: fees 0.04 + 0.03 + 0.04 + 0.01 = 0.12, one cent
        // more than 3 bps of the 320.00 total rounded up once. The reservation allows for the rounding of
        // each of the four fills: 320.00 + floor((320.00 x 3 + 4 x 0.9999 cents) / 10,000) = 320.13.
        Order buy = x.placed(result);
        assertThat(buy.filledQuantity()).isEqualByComparingTo("13");
        assertThat(buy.filledQuote()).isEqualByComparingTo("320.00");
        assertThat(((PlaceResult.Placed) result).trades()).extracting(Trade::takerFee)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(dec("0.04"), dec("0.03"), dec("0.04"), dec("0.01"));
        assertThat(x.engine.order(own.id()).orElseThrow().cancelReason()).isEqualTo(CancelReason.SELF_TRADE);
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("0.01");
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("0");
        x.assertAuditClean();
    }

    @Test
    void aMarketBuyByQuantityNeedsTheFeeRoundingOfEveryPossibleFill() {
        Exchange x = Exchange.withFees(7, 3).fund("alice", USD, "320.12")
                .fund("bob", ACME, "9").fund("carol", ACME, "4");
        x.limit("bob", Side.SELL, "20.50", "5");
        x.limit("carol", Side.SELL, "24.00", "3");
        x.limit("bob", Side.SELL, "29.00", "4");
        x.limit("carol", Side.SELL, "29.50", "1");

        PlaceResult result = x.engine.placeOrder(PlaceOrder.market("alice", ACME, Side.BUY, dec("13")));

        assertThat(result).isEqualTo(new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("320.12");
    }

    @Test
    void aMarketBuyByBudgetNeverOwesMoreThanItsBudgetWhenEveryFillRoundsItsFeeUp() {
        Exchange x = Exchange.withFees(0, 3).fund("alice", USD, "0.06").fund("bob", ACME, "5");
        for (int i = 0; i < 5; i++) {
            x.limit("bob", Side.SELL, "0.01", "1");
        }

        Order order = x.placed(x.engine.placeOrder(PlaceOrder.marketBuyWithBudget("alice", ACME, dec("0.06"))));

        // 0.05 to spend and 0.01 for fees: each 0.01 fill rounds 3 bps up to a cent, five cents in all, so
        // the fee stops at what the budget still covers beyond the rest of the order.
        assertThat(order.filledQuantity()).isEqualByComparingTo("5");
        assertThat(order.filledQuote()).isEqualByComparingTo("0.05");
        assertThat(x.balance("alice", USD).total()).isEqualByComparingTo("0.00");
        assertThat(x.balance(FEES, USD).available()).isEqualByComparingTo("0.01");
        x.assertAuditClean();
    }

    @Test
    void aMarketBuyThatCouldCostMoreThanTheBalanceIsRejected() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "30.00").fund("bob", ACME, "10");
        x.limit("bob", Side.SELL, "5.00", "10");

        PlaceResult result = x.engine.placeOrder(PlaceOrder.market("alice", ACME, Side.BUY, dec("7")));

        assertThat(result).isEqualTo(new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
    }

    @Test
    void aMarketOrderWithNothingToMatchChangesNothing() {
        Exchange x = Exchange.standard().fund("alice", ACME, "5");

        PlaceResult result = x.engine.placeOrder(PlaceOrder.market("alice", ACME, Side.SELL, dec("5")));

        assertThat(result).isEqualTo(new PlaceResult.Rejected(RejectReason.NO_LIQUIDITY));
        assertThat(x.balance("alice", ACME).available()).isEqualByComparingTo("5");
        assertThat(x.engine.journal("alice", 100)).hasSize(1);
    }

    @Test
    void anIocRemainderIsCancelledAndReleased() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "100.00").fund("bob", ACME, "2");
        x.limit("bob", Side.SELL, "10.00", "2");

        Order order = x.placed(x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("10.00"), dec("5"))
                .withTimeInForce(TimeInForce.IOC)));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancelReason()).isEqualTo(CancelReason.IOC_REMAINDER);
        assertThat(order.filledQuantity()).isEqualByComparingTo("2");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("80.00");
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("0");
        x.assertAuditClean();
    }

    @Test
    void aHaltedMarketAcceptsCancelsOnly() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");
        Order resting = x.limit("alice", Side.BUY, "1.00", "5");

        assertThat(x.engine.haltMarket(ACME)).isInstanceOf(AssetResult.Done.class);

        assertThat(x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("1"))))
                .isEqualTo(new PlaceResult.Rejected(RejectReason.MARKET_HALTED));
        assertThat(x.engine.amendOrder(AmendOrder.moveTo("alice", resting.id(), dec("2.00"))))
                .isEqualTo(new AmendResult.Rejected(RejectReason.MARKET_HALTED));
        assertThat(x.engine.cancelOrder("alice", resting.id())).isInstanceOf(CancelResult.Cancelled.class);
        assertThat(x.engine.resumeMarket(ACME)).isInstanceOf(AssetResult.Done.class);
        x.limit("alice", Side.BUY, "1.00", "1");
        x.assertAuditClean();
    }

    @Test
    void delistingCancelsEveryOrderAndReleasesItsReservation() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00").fund("bob", ACME, "5");
        x.limit("alice", Side.BUY, "1.00", "5");
        x.limit("bob", Side.SELL, "3.00", "5");

        AssetResult result = x.engine.delistMarket(ACME);

        assertThat(((AssetResult.Done) result).asset().status()).isEqualTo(MarketStatus.DELISTED);
        assertThat(x.engine.openOrders("alice")).isEmpty();
        assertThat(x.engine.openOrders("bob")).isEmpty();
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("0");
        assertThat(x.balance("bob", ACME).available()).isEqualByComparingTo("5");
        assertThat(x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("1"))))
                .isEqualTo(new PlaceResult.Rejected(RejectReason.MARKET_DELISTED));
        x.assertAuditClean();
    }

    @Test
    void aDepositWithTheSameKeyAndPayloadReturnsTheFirstEntry() {
        Exchange x = Exchange.standard();

        TransferResult first = x.engine.deposit("alice", USD, dec("10.00"), "k1");
        TransferResult again = x.engine.deposit("alice", USD, dec("10.0"), "k1");

        assertThat(again).isEqualTo(first);
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("10.00");
        assertThat(x.engine.deposit("alice", USD, dec("11.00"), "k1"))
                .isEqualTo(new TransferResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED));
        assertThat(x.engine.withdraw("alice", USD, dec("10.00"), "k1"))
                .isEqualTo(new TransferResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED));
    }

    @Test
    void aWithdrawalAboveWhatIsAvailableIsRejected() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");
        x.limit("alice", Side.BUY, "10.00", "5");

        TransferResult result = x.engine.withdraw("alice", USD, dec("60.00"), "w1");

        assertThat(result).isEqualTo(new TransferResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
        TransferResult ok = x.engine.withdraw("alice", USD, dec("49.90"), "w2");
        assertThat(((TransferResult.Completed) ok).entry().amount()).isEqualByComparingTo("-49.90");
        assertThat(((TransferResult.Completed) ok).entry().kind()).isEqualTo(EntryKind.WITHDRAWAL);
        x.assertAuditClean();
    }

    @Test
    void onlyTheOwnerCancelsOrAmendsAnOrder() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");
        Order order = x.limit("alice", Side.BUY, "1.00", "5");

        assertThat(x.engine.cancelOrder("bob", order.id()))
                .isEqualTo(new CancelResult.Rejected(RejectReason.NOT_OWNER));
        assertThat(x.engine.amendOrder(AmendOrder.reduceTo("bob", order.id(), dec("1"))))
                .isEqualTo(new AmendResult.Rejected(RejectReason.NOT_OWNER));
        assertThat(x.engine.amendOrder(AmendOrder.moveTo("bob", order.id(), dec("2.00"))))
                .isEqualTo(new AmendResult.Rejected(RejectReason.NOT_OWNER));
        assertThat(x.engine.order(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.OPEN);
    }

    @Test
    void reducingKeepsTheQueuePlaceAndReleasesTheRemovedPart() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "100.00");
        Order order = x.limit("alice", Side.BUY, "2.00", "10");

        AmendResult result = x.engine.amendOrder(AmendOrder.reduceTo("alice", order.id(), dec("4")));

        Order reduced = ((AmendResult.Amended) result).order();
        assertThat(reduced.remainingQuantity()).isEqualByComparingTo("4");
        assertThat(reduced.locked()).isEqualByComparingTo("8.00");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("92.00");
        x.assertAuditClean();
    }

    @Test
    void movingABuyUpReservesMoreAndIsRejectedWithoutTheFunds() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "30.00");
        Order order = x.limit("alice", Side.BUY, "2.00", "10");

        assertThat(x.engine.amendOrder(AmendOrder.moveTo("alice", order.id(), dec("3.01"))))
                .isEqualTo(new AmendResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
        AmendResult moved = x.engine.amendOrder(AmendOrder.moveTo("alice", order.id(), dec("3.00")));

        assertThat(((AmendResult.Amended) moved).order().locked()).isEqualByComparingTo("30.00");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("0.00");
        x.assertAuditClean();
    }

    @Test
    void selfTradePreventionCancelTakerKeepsTheRestingOrder() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00").fund("alice", ACME, "5");
        Order sell = x.limit("alice", Side.SELL, "10.00", "5");

        Order buy = x.limit("alice", Side.BUY, "10.00", "5");

        assertThat(buy.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(buy.cancelReason()).isEqualTo(CancelReason.SELF_TRADE);
        assertThat(x.engine.order(sell.id()).orElseThrow().status()).isEqualTo(OrderStatus.OPEN);
        assertThat(x.engine.trades(ACME, 10)).isEmpty();
        x.assertAuditClean();
    }

    @Test
    void selfTradePreventionCancelMakerRemovesTheRestingOrderAndGoesOn() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00").fund("alice", ACME, "5").fund("bob", ACME, "5");
        Order own = x.limit("alice", Side.SELL, "10.00", "5");
        x.limit("bob", Side.SELL, "10.00", "5");

        Order buy = x.placed(x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("10.00"), dec("5"))
                .withSelfTradePrevention(SelfTradePrevention.CANCEL_MAKER)));

        assertThat(buy.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(x.engine.order(own.id()).orElseThrow().cancelReason()).isEqualTo(CancelReason.SELF_TRADE);
        assertThat(x.balance("alice", ACME).available()).isEqualByComparingTo("10");
        x.assertAuditClean();
    }

    @Test
    void selfTradePreventionCancelBothRemovesBoth() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00").fund("alice", ACME, "5");
        Order own = x.limit("alice", Side.SELL, "10.00", "5");

        Order buy = x.placed(x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("10.00"), dec("5"))
                .withSelfTradePrevention(SelfTradePrevention.CANCEL_BOTH)));

        assertThat(buy.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(x.engine.order(own.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("0");
        assertThat(x.balance("alice", ACME).locked()).isEqualByComparingTo("0");
        x.assertAuditClean();
    }

    @Test
    void theSameClientOrderIdReturnsTheFirstOrderAndAnotherPayloadIsRejected() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");
        PlaceOrder request = PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("5")).withClientOrderId("c1");
        Order first = x.placed(x.engine.placeOrder(request));

        PlaceResult again = x.engine.placeOrder(request);
        PlaceResult other = x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("6"))
                .withClientOrderId("c1"));

        assertThat(again).isEqualTo(new PlaceResult.AlreadyPlaced(first));
        assertThat(other).isEqualTo(new PlaceResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED));
        assertThat(x.engine.openOrders("alice")).hasSize(1);
        assertThat(x.engine.cancelOrderByClientId("alice", "c1")).isInstanceOf(CancelResult.Cancelled.class);
    }

    @Test
    void aPlacementRetriedAfterItsOrderWasReducedReturnsTheFirstResult() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");
        PlaceOrder request = PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("5")).withClientOrderId("c1");
        Order placed = x.placed(x.engine.placeOrder(request));
        AmendResult reduce = x.engine.amendOrder(AmendOrder.reduceTo("alice", placed.id(), dec("2")));
        Order reduced = ((AmendResult.Amended) reduce).order();

        PlaceResult retried = x.engine.placeOrder(request);
        PlaceResult retriedOnAnotherEngine = Exchange.engineOn(x.store).placeOrder(request);

        assertThat(retried).isEqualTo(new PlaceResult.AlreadyPlaced(reduced));
        assertThat(retriedOnAnotherEngine).isEqualTo(new PlaceResult.AlreadyPlaced(reduced));
        assertThat(reduced.quantity()).isEqualByComparingTo("2");
        assertThat(reduced.requestedQuantity()).isEqualByComparingTo("5");
        assertThat(x.engine.openOrders("alice")).containsExactly(reduced);
        x.assertAuditClean();
    }

    @Test
    void aPlacementOfTheReducedQuantityUnderTheSameClientOrderIdIsAnotherRequest() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");
        Order placed = x.placed(x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("5"))
                .withClientOrderId("c1")));
        x.engine.amendOrder(AmendOrder.reduceTo("alice", placed.id(), dec("2")));

        PlaceResult reducedSize = x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("2"))
                .withClientOrderId("c1"));

        assertThat(reducedSize).isEqualTo(new PlaceResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED));
        assertThat(x.engine.openOrders("alice")).hasSize(1);
    }

    @Test
    void aPlacementRetriedAfterItsRestingOrderWasMovedReturnsTheFirstResult() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");
        PlaceOrder request = PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.00"), dec("5")).withClientOrderId("c1");
        Order placed = x.placed(x.engine.placeOrder(request));
        AmendResult move = x.engine.amendOrder(AmendOrder.moveTo("alice", placed.id(), dec("1.10")));
        Order moved = ((AmendResult.Amended) move).order();

        PlaceResult retried = x.engine.placeOrder(request);
        PlaceResult retriedOnAnotherEngine = Exchange.engineOn(x.store).placeOrder(request);
        PlaceResult atTheMovedPrice = x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("1.10"),
                dec("5")).withClientOrderId("c1"));

        assertThat(retried).isEqualTo(new PlaceResult.AlreadyPlaced(moved));
        assertThat(retriedOnAnotherEngine).isEqualTo(new PlaceResult.AlreadyPlaced(moved));
        assertThat(atTheMovedPrice).isEqualTo(new PlaceResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED));
        assertThat(moved.price()).isEqualByComparingTo("1.10");
        assertThat(moved.requestedPrice()).isEqualByComparingTo("1.00");
        assertThat(moved.stopPrice()).isNull();
        assertThat(moved.requestedStopPrice()).isNull();
        assertThat(x.engine.openOrders("alice")).containsExactly(moved);
        x.assertAuditClean();
    }

    @Test
    void aPlacementRetriedAfterItsPendingStopWasMovedReturnsTheFirstResult() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");
        PlaceOrder request = PlaceOrder.stopLimit("alice", ACME, Side.BUY, dec("5.00"), dec("6.00"), dec("5"))
                .withClientOrderId("s1");
        Order placed = x.placed(x.engine.placeOrder(request));
        AmendResult move = x.engine.amendOrder(AmendOrder.moveTo("alice", placed.id(), dec("5.50")));
        Order moved = ((AmendResult.Amended) move).order();

        PlaceResult retried = x.engine.placeOrder(request);
        PlaceResult retriedOnAnotherEngine = Exchange.engineOn(x.store).placeOrder(request);
        PlaceResult atTheMovedStop = x.engine.placeOrder(PlaceOrder.stopLimit("alice", ACME, Side.BUY, dec("5.50"),
                dec("6.00"), dec("5")).withClientOrderId("s1"));

        assertThat(retried).isEqualTo(new PlaceResult.AlreadyPlaced(moved));
        assertThat(retriedOnAnotherEngine).isEqualTo(new PlaceResult.AlreadyPlaced(moved));
        assertThat(atTheMovedStop).isEqualTo(new PlaceResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED));
        assertThat(moved.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(moved.stopPrice()).isEqualByComparingTo("5.50");
        assertThat(moved.requestedStopPrice()).isEqualByComparingTo("5.00");
        assertThat(moved.price()).isEqualByComparingTo("6.00");
        assertThat(moved.requestedPrice()).isEqualByComparingTo("6.00");
        x.assertAuditClean();
    }

    @Test
    void anOcoPlacementRetriedAfterItsLimitLegWasMovedReturnsTheFirstResult() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", ACME, "5").fund("bob", USD, "100.00");
        PlaceOco request = PlaceOco.of("alice", ACME, Side.SELL, dec("5"), dec("12.00"), dec("8.00"), null)
                .withClientOrderId("o1");
        Order limitLeg = x.placed(x.engine.placeOco(request));
        // A first fill ends the stop leg; only then may the limit leg be amended.
        x.limit("bob", Side.BUY, "12.00", "1");
        AmendResult move = x.engine.amendOrder(AmendOrder.moveTo("alice", limitLeg.id(), dec("11.00")));
        Order moved = ((AmendResult.Amended) move).order();

        PlaceResult retried = x.engine.placeOco(request);

        assertThat(retried).isEqualTo(new PlaceResult.AlreadyPlaced(moved));
        assertThat(moved.price()).isEqualByComparingTo("11.00");
        assertThat(moved.requestedPrice()).isEqualByComparingTo("12.00");
        Order stopLeg = x.engine.order(limitLeg.ocoSiblingId()).orElseThrow();
        assertThat(stopLeg.requestedStopPrice()).isEqualByComparingTo("8.00");
        assertThat(stopLeg.requestedPrice()).isNull();
        x.assertAuditClean();
    }

    @Test
    void aStopLimitReservesFromPlacementAndEntersWhenTheLastTradeCrossesIt() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "100.00").fund("bob", ACME, "10")
                .fund("carol", USD, "100.00");
        Order stop = x.placed(x.engine.placeOrder(PlaceOrder.stopLimit("alice", ACME, Side.BUY, dec("5.00"),
                dec("6.00"), dec("5"))));
        assertThat(stop.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("30.00");

        x.limit("bob", Side.SELL, "5.00", "10");
        x.limit("carol", Side.BUY, "5.00", "1");

        Order triggered = x.engine.order(stop.id()).orElseThrow();
        assertThat(triggered.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(x.balance("alice", ACME).available()).isEqualByComparingTo("5");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("75.00");
        x.assertAuditClean();
    }

    @Test
    void aStopMarketBuyNeedsABudget() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");

        PlaceResult noBudget = x.engine.placeOrder(new PlaceOrder("alice", ACME, Side.BUY,
                io.tokenized.trading.core.order.OrderType.STOP_MARKET, null, dec("5.00"), dec("1"), null,
                TimeInForce.IOC, false, SelfTradePrevention.CANCEL_TAKER, null));
        Order withBudget = x.placed(x.engine.placeOrder(PlaceOrder.stopMarketBuyWithBudget("alice", ACME, dec("5.00"),
                dec("40.00"))));

        assertThat(noBudget).isEqualTo(new PlaceResult.Rejected(RejectReason.INVALID_ORDER));
        assertThat(withBudget.locked()).isEqualByComparingTo("40.00");
        x.assertAuditClean();
    }

    @Test
    void anOcoPairSharesOneReservationAndTheTriggerCancelsTheLimitLeg() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", ACME, "5").fund("bob", USD, "100.00")
                .fund("carol", ACME, "10");
        Order limitLeg = x.placed(x.engine.placeOco(PlaceOco.of("alice", ACME, Side.SELL, dec("5"), dec("12.00"),
                dec("8.00"), null)));
        assertThat(x.balance("alice", ACME).locked()).isEqualByComparingTo("5");

        x.limit("carol", Side.SELL, "8.00", "1");
        x.limit("bob", Side.BUY, "9.00", "6");

        assertThat(x.engine.order(limitLeg.id()).orElseThrow().cancelReason()).isEqualTo(CancelReason.OCO_SIBLING);
        Order stopLeg = x.engine.order(limitLeg.ocoSiblingId()).orElseThrow();
        assertThat(stopLeg.filledQuantity()).isEqualByComparingTo("5");
        assertThat(x.balance("alice", ACME).total()).isEqualByComparingTo("0");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("45.00");
        x.assertAuditClean();
    }

    @Test
    void listenersHearTradesOrdersAndBalancesAfterCommit() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00").fund("bob", ACME, "1");
        x.events.clear();
        x.limit("bob", Side.SELL, "10.00", "1");
        x.limit("alice", Side.BUY, "10.00", "1");

        assertThat(x.events).filteredOn(e -> e instanceof TradingEvent.TradeExecuted).hasSize(1);
        assertThat(x.events).filteredOn(e -> e instanceof TradingEvent.OrderUpdated).hasSize(3);
        assertThat(x.events).filteredOn(e -> e instanceof TradingEvent.BalanceChanged).isNotEmpty();
    }

    @Test
    void snapshotsAggregateDepthAtASequence() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00").fund("bob", ACME, "10");
        x.limit("alice", Side.BUY, "1.00", "2");
        x.limit("alice", Side.BUY, "1.00", "3");
        x.limit("bob", Side.SELL, "2.00", "4");

        BookSnapshot snapshot = x.engine.snapshot(ACME);

        assertThat(snapshot.sequence()).isEqualTo(3);
        assertThat(snapshot.bids()).containsExactly(new BookSnapshot.Level(dec("1.00"), dec("5"), 2));
        assertThat(snapshot.bestAsk()).isEqualByComparingTo("2.00");
        assertThat(x.store.latestSnapshot(ACME).orElseThrow().sequence()).isEqualTo(3);
    }

    @Test
    void aMarketNeedsTickTimesLotToBeWholeQuoteMinorUnits() {
        Exchange x = Exchange.standard();

        AssetResult result = x.engine.createAsset(Asset.token("TINY", "Tiny", 2, USD, new BigDecimal("0.001"),
                new BigDecimal("1"), BigDecimal.ONE, 0, 0));

        assertThat(result).isEqualTo(new AssetResult.Rejected(RejectReason.INVALID_MARKET_RULES));
        assertThat(x.engine.createAsset(Asset.cash(USD, "again", 2)))
                .isEqualTo(new AssetResult.Rejected(RejectReason.ASSET_EXISTS));
        assertThat(x.engine.createAsset(Asset.token("ORPHAN", "o", 0, "EUR", BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, 0, 0))).isEqualTo(new AssetResult.Rejected(RejectReason.UNKNOWN_ASSET));
        assertThat(x.engine.assets()).extracting(Asset::id).containsExactly(ACME, USD);
    }

    @Test
    void twoEnginesOnOneStoreSeeEachOthersOrders() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "100.00").fund("bob", ACME, "5");
        TradingEngine other = Exchange.engineOn(x.store);
        x.limit("bob", Side.SELL, "10.00", "5");

        PlaceResult viaOther = other.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("10.00"), dec("2"))
                .withClientOrderId("same"));
        PlaceResult replayHere = x.engine.placeOrder(PlaceOrder.limit("alice", ACME, Side.BUY, dec("10.00"), dec("2"))
                .withClientOrderId("same"));

        assertThat(viaOther).isInstanceOf(PlaceResult.Placed.class);
        assertThat(replayHere).isInstanceOf(PlaceResult.AlreadyPlaced.class);
        assertThat(x.engine.depth(ACME, 5).asks()).containsExactly(new BookSnapshot.Level(dec("10.00"), dec("3"), 1));
        x.assertAuditClean();
        assertThat(other.audit().isClean()).isTrue();
    }

    @Test
    void queriesShowBalancesOrdersTradesAndTheJournal() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00").fund("bob", ACME, "5");
        x.limit("bob", Side.SELL, "10.00", "5");
        x.limit("alice", Side.BUY, "10.00", "2");

        assertThat(x.engine.balances("alice")).extracting(b -> b.assetId()).containsExactly(ACME, USD);
        assertThat(x.engine.openOrders("bob")).hasSize(1);
        assertThat(x.engine.userTrades("alice", 10)).hasSize(1);
        assertThat(x.engine.trades(ACME, 10).get(0).price()).isEqualByComparingTo("10.00");
        List<io.tokenized.trading.core.ledger.LedgerEntry> journal = x.engine.journal("alice", 10);
        assertThat(journal).extracting(e -> e.kind())
                .containsExactlyInAnyOrder(EntryKind.DEPOSIT, EntryKind.TRADE, EntryKind.TRADE, EntryKind.FEE);
    }
}
