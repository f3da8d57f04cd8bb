package io.tokenized.trading.core.engine;

/** What an {@link OrderCommand} did: a {@link PlaceResult}, an {@link AmendResult} or a {@link CancelResult}. */
public sealed interface OrderResult permits PlaceResult, AmendResult, CancelResult {
}
