package io.tokenized.trading.jdbi;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitsTest {

    @Test
    void parsesPostgresNumericTextIntoMinorUnitsExactly() {
        assertThat(Units.scaled("12.340000000000000000", 2)).isEqualTo(1234);
        assertThat(Units.scaled("12", 2)).isEqualTo(1200);
        assertThat(Units.scaled("0.5", 3)).isEqualTo(500);
        assertThat(Units.scaled("-7.25", 2)).isEqualTo(-725);
        assertThat(Units.scaled("92233720368547758.07", 2)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void fallsBackToBigDecimalForExponentNotation() {
        assertThat(Units.scaled("1E+2", 2)).isEqualTo(10_000);
        assertThat(Units.scaled("1E-2", 2)).isEqualTo(1);
    }

    @Test
    void refusesAValueThatIsNotAWholeNumberOfUnitsInsteadOfRoundingIt() {
        assertThatThrownBy(() -> Units.scaled("12.345", 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("12.345");
        assertThatThrownBy(() -> Units.scaled("1E-3", 2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Units.exactQuotient(7, 2, "price")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAValueBeyondALongInsteadOfWrappingIt() {
        assertThatThrownBy(() -> Units.scaled("92233720368547758.08", 2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Units.scaled("99999999999999999999", 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsASumOfAnySizeExactlyAndStillRefusesAFractionOfAUnit() {
        assertThat(Units.scaledExactly("-27670116110564327421.000000000000000000", 2))
                .isEqualTo(new BigInteger("-2767011611056432742100"));
        assertThat(Units.scaledExactly("12.340000000000000000", 2)).isEqualTo(BigInteger.valueOf(1234));
        assertThat(Units.scaledExactly("0E-18", 2)).isEqualTo(BigInteger.ZERO);
        assertThatThrownBy(() -> Units.scaledExactly("12.345", 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("12.345");
    }

    @Test
    void convertsEpochMicrosecondsToInstantsOnBothSidesOfTheEpoch() {
        assertThat(Units.fromMicros(1_700_000_000_123_456L)).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
        assertThat(Units.fromMicros(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }
}
