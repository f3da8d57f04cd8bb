package io.tokenized.trading.core.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One journal entry as the host sees it: an ownership movement of one asset for one user.
 *
 * @param amount         signed: positive credits, negative debits
 * @param tradeId        the trade of a TRADE or FEE entry, or null
 * @param orderId        the order of a TRADE or FEE entry, or null
 * @param idempotencyKey the caller's key of a deposit or withdrawal, or null
 */
public record LedgerEntry(UUID id, String userId, String assetId, EntryKind kind, BigDecimal amount, UUID tradeId,
                          UUID orderId, String idempotencyKey, Instant createdAt) {
    public LedgerEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
