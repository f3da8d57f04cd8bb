package io.tokenized.trading.core;

/**
 * Why a command was refused. A rejected command changes nothing: no balance, no journal entry, no
 * book state, no sequence number.
 */
public enum RejectReason {
    // Input that is not a valid amount for the market.
    INVALID_QUANTITY,
    INVALID_PRICE,
    INVALID_AMOUNT,
    OFF_TICK,
    OFF_LOT,
    TOO_MANY_DECIMALS,
    BELOW_MIN_QUANTITY,
    /** A multiplication or sum would not fit in the minor units of the asset. */
    OVERFLOW,
    INVALID_ORDER,

    // Unknown or forbidden targets.
    UNKNOWN_USER,
    UNKNOWN_ASSET,
    UNKNOWN_ORDER,
    NOT_OWNER,
    NOT_A_MARKET,
    ASSET_EXISTS,
    INVALID_MARKET_RULES,
    DUPLICATE_ORDER_ID,
    /** The same client order id or idempotency key was used before with a different payload. */
    IDEMPOTENCY_KEY_REUSED,

    // Market state.
    MARKET_HALTED,
    MARKET_DELISTED,

    // Matching outcomes decided before anything is filled.
    NO_LIQUIDITY,
    POST_ONLY_WOULD_TAKE,
    FOK_NOT_FILLABLE,
    /** A stop order whose stop is already crossed by the last trade price. */
    STOP_ALREADY_TRIGGERED,

    // Ledger.
    INSUFFICIENT_FUNDS,
}
