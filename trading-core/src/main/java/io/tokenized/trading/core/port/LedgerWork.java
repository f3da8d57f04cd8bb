package io.tokenized.trading.core.port;

/**
 * One ledger command (create an asset, deposit, withdraw) inside {@link TradingStore#inLedger}. Like a
 * {@link MarketWork}: reads through the session, applies its outcome at most once, may be run again after
 * a rolled-back attempt, so it keeps nothing from a previous run.
 *
 * @param <R> the command's result
 */
@FunctionalInterface
public interface LedgerWork<R> {

    /** Decides the command against the state the session shows. */
    R run(LedgerSession session);
}
