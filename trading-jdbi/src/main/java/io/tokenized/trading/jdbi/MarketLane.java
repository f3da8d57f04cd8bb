package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.port.MarketWork;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for one market: concurrent {@code inMarket} calls queue here; one caller at a time leads,
 * takes up to {@code maxBatchSize} queued works (its own first) and runs them as one unit; the others
 * sleep until their outcome is decided or they are asked to lead the next unit. While a unit commits,
 * the next batch gathers, so throughput grows with concurrency instead of stopping at one commit per
 * command.
 *
 * <p>A caller waits uninterruptibly: once queued, its work may already be running in a unit, and the
 * caller must learn that unit's outcome (its interrupt status is kept).
 *
 * <p>Thread-safe: the queue and hand-offs are guarded by one lock. Only the leader runs works, one unit
 * at a time, and leadership passes under the lock, so each run of the market happens-before the next.
 */
final class MarketLane {

    private final String assetId;
    private final long lockKey;
    private final int maxBatchSize;
    private final UnitRunner runner;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private boolean leaderActive;

    MarketLane(String assetId, long lockKey, int maxBatchSize, UnitRunner runner) {
        this.assetId = assetId;
        this.lockKey = lockKey;
        this.maxBatchSize = maxBatchSize;
        this.runner = runner;
    }

    /** Runs the work in the next unit of this market; returns its result once that unit committed. */
    Object submit(MarketWork<?> work) {
        Job job;
        lock.lock();
        try {
            job = Job.market(work, lock.newCondition());
            queue.addLast(job);
            if (leaderActive) {
                // A unit is running: wait to be carried by a later one, or to lead it.
                while (!job.done && !job.leads) {
                    job.wake.awaitUninterruptibly();
                }
                if (job.done) {
                    return job.outcome();
                }
            } else {
                leaderActive = true;
            }
        } finally {
            lock.unlock();
        }
        lead();
        return job.outcome();
    }

    /** Runs one unit with the jobs at the head of the queue, then hands leadership on. */
    private void lead() {
        List<Job> batch = new ArrayList<>(Math.min(maxBatchSize, 64));
        lock.lock();
        try {
            while (!queue.isEmpty() && batch.size() < maxBatchSize) {
                batch.add(queue.pollFirst());
            }
        } finally {
            lock.unlock();
        }
        try {
            runner.run(assetId, lockKey, batch);
        } finally {
            lock.lock();
            try {
                for (Job finished : batch) {
                    finished.done = true;
                    finished.wake.signal();
                }
                Job next = queue.peekFirst();
                if (next != null) {
                    next.leads = true;
                    next.wake.signal();
                } else {
                    leaderActive = false;
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
