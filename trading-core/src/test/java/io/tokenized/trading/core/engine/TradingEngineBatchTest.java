package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.market.Asset;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.tokenized.trading.core.engine.Exchange.ACME;
import static io.tokenized.trading.core.engine.Exchange.USD;
import static io.tokenized.trading.core.engine.Exchange.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TradingEngine#execute}: several order commands, answered in order, one store unit per market run. */
class TradingEngineBatchTest {

    @Test
    void aBatchCannotSpendTheSameFundsTwice() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.20");

        List<OrderResult> results = x.engine.execute(List.of(buy("alice", "25.00", "4"), buy("alice", "25.00", "1")));

        assertThat(results.get(0)).isInstanceOf(PlaceResult.Placed.class);
        assertThat(results.get(1)).isEqualTo(new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("100.20");
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("0.00");
        x.assertAuditClean();
    }

    @Test
    void fundsReleasedEarlierInTheBatchCanBeSpentLaterInIt() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.20");
        Order resting = x.placed(x.engine.placeOrder(buy("alice", "25.00", "4")));

        List<OrderResult> results = x.engine.execute(List.of(new CancelOrder("alice", resting.id()),
                buy("alice", "20.00", "5")));

        assertThat(results.get(0)).isInstanceOf(CancelResult.Cancelled.class);
        assertThat(results.get(1)).isInstanceOf(PlaceResult.Placed.class);
        assertThat(x.balance("alice", USD).locked()).isEqualByComparingTo("100.20");
        x.assertAuditClean();
    }

    @Test
    void theSameClientOrderIdTwiceInOneBatchPlacesOneOrder() {
        Exchange x = Exchange.standard().fund("alice", USD, "1000.00");
        PlaceOrder first = buy("alice", "10.00", "2").withClientOrderId("a-1");

        List<OrderResult> results = x.engine.execute(List.of(first, first,
                buy("alice", "11.00", "2").withClientOrderId("a-1")));

        Order placed = ((PlaceResult.Placed) results.get(0)).order();
        assertThat(results.get(1)).isEqualTo(new PlaceResult.AlreadyPlaced(placed));
        assertThat(results.get(2)).isEqualTo(new PlaceResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED));
        assertThat(x.engine.openOrders("alice")).containsExactly(placed);
        x.assertAuditClean();
    }

    @Test
    void ordersOfOneBatchTradeWithEachOtherAndSettleAsIfSentOneByOne() {
        Exchange batched = Exchange.standard().fund("alice", USD, "1000.00").fund("bob", ACME, "10");
        Exchange oneByOne = Exchange.standard().fund("alice", USD, "1000.00").fund("bob", ACME, "10");
        List<OrderCommand> commands = List.of(sell("bob", "25.00", "3"), sell("bob", "26.00", "3"),
                buy("alice", "26.00", "5"));

        List<OrderResult> results = batched.engine.execute(commands);

        assertThat(((PlaceResult.Placed) results.get(2)).trades()).hasSize(2);
        for (OrderCommand command : commands) {
            oneByOne.engine.placeOrder((PlaceOrder) command);
        }
        for (String user : List.of("alice", "bob", Exchange.FEES)) {
            for (String asset : List.of(USD, ACME)) {
                assertThat(batched.balance(user, asset)).as(user + " " + asset)
                        .isEqualTo(oneByOne.balance(user, asset));
            }
        }
        assertThat(batched.engine.journal("alice", 100)).hasSameSizeAs(oneByOne.engine.journal("alice", 100));
        batched.assertAuditClean();
    }

    @Test
    void theCommandsOfOneMarketCommitTogetherBeforeAnyEventIsPublished() {
        Exchange x = Exchange.standard().fund("alice", USD, "1000.00").fund("bob", ACME, "10");
        List<Integer> openOrdersAtFirstEvent = new ArrayList<>();
        x.engine.addListener(event -> {
            if (openOrdersAtFirstEvent.isEmpty()) {
                openOrdersAtFirstEvent.add(x.engine.openOrders("alice").size() + x.engine.openOrders("bob").size());
            }
        });

        x.engine.execute(List.of(buy("alice", "10.00", "1"), buy("alice", "11.00", "1"), sell("bob", "30.00", "1")));

        assertThat(openOrdersAtFirstEvent).containsExactly(3);
        assertThat(x.events).filteredOn(TradingEvent.OrderUpdated.class::isInstance).hasSize(3);
    }

    @Test
    void commandsRefusedBeforeReachingTheirMarketAreAnsweredInPlace() {
        Exchange x = Exchange.standard().fund("alice", USD, "1000.00");

        List<OrderResult> results = x.engine.execute(List.of(buy("alice", "10.00", "1"),
                PlaceOrder.limit("alice", "NOPE", Side.BUY, dec("1.00"), dec("1")),
                new CancelOrder("alice", UUID.randomUUID()), buy("alice", "10.005", "1"), buy("alice", "11.00", "1")));

        assertThat(results.get(0)).isInstanceOf(PlaceResult.Placed.class);
        assertThat(results.get(1)).isEqualTo(new PlaceResult.Rejected(RejectReason.UNKNOWN_ASSET));
        assertThat(results.get(2)).isEqualTo(new CancelResult.Rejected(RejectReason.UNKNOWN_ORDER));
        assertThat(results.get(3)).isEqualTo(new PlaceResult.Rejected(RejectReason.OFF_TICK));
        assertThat(results.get(4)).isInstanceOf(PlaceResult.Placed.class);
        x.assertAuditClean();
    }

    @Test
    void commandsOfSeveralMarketsRunInTheirOrderAndShareTheCash() {
        Exchange x = Exchange.withFees(0, 0).fund("alice", USD, "100.00");
        x.engine.createAsset(Asset.token("BOLT", "Bolt", 0, USD, new BigDecimal("0.01"), BigDecimal.ONE,
                BigDecimal.ONE, 0, 0));

        List<OrderResult> results = x.engine.execute(List.of(
                PlaceOrder.limit("alice", "BOLT", Side.BUY, dec("10.00"), dec("6")),
                buy("alice", "10.00", "6"),
                PlaceOrder.limit("alice", "BOLT", Side.BUY, dec("10.00"), dec("4"))));

        assertThat(results.get(0)).isInstanceOf(PlaceResult.Placed.class);
        assertThat(results.get(1)).isEqualTo(new PlaceResult.Rejected(RejectReason.INSUFFICIENT_FUNDS));
        assertThat(results.get(2)).isInstanceOf(PlaceResult.Placed.class);
        assertThat(x.balance("alice", USD).available()).isEqualByComparingTo("0.00");
        x.assertAuditClean();
    }

    @Test
    void aListenerThatThrowsStopsNeitherTheOtherEventsNorTheOtherUnits() {
        Exchange x = Exchange.standard().fund("alice", USD, "1000.00");
        x.engine.createAsset(Asset.token("BOLT", "Bolt", 0, USD, new BigDecimal("0.01"), BigDecimal.ONE,
                BigDecimal.ONE, 0, 0));
        IllegalStateException broken = new IllegalStateException("listener broke");
        x.engine.addListener(event -> {
            throw broken;
        });
        x.events.clear();

        assertThatThrownBy(() -> x.engine.execute(List.of(buy("alice", "10.00", "1"), buy("alice", "11.00", "1"),
                PlaceOrder.limit("alice", "BOLT", Side.BUY, dec("1.00"), dec("1"))))).isSameAs(broken);

        assertThat(x.engine.openOrders("alice")).hasSize(3);
        assertThat(x.events).filteredOn(TradingEvent.OrderUpdated.class::isInstance).hasSize(3);
        x.assertAuditClean();
    }

    @Test
    void anEmptyBatchDoesNothing() {
        Exchange x = Exchange.standard();

        assertThat(x.engine.execute(List.of())).isEmpty();
        assertThat(x.events).isEmpty();
    }

    private static PlaceOrder buy(String user, String price, String quantity) {
        return PlaceOrder.limit(user, ACME, Side.BUY, dec(price), dec(quantity));
    }

    private static PlaceOrder sell(String user, String price, String quantity) {
        return PlaceOrder.limit(user, ACME, Side.SELL, dec(price), dec(quantity));
    }
}
