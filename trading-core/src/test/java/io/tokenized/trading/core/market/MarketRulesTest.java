package io.tokenized.trading.core.market;

import io.tokenized.trading.core.RejectReason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketRulesTest {
    private static final Asset USD = Asset.cash("USD", "US dollar", 2);
    private static final Asset ACME = Asset.token("ACME", "Acme", 3, "USD", new BigDecimal("0.05"),
            new BigDecimal("0.2"), new BigDecimal("1.0"), 10, 20);
    private final MarketRules rules = MarketRules.of(ACME, USD);

    @Test
    void compilesTickAndLotIntoMinorUnits() {
        assertThat(rules.quoteMinorPerTickLot()).isEqualTo(1);
        assertThat(rules.baseMinorPerLot()).isEqualTo(200);
        assertThat(rules.minLots()).isEqualTo(5);
    }

    @Test
    void convertsExactDecimalsBothWays() {
        assertThat(rules.priceTicks(new BigDecimal("12.35"))).isEqualTo(247);
        assertThat(rules.price(247)).isEqualByComparingTo("12.35");
        assertThat(rules.quantityLots(new BigDecimal("1.400"))).isEqualTo(7);
        assertThat(rules.quantity(7)).isEqualByComparingTo("1.4");
        assertThat(rules.quoteMinor(new BigDecimal("3.10"))).isEqualTo(310);
    }

    @Test
    void refusesValuesThatAreNotExactForTheMarket() {
        assertThat(reason(rules.priceTicks(new BigDecimal("12.34")))).isEqualTo(RejectReason.OFF_TICK);
        assertThat(reason(rules.priceTicks(new BigDecimal("12.351")))).isEqualTo(RejectReason.OFF_TICK);
        assertThat(reason(rules.priceTicks(BigDecimal.ZERO))).isEqualTo(RejectReason.INVALID_PRICE);
        assertThat(reason(rules.quantityLots(new BigDecimal("1.3")))).isEqualTo(RejectReason.OFF_LOT);
        assertThat(reason(rules.quantityLots(new BigDecimal("1.0001")))).isEqualTo(RejectReason.TOO_MANY_DECIMALS);
        assertThat(reason(rules.quantityLots(new BigDecimal("0.8")))).isEqualTo(RejectReason.BELOW_MIN_QUANTITY);
        assertThat(reason(rules.quantityLots(new BigDecimal("-1")))).isEqualTo(RejectReason.INVALID_QUANTITY);
        assertThat(reason(rules.quantityLots(new BigDecimal("1e20")))).isEqualTo(RejectReason.OVERFLOW);
        assertThat(reason(rules.quoteMinor(new BigDecimal("0.001")))).isEqualTo(RejectReason.TOO_MANY_DECIMALS);
    }

    @Test
    void refusesRulesWhosePriceTimesQuantityIsNotWholeQuoteMinorUnits() {
        Asset fine = Asset.token("FINE", "Fine", 0, "USD", new BigDecimal("0.001"), BigDecimal.ONE, BigDecimal.ONE, 0, 0);
        Asset lotTooSmall = Asset.token("DUST", "Dust", 0, "USD", new BigDecimal("0.01"), new BigDecimal("0.5"),
                BigDecimal.ONE, 0, 0);
        Asset minOffLot = Asset.token("ODD", "Odd", 0, "USD", new BigDecimal("0.01"), new BigDecimal("2"),
                new BigDecimal("3"), 0, 0);

        assertThat(MarketRules.check(fine, USD)).contains(RejectReason.INVALID_MARKET_RULES);
        assertThat(MarketRules.check(lotTooSmall, USD)).contains(RejectReason.INVALID_MARKET_RULES);
        assertThat(MarketRules.check(minOffLot, USD)).contains(RejectReason.INVALID_MARKET_RULES);
        assertThat(MarketRules.check(ACME, ACME)).contains(RejectReason.UNKNOWN_ASSET);
        assertThat(MarketRules.check(USD, USD)).contains(RejectReason.NOT_A_MARKET);
        assertThatThrownBy(() -> MarketRules.of(fine, USD)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void assetsRejectMalformedFieldsAndNormaliseDecimals() {
        assertThatThrownBy(() -> Asset.cash("usd", "lower case", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Asset.cash("USD", "too fine", 19)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Asset.token("X", "x", 0, "USD", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Asset.token("X", "x", 0, "USD", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 0,
                10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Asset.token("X", "x", 0, "USD", new BigDecimal("0.010"), new BigDecimal("100"), new BigDecimal("1E+2"),
                0, 0)).isEqualTo(Asset.token("X", "x", 0, "USD", new BigDecimal("0.01"), new BigDecimal("100"),
                new BigDecimal("100"), 0, 0));
    }

    private static RejectReason reason(long parsed) {
        assertThat(MarketRules.isRejection(parsed)).as("a rejection code: " + parsed).isTrue();
        return MarketRules.rejection(parsed);
    }
}
