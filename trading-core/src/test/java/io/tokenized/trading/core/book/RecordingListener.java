package io.tokenized.trading.core.book;

import io.tokenized.trading.core.RejectReason;

import java.util.ArrayList;
import java.util.List;

/** Writes every callback down as one short line, so tests can compare and read them. Not thread-safe. */
final class RecordingListener implements BookListener {
    private final List<String> events = new ArrayList<>();

    List<String> events() {
        return List.copyOf(events);
    }

    /** Returns what was recorded since the last call and forgets it. */
    List<String> drain() {
        List<String> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    @Override
    public void rejected(long orderId, RejectReason reason) {
        events.add("rejected " + orderId + " " + reason);
    }

    @Override
    public void accepted(long orderId, long sequence) {
        events.add("accepted " + orderId + " seq " + sequence);
    }

    @Override
    public void traded(long takerOrderId, long takerUserId, long makerOrderId, long makerUserId, Side takerSide,
                       long priceTicks, long quantityLots, long quoteMinor, long makerRemainingLots,
                       long takerRemainingLots) {
        events.add("traded taker " + takerOrderId + "/u" + takerUserId + " " + takerSide + " maker " + makerOrderId
                + "/u" + makerUserId + " " + quantityLots + "@" + priceTicks + " quote " + quoteMinor
                + " left maker " + makerRemainingLots + " taker " + takerRemainingLots);
    }

    @Override
    public void rested(long orderId, long userId, Side side, long priceTicks, long remainingLots) {
        events.add("rested " + orderId + "/u" + userId + " " + side + " " + remainingLots + "@" + priceTicks);
    }

    @Override
    public void stopPending(long orderId, long userId, Side side, long stopPriceTicks) {
        events.add("stopPending " + orderId + "/u" + userId + " " + side + " stop " + stopPriceTicks);
    }

    @Override
    public void triggered(long orderId, long userId, long lastTradePriceTicks) {
        events.add("triggered " + orderId + "/u" + userId + " at " + lastTradePriceTicks);
    }

    @Override
    public void cancelled(long orderId, long userId, long remainingLots, CancelReason reason) {
        events.add("cancelled " + orderId + "/u" + userId + " left " + remainingLots + " " + reason);
    }

    @Override
    public void reduced(long orderId, long userId, long oldRemainingLots, long newRemainingLots) {
        events.add("reduced " + orderId + "/u" + userId + " " + oldRemainingLots + "->" + newRemainingLots);
    }

    @Override
    public void moved(long orderId, long userId, long oldPriceTicks, long newPriceTicks) {
        events.add("moved " + orderId + "/u" + userId + " " + oldPriceTicks + "->" + newPriceTicks);
    }
}
