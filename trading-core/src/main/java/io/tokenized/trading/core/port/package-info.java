/**
 * The store port: {@link io.tokenized.trading.core.port.TradingStore} and the records it carries.
 *
 * <p>The engine computes an immutable outcome per command ({@link io.tokenized.trading.core.port.MarketChanges},
 * {@link io.tokenized.trading.core.port.LedgerChanges}); a store persists outcomes atomically, one market unit
 * at a time, possibly several commands of one market per transaction. The in-memory order book is cached by
 * the engine, not by the store: a store only reports the market's persisted sequence and, when asked, the
 * live orders to rebuild from. Records use the book's units (ticks, lots) and minor units of assets; the
 * market's {@link io.tokenized.trading.core.market.MarketRules} convert them to the decimals the tables hold.
 */
package io.tokenized.trading.core.port;
