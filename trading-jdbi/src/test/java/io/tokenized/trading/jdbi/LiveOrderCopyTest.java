package io.tokenized.trading.jdbi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveOrderCopyTest {

    /** PostgreSQL's binary numeric: ndigits, weight, sign, dscale, then base-10000 digits. */
    private static byte[] numeric(int weight, int sign, int dscale, int... digits) {
        byte[] bytes = new byte[8 + 2 * digits.length];
        int[] header = {digits.length, weight, sign, dscale};
        for (int i = 0; i < 4; i++) {
            bytes[2 * i] = (byte) (header[i] >> 8);
            bytes[2 * i + 1] = (byte) header[i];
        }
        for (int i = 0; i < digits.length; i++) {
            bytes[8 + 2 * i] = (byte) (digits[i] >> 8);
            bytes[9 + 2 * i] = (byte) digits[i];
        }
        return bytes;
    }

    @Test
    void decodesBinaryNumericsIntoUnitsAtTheAssetsScale() {
        assertThat(LiveOrderCopy.numericFrom(numeric(0, 0, 2, 12, 3400), 2)).isEqualTo(1234);
        assertThat(LiveOrderCopy.numericFrom(numeric(1, 0, 0, 1, 5), 0)).isEqualTo(10_005);
        assertThat(LiveOrderCopy.numericFrom(numeric(-1, 0, 2, 500), 2)).isEqualTo(5);
        assertThat(LiveOrderCopy.numericFrom(numeric(0, 0x4000, 0, 7), 3)).isEqualTo(-7_000);
        assertThat(LiveOrderCopy.numericFrom(numeric(0, 0, 0), 2)).isZero();
        assertThat(LiveOrderCopy.numericFrom(numeric(4, 0, 2, 9, 2233, 7203, 6854, 7758, 700), 2))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesDigitsBeyondTheScaleAndValuesBeyondALong() {
        assertThatThrownBy(() -> LiveOrderCopy.numericFrom(numeric(0, 0, 3, 12, 3450), 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decimal places");
        assertThatThrownBy(() -> LiveOrderCopy.numericFrom(numeric(-2, 0, 8, 1), 2))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LiveOrderCopy.numericFrom(numeric(4, 0, 2, 9, 2233, 7203, 6854, 7758, 800), 2))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> LiveOrderCopy.numericFrom(numeric(0, 0xC000, 0), 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN");
    }
}
