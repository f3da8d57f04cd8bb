package io.tokenized.trading.core.port;

import io.tokenized.trading.core.market.MarketStatus;

import java.util.List;
import java.util.Objects;

/**
 * The immutable outcome of one accepted market command (or of one status change), applied by
 * {@link MarketSession#apply} as a whole: it is persisted in the unit's transaction or not at all.
 *
 * @param assetId       the market
 * @param sequence      the market's sequence after the command: the store sets {@code tokenized_assets.sequence}
 *                      to it; it is never lower than the sequence the session reported
 * @param status        the market's new status, or null when unchanged
 * @param orders        the new full state of every order the command placed or changed, each at most once
 * @param trades        the trades, in execution order
 * @param journal       the journal entries to append
 * @param balanceDeltas the balance changes, at most one per (user, asset)
 */
public record MarketChanges(String assetId, long sequence, MarketStatus status, List<OrderRecord> orders,
                            List<TradeRecord> trades, List<JournalEntry> journal, List<BalanceDelta> balanceDeltas) {
    public MarketChanges {
        Objects.requireNonNull(assetId, "assetId");
        orders = List.copyOf(orders);
        trades = List.copyOf(trades);
        journal = List.copyOf(journal);
        balanceDeltas = List.copyOf(balanceDeltas);
        if (sequence < 0) {
            throw new IllegalArgumentException("negative sequence " + sequence);
        }
    }
}
