package io.tokenized.trading.core.port;

import io.tokenized.trading.core.market.Asset;

/**
 * A work's view inside one atomic ledger unit (asset creation, deposit, withdrawal). Reads include what
 * earlier works of the unit applied. Used only by the thread running the work, only during the run.
 */
public interface LedgerSession {

    /** The asset with this id, or null. */
    Asset asset(String assetId);

    /** Whether the user exists. */
    boolean userExists(String userId);

    /** Locks and reads one balance row, creating it at zero first if absent (see {@link MarketSession#balance}). */
    BalanceRecord balance(String userId, String assetId);

    /**
     * The user's journal entry carrying this idempotency key, or null. Two units inserting the same
     * (user, key) cannot both commit: the store re-runs the losing unit, whose work then finds the entry.
     */
    JournalEntry journalEntry(String userId, String idempotencyKey);

    /**
     * Persists the outcome of the current work within this unit (see {@link MarketSession#apply}). A new
     * asset whose id exists already is a unique conflict: the store re-runs the unit, whose work then
     * sees the asset.
     */
    void apply(LedgerChanges changes);
}
