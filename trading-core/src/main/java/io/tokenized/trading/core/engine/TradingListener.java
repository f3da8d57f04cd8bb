package io.tokenized.trading.core.engine;

/**
 * Receives committed events, on the thread that ran the command, after the store committed it: first
 * the trades, then the order updates, then the balance changes of that command. Events of different
 * commands may reach a listener from several threads at once; within a market, {@link Order#sequence()}
 * and {@link Trade#sequence()} give their order. A listener that throws does not undo the command; the
 * exception is passed on to the caller after every listener ran.
 */
@FunctionalInterface
public interface TradingListener {
    void onEvent(TradingEvent event);
}
