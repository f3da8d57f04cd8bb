package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.port.LedgerWork;
import io.tokenized.trading.core.port.MarketWork;

import java.util.concurrent.locks.Condition;

/**
 * One caller's work waiting in, or running through, a unit: its result or failure once its unit ended.
 * Market jobs wait in their market's {@link MarketLane}.
 *
 * <p>Guarded by the lane's lock while queued; the leader that runs it writes its outcome before the
 * lane's lock publishes it to the caller.
 */
final class Job {

    final MarketWork<?> marketWork;
    final LedgerWork<?> ledgerWork;
    /** Signalled when the job is done or becomes its lane's leader. */
    final Condition wake;

    /** The result of the attempt in progress; becomes {@link #result} when the unit commits. */
    Object attemptResult;
    Object result;
    Throwable failure;
    /** Whether the outcome is decided; written and read by the thread running the unit. */
    boolean finished;
    /** Whether the caller may collect the outcome; guarded by the lane's lock. */
    boolean done;
    /** Whether the caller leads its lane's next unit; guarded by the lane's lock. */
    boolean leads;

    private Job(MarketWork<?> marketWork, LedgerWork<?> ledgerWork, Condition wake) {
        this.marketWork = marketWork;
        this.ledgerWork = ledgerWork;
        this.wake = wake;
    }

    static Job market(MarketWork<?> work, Condition wake) {
        return new Job(work, null, wake);
    }

    static Job ledger(LedgerWork<?> work) {
        return new Job(null, work, null);
    }

    Object run(Unit unit) {
        return marketWork != null ? marketWork.run(unit) : ledgerWork.run(unit);
    }

    /** Tells a market work that its run was rolled back (ledger works keep nothing to forget). */
    void rolledBack() {
        if (marketWork != null) {
            marketWork.rolledBack();
        }
    }

    void succeed() {
        result = attemptResult;
        failure = null;
        finished = true;
    }

    void fail(Throwable cause) {
        failure = cause;
        finished = true;
    }

    /** The result, or the failure rethrown: unchecked as it is, anything else wrapped. */
    Object outcome() {
        if (failure == null) {
            return result;
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new StoreException("the work failed: " + failure, null, failure);
    }
}
