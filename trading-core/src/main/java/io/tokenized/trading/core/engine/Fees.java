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
