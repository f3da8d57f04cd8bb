package io.tokenized.trading.core.port;

import io.tokenized.trading.core.ledger.EntryKind;

/** The sum of the journal entries of one (user, asset, kind), for the audit. */
public record JournalTotal(String userId, String assetId, EntryKind kind, long amountMinor, long entryCount) {
}
