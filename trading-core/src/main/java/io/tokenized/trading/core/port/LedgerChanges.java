package io.tokenized.trading.core.port;

import io.tokenized.trading.core.market.Asset;

import java.util.List;

/**
 * The immutable outcome of one ledger command (asset creation, deposit, withdrawal), applied by
 * {@link LedgerSession#apply} as a whole.
 *
 * @param newAssets     assets to insert (a new market starts at sequence 0)
 * @param journal       the journal entries to append
 * @param balanceDeltas the balance changes, at most one per (user, asset)
 */
public record LedgerChanges(List<Asset> newAssets, List<JournalEntry> journal, List<BalanceDelta> balanceDeltas) {
    public LedgerChanges {
        newAssets = List.copyOf(newAssets);
        journal = List.copyOf(journal);
        balanceDeltas = List.copyOf(balanceDeltas);
    }
}
