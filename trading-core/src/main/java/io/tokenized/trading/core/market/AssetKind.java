package io.tokenized.trading.core.market;

/** What an asset is: cash that quotes markets, or a token traded against a cash asset. */
public enum AssetKind {
    /** A quote asset such as USD or a stable-value token; it has no market of its own. */
    CASH,
    /** A tokenized asset with a market against its quote asset. */
    TOKEN
}
