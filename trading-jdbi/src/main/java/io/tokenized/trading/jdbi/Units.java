package io.tokenized.trading.jdbi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Exact conversions between the decimals the tables hold ({@code numeric(38, 18)}) and the port's minor
 * units (longs, and {@code BigInteger} for sums over many rows). A stored value that is not a whole number of units is corrupt data and fails loudly; it is
 * never rounded. Stateless.
 */
final class Units {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private Units() {
    }

    /**
     * {@code text x 10^scale} for a decimal in PostgreSQL's text form (e.g. {@code 12.340000000000000000}),
     * parsed without allocating: digits beyond {@code scale} must be zeros. Falls back to BigDecimal for
     * any other spelling (exponent notation from a binary transfer).
     *
     * @throws IllegalStateException when the value is not a whole number of units or does not fit a long
     */
    static long scaled(String text, int scale) {
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        long value = 0;
        int fractionDigits = -1;
        boolean digits = false;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (fractionDigits >= 0) {
                    return scaledSlowly(text, scale);
                }
                fractionDigits = 0;
                continue;
            }
            if (c < '0' || c > '9') {
                return scaledSlowly(text, scale);
            }
            digits = true;
            int digit = c - '0';
            if (fractionDigits >= 0) {
                if (fractionDigits >= scale) {
                    if (digit != 0) {
                        throw new IllegalStateException("stored value " + text + " has more than " + scale
                                + " decimal places");
                    }
                    continue;
                }
                fractionDigits++;
            }
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw new IllegalStateException("stored value " + text + " does not fit in minor units");
            }
            value = value * 10 + digit;
        }
        if (!digits) {
            return scaledSlowly(text, scale);
        }
        for (int pad = Math.max(fractionDigits, 0); pad < scale; pad++) {
            if (value > Long.MAX_VALUE / 10) {
                throw new IllegalStateException("stored value " + text + " does not fit in minor units");
            }
            value *= 10;
        }
        return negative ? -value : value;
    }

    /**
     * A stored decimal in minor units of the scale, of any size: for sums over many rows, which may pass a
     * long where no row does.
     *
     * @throws IllegalStateException when the value is not a whole number of units
     */
    static BigInteger scaledExactly(String text, int scale) {
        try {
            return new BigDecimal(text).setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalStateException("stored value " + text + " is not a whole number of units at scale "
                    + scale, e);
        }
    }

    private static long scaledSlowly(String text, int scale) {
        try {
            return new BigDecimal(text).setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalStateException("stored value " + text + " is not a whole number of units at scale "
                    + scale, e);
        }
    }

    /** {@code whole / unit}, which must divide exactly. */
    static long exactQuotient(long whole, long unit, String what) {
        if (whole % unit != 0) {
            throw new IllegalStateException("stored " + what + " is not a whole number of its unit");
        }
        return whole / unit;
    }

    /** An instant as epoch microseconds, the database's precision. */
    static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }

    static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
