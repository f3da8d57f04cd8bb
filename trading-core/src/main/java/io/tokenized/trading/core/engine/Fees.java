package io.tokenized.trading.core.engine;

/** Fee arithmetic in minor units, exact and overflow-free. Stateless. */
final class Fees {
    static final long BPS_PER_UNIT = 10_000;

    private Fees() {
    }

    /** {@code ceil(amount x bps / 10,000)}: fees round up to the minor unit. Never overflows for bps <= 10,000. */
    static long ceilBps(long amountMinor, int bps) {
        long whole = amountMinor / BPS_PER_UNIT;
        long rest = amountMinor % BPS_PER_UNIT;
        return whole * bps + (rest * bps + BPS_PER_UNIT - 1) / BPS_PER_UNIT;
    }

    /**
     * The most that {@code fills} fees, each {@link #ceilBps rounded up} on its own fill, can total when the
     * fills trade at most {@code amountMinor} together. Rounding one fill up adds less than a minor unit, and
     * since {@code fill x bps} is a multiple of {@code g = gcd(bps, 10,000)}, at most {@code (10,000 - g) /
     * 10,000} of one: so the total is at most {@code floor((amount x bps + fills x (10,000 - g)) / 10,000)}.
     * Tight, not padded: fills whose {@code fill x bps} each leave that largest remainder reach it.
     * Needs bps <= 10,000; throws {@link ArithmeticException} only if the bound itself exceeds a long.
     */
    static long ceilBpsPerFill(long amountMinor, int bps, long fills) {
        long slack = BPS_PER_UNIT - gcd(bps, BPS_PER_UNIT);
        long whole = amountMinor / BPS_PER_UNIT;
        long rest = amountMinor % BPS_PER_UNIT;
        // floor((rest x bps + fills x slack) / 10,000), split so that no product can overflow.
        long perFill = fills / BPS_PER_UNIT * slack;
        long tail = (rest * bps + fills % BPS_PER_UNIT * slack) / BPS_PER_UNIT;
        return Math.addExact(Math.addExact(Math.multiplyExact(whole, bps), perFill), tail);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * The largest quote amount a buy sized by budget may trade so that the amount plus its taker fee
     * still fits the budget: the book spends this, the fee comes on top.
     */
    static long spendableBeforeFee(long budgetMinor, int takerBps) {
        long divisor = BPS_PER_UNIT + takerBps;
        long whole = budgetMinor / divisor;
        long rest = budgetMinor % divisor;
        long feeShare = whole * takerBps + (rest * takerBps + divisor - 1) / divisor;
        long spendable = budgetMinor - feeShare;
        while (spendable > 0 && spendable + ceilBps(spendable, takerBps) > budgetMinor) {
            spendable--;
        }
        return spendable;
    }
}
