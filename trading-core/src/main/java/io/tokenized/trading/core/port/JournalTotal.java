package io.tokenized.trading.core.port;

import io.tokenized.trading.core.ledger.EntryKind;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The sum of the journal entries of one (user, asset, kind), for the audit. The sum is exact: a kind's
 * entries over an account's life (every deposit, say) may sum beyond a long where no balance does.
 */
public record JournalTotal(String userId, String assetId, EntryKind kind, BigInteger amountMinor, long entryCount) {
    public JournalTotal {
        Objects.requireNonNull(amountMinor, "amountMinor");
    }
}
