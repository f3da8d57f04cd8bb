package io.tokenized.trading.core.engine;

/**
 * A command on orders that {@link TradingEngine#execute} takes in a batch: a placement, an OCO pair, an
 * amend or a cancel. Each also has its own engine method; the batch runs exactly those.
 */
public sealed interface OrderCommand permits PlaceOrder, PlaceOco, AmendOrder, CancelOrder {

    /** The user who sends the command; only an order's owner may amend or cancel it. */
    String userId();
}
