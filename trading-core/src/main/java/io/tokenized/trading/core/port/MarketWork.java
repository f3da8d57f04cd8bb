package io.tokenized.trading.core.port;

/**
 * One market command as the engine runs it inside {@link TradingStore#inMarket}: it reads what it needs
 * through the session, decides, hands its outcome to {@link MarketSession#apply} (at most once; a
 * rejected command applies nothing) and returns its result.
 *
 * <p>A store may run a work more than once: when the unit's transaction fails transiently (serialization
 * failure, deadlock, a unique key taken by a concurrent unit) it rolls back, calls {@link #rolledBack()}
 * on every work of the unit, and runs them again in a fresh unit. So a work reads state only through its
 * session and keeps nothing from a run that was rolled back.
 *
 * @param <R> the command's result
 */
@FunctionalInterface
public interface MarketWork<R> {

    /** Decides the command against the state the session shows. */
    R run(MarketSession session);

    /**
     * The unit this work ran in was rolled back: nothing it applied was persisted. Called once per
     * rolled-back run, before any re-run and before {@link TradingStore#inMarket} throws, by the thread
     * that ran the work. The engine uses it to discard its cached book of the market.
     */
    default void rolledBack() {
    }
}
