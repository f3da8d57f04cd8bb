package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.OrderRecord;

import java.time.Instant;
import java.util.UUID;

/**
 * The engine's working copy of one live order of a cached book: what changes while commands run, next
 * to the persisted record it started from. Owned by its {@link MarketState}; single writer.
 */
final class LiveOrder {
    /** The market whose cached book holds it: cancels and amends go there without another lookup. */
    final MarketState market;
    final OrderRecord origin;
    final long bookId;
    final long userNumber;
    final Side side;
    final OrderType type;
    long priceTicks;
    long stopPriceTicks;
    long quantityLots;
    long filledLots;
    long filledQuoteMinor;
    long lockedMinor;
    long priority;
    OrderStatus status;
    CancelReason cancelReason;
    /** The OCO sibling's book id, 0 when none. */
    long siblingBookId;
    /** Whether the book holds it (resting or as a pending stop). */
    boolean inBook;
    /** Whether the current command changed it. */
    boolean touched;

    LiveOrder(MarketState market, OrderRecord origin, long userNumber, long siblingBookId) {
        this.market = market;
        this.origin = origin;
        this.bookId = origin.bookId();
        this.userNumber = userNumber;
        this.side = origin.side();
        this.type = origin.type();
        this.priceTicks = origin.priceTicks();
        this.stopPriceTicks = origin.stopPriceTicks();
        this.quantityLots = origin.quantityLots();
        this.filledLots = origin.filledLots();
        this.filledQuoteMinor = origin.filledQuoteMinor();
        this.lockedMinor = origin.lockedMinor();
        this.priority = origin.priority();
        this.status = origin.status();
        this.cancelReason = origin.cancelReason();
        this.siblingBookId = siblingBookId;
        this.inBook = origin.status().isLive();
    }

    UUID id() {
        return origin.id();
    }

    String userId() {
        return origin.userId();
    }

    long remainingLots() {
        return quantityLots == 0 ? 0 : quantityLots - filledLots;
    }

    /** A buy whose reservation follows a limit price (limit, stop-limit), as opposed to a budget. */
    boolean isPricedBuy() {
        return side == Side.BUY && priceTicks > 0;
    }

    OrderRecord toRecord(Instant now) {
        OrderRecord o = origin;
        return new OrderRecord(o.id(), o.userId(), o.assetId(), bookId, o.clientOrderId(), side, type,
                o.timeInForce(), o.postOnly(), o.selfTradePrevention(), priceTicks, stopPriceTicks, quantityLots,
                o.requestedLots(), o.requestedPriceTicks(), o.requestedStopPriceTicks(), o.quoteBudgetMinor(),
                filledLots, filledQuoteMinor, lockedMinor, o.lockedAssetId(), status, cancelReason, o.ocoSiblingId(),
                o.sequence(), priority, o.createdAt(), now);
    }
}
