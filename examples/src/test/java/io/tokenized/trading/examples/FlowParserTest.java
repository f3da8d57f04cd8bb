package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.order.OrderType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FlowParserTest {

    @Test
    void placeLineBecomesTheRequestItDescribes() throws FlowParser.MalformedLine {
        FlowStep step = FlowParser.parse("{\"op\":\"place\",\"user\":\"alice\",\"market\":\"ACME\",\"side\":\"Sell\","
                + "\"type\":\"stop_limit\",\"stopPrice\":\"9.50\",\"price\":9.40,\"quantity\":\"3\","
                + "\"stp\":\"CANCEL_BOTH\",\"clientOrderId\":\"s-1\"}");

        assertThat(step).isEqualTo(new FlowStep.Place(new PlaceOrder("alice", "ACME", Side.SELL, OrderType.STOP_LIMIT,
                new BigDecimal("9.40"), new BigDecimal("9.50"), new BigDecimal("3"), null, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_BOTH, "s-1")));
    }

    @Test
    void marketOrdersDefaultToImmediateOrCancel() throws FlowParser.MalformedLine {
        FlowStep step = FlowParser.parse(
                "{\"op\":\"place\",\"user\":\"bob\",\"market\":\"ACME\",\"side\":\"buy\",\"type\":\"market\","
                        + "\"quoteBudget\":\"50.00\"}");

        assertThat(((FlowStep.Place) step).request().timeInForce()).isEqualTo(TimeInForce.IOC);
    }

    @Test
    void amendNeedsExactlyOneOfQuantityAndPrice() {
        assertThatThrownBy(() -> FlowParser.parse(
                "{\"op\":\"amend\",\"user\":\"a\",\"clientOrderId\":\"x\",\"quantity\":\"1\",\"price\":\"2\"}"))
                .isInstanceOf(FlowParser.MalformedLine.class).hasMessageContaining("exactly one");
    }

    @Test
    void malformedLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> FlowParser.parse("[1,2]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> FlowParser.parse("{\"op\":\"trade\"}")).hasMessageContaining("unknown op \"trade\"");
        assertThatThrownBy(() -> FlowParser.parse(
                "{\"op\":\"deposit\",\"user\":\"a\",\"asset\":\"USD\",\"key\":\"k\"}"))
                .hasMessage("missing \"amount\"");
        assertThatThrownBy(() -> FlowParser.parse(
                "{\"op\":\"place\",\"user\":\"a\",\"market\":\"M\",\"side\":\"up\",\"quantity\":\"1\"}"))
                .hasMessage("\"side\" must be one of buy, sell, not \"up\"");
        assertThatThrownBy(() -> FlowParser.parse("{\"op\":\"user\",\"id\":\"a\",\"id\":\"b\"}"))
                .hasMessageContaining("Duplicate field 'id'");
        assertThatThrownBy(() -> FlowParser.parse("{\"op\":\"asset\",\"id\":\"usd\",\"kind\":\"cash\",\"scale\":2}"))
                .hasMessageStartingWith("invalid asset: an asset code is");
    }

    @Test
    void blankLinesAndCommentsAreSkipped() {
        assertThat(FlowParser.isSkipped("   ")).isTrue();
        assertThat(FlowParser.isSkipped("  # a note")).isTrue();
        assertThat(FlowParser.isSkipped("{\"op\":\"audit\"}")).isFalse();
    }
}
