package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.TradingException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs units: one transaction per attempt, every job of the unit inside it, commit, and the outcome
 * written to each job. What goes wrong is handled by what a re-run can fix:
 * <ul>
 *   <li>a transient failure (serialization failure, deadlock, a unique key a concurrent unit took, a lost
 *       or killed connection) rolls back and re-runs the whole unit after an exponential backoff with full
 *       jitter, up to {@link JdbiStoreConfig#maxAttempts()} attempts;</li>
 *   <li>a balance read that went stale re-runs at once with the unit's rows locked from the start;</li>
 *   <li>a work that throws fails alone: the unit rolls back and the other jobs run again without it;</li>
 *   <li>any other database error (a constraint the outcome broke) cannot be pinned on one job of a batch,
 *       so each job runs again in a unit of its own, and only the guilty one fails;</li>
 *   <li>a connection lost during COMMIT is resolved by looking for a row only the unit wrote, after
 *       waiting for the market lock (or the balance rows) that the lost transaction held: committed
 *       means done, absent means re-run, unknowable means {@link CommitOutcomeUnknownException}.</li>
 * </ul>
 * Every rolled-back run of a work is followed by its {@code rolledBack()}, on the running thread.
 *
 * <p>Thread-safe: holds no state between calls; each call runs on the caller's thread.
 */
final class UnitRunner {

    private static final Logger LOG = LoggerFactory.getLogger(UnitRunner.class);
    private static final int RESOLVE_ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final StoreContext store;

    UnitRunner(Jdbi jdbi, StoreContext store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    /**
     * Runs the jobs, in order, as one unit where possible, and decides every job's outcome.
     *
     * @param marketId the market of the unit, or null for a ledger unit
     * @param lockKey  the market's advisory lock key (ignored for a ledger unit)
     */
    void run(String marketId, long lockKey, List<Job> jobs) {
        Deque<List<Job>> groups = new ArrayDeque<>();
        groups.add(new ArrayList<>(jobs));
        try {
            while (!groups.isEmpty()) {
                runGroup(marketId, lockKey, groups.pollFirst(), groups);
            }
        } finally {
            for (Job job : jobs) {
                if (!job.finished) {
                    job.fail(new StoreException(describe(marketId) + " ended without deciding this command", null,
                            null));
                }
            }
        }
    }

    private void runGroup(String marketId, long lockKey, List<Job> group, Deque<List<Job>> groups) {
        Set<BalanceKey> lockFirst = Set.of();
        int attempt = 0;
        while (!group.isEmpty()) {
            attempt++;
            List<Job> ran = new ArrayList<>(group.size());
            Unit unit = null;
            Job failedJob = null;
            boolean commitLost = false;
            boolean committed = false;
            Throwable failure = null;
            Handle handle = null;
            try {
                handle = jdbi.open();
                handle.begin();
                unit = marketId == null ? Unit.ledger(store, handle, lockFirst)
                        : Unit.market(store, handle, marketId, lockKey, lockFirst);
                for (Job job : group) {
                    unit.beginWork();
                    ran.add(job);
                    try {
                        job.attemptResult = job.run(unit);
                    } catch (RuntimeException | Error e) {
                        if (unit.storeFailure() == null) {
                            failedJob = job;
                        }
                        throw e;
                    }
                    if (unit.storeFailure() != null) {
                        throw unit.storeFailure();
                    }
                }
                boolean writes = unit.hasWrites();
                if (writes) {
                    unit.flush();
                }
                try {
                    handle.commit();
                    committed = true;
                } catch (RuntimeException e) {
                    commitLost = writes && Failures.isConnectionLoss(e);
                    throw e;
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                close(handle, !committed && !commitLost);
            }

            if (committed) {
                unit.committed();
                group.forEach(Job::succeed);
                return;
            }
            if (commitLost) {
                Optional<Boolean> outcome = resolve(marketId, lockKey, unit);
                if (outcome.isPresent() && outcome.get()) {
                    LOG.warn("{}: the connection was lost during COMMIT; the commit is confirmed by its rows",
                            describe(marketId));
                    unit.committed();
                    group.forEach(Job::succeed);
                    return;
                }
                rolledBack(ran);
                if (outcome.isEmpty()) {
                    CommitOutcomeUnknownException unknown = new CommitOutcomeUnknownException(describe(marketId)
                            + ": the connection was lost during COMMIT and whether it committed cannot be "
                            + "determined (the unit carried no row to look up, or the database stayed unreachable)",
                            failure);
                    group.forEach(job -> job.fail(unknown));
                    return;
                }
                LOG.warn("{}: the connection was lost during COMMIT; it did not commit and runs again",
                        describe(marketId));
            } else {
                rolledBack(ran);
            }

            if (failedJob != null) {
                failedJob.fail(failure);
                group.remove(failedJob);
                attempt = 0;
                lockFirst = Set.of();
                continue;
            }
            if (commitLost || Failures.isTransient(failure)) {
                if (attempt >= store.config().maxAttempts()) {
                    TradingException exhausted = new StoreException(describe(marketId) + " failed " + attempt
                            + " times on transient conflicts or connection losses; last: "
                            + Failures.translate("the last attempt", failure).getMessage(),
                            Failures.sqlState(failure), failure);
                    group.forEach(job -> job.fail(exhausted));
                    return;
                }
                if (failure instanceof UnitBalances.StaleBalances stale) {
                    LOG.debug("{}: a balance read went stale; running again with {} rows locked first",
                            describe(marketId), stale.keys.size());
                    Set<BalanceKey> keys = new HashSet<>(lockFirst);
                    keys.addAll(stale.keys);
                    lockFirst = keys;
                } else {
                    LOG.debug("{}: attempt {} failed transiently, retrying: {}", describe(marketId), attempt,
                            failure.toString());
                    backoff(attempt);
                }
                continue;
            }
            if (group.size() > 1) {
                // The error belongs to one job's outcome but the batch hides which: run each on its own.
                for (int i = group.size() - 1; i >= 0; i--) {
                    List<Job> single = new ArrayList<>(1);
                    single.add(group.get(i));
                    groups.addFirst(single);
                }
                return;
            }
            group.get(0).fail(Failures.translate(describe(marketId), failure));
            return;
        }
    }

    /**
     * Whether the unit whose COMMIT lost its connection committed: empty when that cannot be known. Waits
     * first for what the lost transaction held (the market lock, its balance rows), so a commit still
     * finishing on the server is seen.
     */
    private Optional<Boolean> resolve(String marketId, long lockKey, Unit unit) {
        Unit.Witness witness = unit.witness();
        if (witness == null) {
            return Optional.empty();
        }
        for (int attempt = 1; attempt <= RESOLVE_ATTEMPTS; attempt++) {
            try (Handle handle = jdbi.open()) {
                return Optional.of(handle.inTransaction(transaction -> {
                    if (marketId != null) {
                        transaction.createQuery(store.sql().lockMarket).bind("key", lockKey).mapTo(Integer.class).one();
                    } else {
                        List<BalanceKey> keys = new ArrayList<>(unit.balanceKeys());
                        transaction.createQuery(store.sql().lockBalances)
                                .bind("userIds", keys.stream().map(BalanceKey::userId).toArray(String[]::new))
                                .bind("assetIds", keys.stream().map(BalanceKey::assetId).toArray(String[]::new))
                                .mapTo(String.class).list();
                    }
                    if (witness.expectedOrder() == null) {
                        return transaction.createQuery(witness.query()).bind("id", witness.id())
                                .mapTo(Boolean.class).one();
                    }
                    Instant expected = witness.expectedOrder().updatedAt().truncatedTo(ChronoUnit.MICROS);
                    String expectedState = witness.expectedOrder().status().name() + "@"
                            + (expected.getEpochSecond() * 1_000_000L + expected.getNano() / 1_000);
                    return transaction.createQuery(witness.query()).bind("id", witness.id())
                            .map((rs, context) -> rs.getString(1) + "@" + rs.getLong(2)).findOne()
                            .map(expectedState::equals).orElse(false);
                }));
            } catch (RuntimeException e) {
                LOG.debug("{}: checking the outcome of a lost COMMIT failed (attempt {}): {}", describe(marketId),
                        attempt, e.toString());
                backoff(attempt + 3);
            }
        }
        return Optional.empty();
    }

    private void rolledBack(List<Job> ran) {
        for (Job job : ran) {
            try {
                job.rolledBack();
            } catch (RuntimeException e) {
                LOG.warn("rolledBack() of a work threw; ignored", e);
            }
        }
    }

    private void backoff(int attempt) {
        long first = store.config().retryBackoff().toNanos();
        long max = store.config().maxRetryBackoff().toNanos();
        long ceiling = first << Math.min(attempt - 1, 30);
        if (ceiling <= 0 || ceiling > max) {
            ceiling = max;
        }
        if (ceiling > 0) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
        }
    }

    private static void close(Handle handle, boolean rollback) {
        if (handle == null) {
            return;
        }
        if (rollback) {
            try {
                if (handle.isInTransaction()) {
                    handle.rollback();
                }
            } catch (RuntimeException e) {
                LOG.debug("rollback failed (the connection is likely gone): {}", e.toString());
            }
        }
        try {
            handle.close();
        } catch (RuntimeException e) {
            LOG.debug("closing a handle failed: {}", e.toString());
        }
    }

    private static String describe(String marketId) {
        return marketId == null ? "a ledger unit" : "the unit of market " + marketId;
    }
}
