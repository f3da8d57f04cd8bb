package io.tokenized.trading.core.port;

import io.tokenized.trading.core.ledger.EntryKind;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of the append-only journal ({@code transactions}): an ownership movement of one asset for one
 * user. The sum of a user's entries in an asset is that user's total balance (available + locked).
 * Entries are never updated or deleted; a correction is a REVERSAL entry naming {@code reversesId}.
 *
 * @param amountMinor    signed minor units of {@code assetId}: positive credits, negative debits; never 0
 * @param tradeId        the trade a TRADE or FEE entry belongs to; null otherwise
 * @param orderId        the order a TRADE or FEE entry belongs to; null otherwise
 * @param idempotencyKey the caller's key of a deposit or withdrawal, unique per user; null otherwise
 * @param reversesId     the entry a REVERSAL cancels; null otherwise
 */
public record JournalEntry(UUID id, String userId, String assetId, EntryKind kind, long amountMinor, UUID tradeId,
                           UUID orderId, String idempotencyKey, UUID reversesId, Instant createdAt) {
    public JournalEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        if (amountMinor == 0) {
            throw new IllegalArgumentException("a journal entry moves a non-zero amount: " + id);
        }
    }
}
