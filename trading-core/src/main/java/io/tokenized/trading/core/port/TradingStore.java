package io.tokenized.trading.core.port;

import io.tokenized.trading.core.market.Asset;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the engine's state lives: assets, orders, trades, the journal and balances. One coarse port,
 * built for batching: the engine hands the store whole units of work, and the store decides how many of
 * them share one transaction.
 *
 * <h2>Units</h2>
 * {@link #inMarket} runs one {@link MarketWork} atomically for one market: either everything the work
 * applied is committed or nothing is. A store may run several works of the same market, submitted
 * concurrently, in one transaction, in submission order; each later work sees the earlier ones' changes.
 * {@code inMarket} returns the work's result only after the unit containing it has committed (so the
 * engine may publish events then), and throws when it cannot commit it.
 * <ul>
 *   <li>Works of one market never run concurrently within one store instance, and each run
 *       happens-before the next run of that market (the engine keeps unsynchronised per-market state that
 *       only works touch). Works of different markets may run in parallel.</li>
 *   <li>Across store instances sharing one database, a market's units are serialised by the database
 *       (PostgreSQL: {@code pg_advisory_xact_lock} on the market, taken first in the transaction).</li>
 *   <li>What a session reads holds until the unit commits: balance rows are locked when a session reads
 *       them, or else (the in-memory store) the unit commits only if what its works read still holds and
 *       is otherwise rolled back and run again. In a database, rows are locked in one canonical order
 *       (user id, asset id) where the store controls the order; deadlocks and
 *       serialization failures (SQLSTATE 40P01, 40001) and unique-key conflicts on client order ids,
 *       idempotency keys and asset ids roll the unit back, call {@link MarketWork#rolledBack()} on its
 *       works, and run them again (with backoff), which is why works must be re-runnable.</li>
 *   <li>A work that throws fails the unit: the store rolls it back, calls {@code rolledBack()} on every
 *       work that ran in it, rethrows the exception to that work's caller, and re-runs the unit's other
 *       works in a fresh unit.</li>
 *   <li>When a commit's outcome is unknown (connection lost during COMMIT), the store resolves it before
 *       answering: by the client order id or idempotency key the work carried, or else by failing with a
 *       {@link io.tokenized.trading.core.TradingException} that says so. It never applies a work twice.</li>
 * </ul>
 * {@link #inLedger} is the same for ledger works, which lock no market.
 *
 * <h2>Reads</h2>
 * The query methods read committed state, without locks; lists are newest first where they say so.
 * Infrastructure failures surface as {@link io.tokenized.trading.core.TradingException}.
 *
 * <p>Implementations are thread-safe.
 */
public interface TradingStore {

    /** Runs one market work atomically; see the class description. */
    <R> R inMarket(String assetId, MarketWork<R> work);

    /** Runs one ledger work atomically; see the class description. */
    <R> R inLedger(LedgerWork<R> work);

    /** The asset with this id. */
    Optional<Asset> asset(String assetId);

    /** Every asset, ordered by id. */
    List<Asset> assets();

    /** Whether the user exists. */
    boolean userExists(String userId);

    /** The user's balance rows, ordered by asset id. */
    List<BalanceRecord> balances(String userId);

    /** The order with this id. */
    Optional<OrderRecord> order(UUID orderId);

    /** The user's order with this client order id. */
    Optional<OrderRecord> orderByClientId(String userId, String clientOrderId);

    /** The user's live orders in every market, oldest first. */
    List<OrderRecord> openOrders(String userId);

    /** Every live order of a market, in {@link OrderRecord#priority()} order. */
    List<OrderRecord> liveOrders(String assetId);

    /** The market's latest trades, newest first, at most {@code limit}. */
    List<TradeRecord> marketTrades(String assetId, int limit);

    /** The trades in which the user was maker or taker, newest first, at most {@code limit}. */
    List<TradeRecord> userTrades(String userId, int limit);

    /** The user's journal entries, newest first, at most {@code limit}. */
    List<JournalEntry> journal(String userId, int limit);

    /** The market's persisted sequence; 0 for a market without commands. */
    long sequence(String assetId);

    /** Stores a depth snapshot; a second snapshot of the same (asset, sequence) is ignored. */
    void saveSnapshot(DepthSnapshot snapshot);

    /** The market's snapshot with the highest sequence. */
    Optional<DepthSnapshot> latestSnapshot(String assetId);

    // ---- what the audit reads: whole-store aggregates, not for the request path ----

    /** Every balance row. */
    List<BalanceRecord> allBalances();

    /** Journal sums grouped by (user, asset, kind). */
    List<JournalTotal> journalTotals();

    /** Every order with a fill or a trade, with the sums of its trades. */
    List<OrderFill> orderFills();

    /** Journal sums of TRADE and FEE entries grouped by (trade, asset). */
    List<TradeLegTotal> tradeLegTotals();
}
