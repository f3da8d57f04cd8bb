package io.tokenized.trading.jdbi;

/**
 * The connection was lost while a unit committed, and the store could not tell afterwards whether the
 * commit happened: the unit carried nothing it could look up (no new journal entry, trade or order
 * state), or the database stayed unreachable. The command may or may not have taken effect; read the
 * order, balances or journal before repeating it, or repeat it with the same client order id or
 * idempotency key, which makes a repetition harmless.
 */
public final class CommitOutcomeUnknownException extends StoreException {
    private static final long serialVersionUID = 1L;

    public CommitOutcomeUnknownException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
