package io.tokenized.trading.core.port;

import io.tokenized.trading.core.market.Asset;

import java.util.List;

/**
 * A work's view of one market inside one atomic unit. The market is locked for the whole unit (in
 * PostgreSQL: {@code pg_advisory_xact_lock} on the market), and what the session reports of other rows
 * either cannot change under the work (a database locks the rows it reads) or is checked again before the
 * unit commits, which runs the work again when it no longer holds (the in-memory store). Every read
 * includes the changes applied by earlier works of the same unit.
 *
 * <p>Used only by the thread running the work, only during {@link MarketWork#run}.
 */
public interface MarketSession {

    /** The market's token row (rules and status), read after the market was locked. */
    Asset market();

    /** The market's quote asset. */
    Asset quote();

    /**
     * The market's persisted sequence ({@code tokenized_assets.sequence}), including earlier works of
     * this unit. The engine reuses its cached book of the market while this equals the cached book's
     * sequence, and otherwise rebuilds it from {@link #liveOrders()} and {@link #lastTradePriceTicks()}.
     */
    long sequence();

    /**
     * Every live order of the market (status PENDING, OPEN or PARTIALLY_FILLED), in any order: the
     * engine sorts them by {@link OrderRecord#priority()}. Called only when the engine's cached book is
     * stale, so it may be expensive.
     */
    List<OrderRecord> liveOrders();

    /** The price of the market's last trade (highest sequence, then highest trade id) in ticks; 0 if none. */
    long lastTradePriceTicks();

    /**
     * Locks and reads one balance row, creating it at zero first if absent (in PostgreSQL:
     * {@code INSERT ... ON CONFLICT DO NOTHING}, then {@code SELECT ... FOR UPDATE}). A work reads only the
     * balances it must check; it changes any balance, read or not, with a {@link BalanceDelta}. A store
     * that locks rows keeps them locked until the unit ends; one that does not commits the work's outcome
     * only while each balance it read still covers at least what it read, so a work may rely on a read
     * balance covering what it takes, and on nothing more exact.
     */
    BalanceRecord balance(String userId, String assetId);

    /**
     * Whether the user's available balance of the asset is at least {@code minimumMinor}: a funds check,
     * for a work that relies on the answer and on nothing more exact. Reads as {@link #balance} does. A
     * store that does not lock rows commits the work's outcome only while the answer still holds, so
     * another unit's change that leaves it as it was does not run the work again, as a changed balance
     * read would. By default, the answer of {@link #balance}.
     */
    default boolean hasAvailable(String userId, String assetId, long minimumMinor) {
        return balance(userId, assetId).availableMinor() >= minimumMinor;
    }

    /**
     * The user's order with this client order id, in any market, or null. Includes orders applied by
     * earlier works of this unit. Two units that insert the same (user, client order id) concurrently
     * cannot both commit: the store re-runs the losing unit, whose work then finds the winner's order.
     */
    OrderRecord orderByClientId(String userId, String clientOrderId);

    /** Whether the user exists (the auth user table; the in-memory store's registered users). */
    boolean userExists(String userId);

    /**
     * Persists the outcome of the current work within this unit. Later works of the unit see it; it
     * becomes durable when the unit commits. A store may buffer the writes and flush them in batches
     * before the commit; balance deltas are relative and may be applied in canonical (user, asset) order.
     *
     * @throws io.tokenized.trading.core.TradingException when the outcome cannot be applied (a bug): the
     *                                                     unit then fails as a whole
     */
    void apply(MarketChanges changes);
}
