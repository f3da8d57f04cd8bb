package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.OrderRecord;

import java.time.Instant;
import java.util.UUID;

/**
 * The engine's working copy of one live order of a cached book. Owned by its {@link MarketState}; single
 * writer. Other threads read only its final fields (the engine's index of live orders hands it to them).
 */
final class LiveOrder {
    /** The market whose cached book holds it: cancels and amends go there without another lookup. */
    final MarketState market;
    // What the order is, fixed at placement; read outside the market's units too, hence final.
    final UUID id;
    final String userId;
    final long bookId;
    final long userNumber;
    final Side side;
    final OrderType type;
    final String clientOrderId;
    final TimeInForce timeInForce;
    final boolean postOnly;
    final SelfTradePrevention selfTradePrevention;
    final long requestedLots;
    final long requestedPriceTicks;
    final long requestedStopPriceTicks;
    final long quoteBudgetMinor;
    final String lockedAssetId;
    final UUID ocoSiblingId;
    final long sequence;
    final Instant createdAt;
    // What commands change; touched only inside the market's units.
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
    /** The batch that holds its record ({@code MarketState.Batch}), and where. */
    long batchNumber;
    int batchSlot;

    /** A stored live order, as the cached book is rebuilt from the store. */
    LiveOrder(MarketState market, OrderRecord stored, long userNumber, long siblingBookId) {
        this.market = market;
        this.id = stored.id();
        this.userId = stored.userId();
        this.bookId = stored.bookId();
        this.userNumber = userNumber;
        this.side = stored.side();
        this.type = stored.type();
        this.clientOrderId = stored.clientOrderId();
        this.timeInForce = stored.timeInForce();
        this.postOnly = stored.postOnly();
        this.selfTradePrevention = stored.selfTradePrevention();
        this.requestedLots = stored.requestedLots();
        this.requestedPriceTicks = stored.requestedPriceTicks();
        this.requestedStopPriceTicks = stored.requestedStopPriceTicks();
        this.quoteBudgetMinor = stored.quoteBudgetMinor();
        this.lockedAssetId = stored.lockedAssetId();
        this.ocoSiblingId = stored.ocoSiblingId();
        this.sequence = stored.sequence();
        this.createdAt = stored.createdAt();
        this.priceTicks = stored.priceTicks();
        this.stopPriceTicks = stored.stopPriceTicks();
        this.quantityLots = stored.quantityLots();
        this.filledLots = stored.filledLots();
        this.filledQuoteMinor = stored.filledQuoteMinor();
        this.lockedMinor = stored.lockedMinor();
        this.priority = stored.priority();
        this.status = stored.status();
        this.cancelReason = stored.cancelReason();
        this.siblingBookId = siblingBookId;
        this.inBook = stored.status().isLive();
    }

    /**
     * A new order as placed: its current terms start at the requested ones, nothing filled, {@code
     * lockedMinor} reserved, not yet in the book.
     */
    LiveOrder(MarketState market, UUID id, String userId, long bookId, long userNumber, Side side, OrderType type,
              String clientOrderId, TimeInForce timeInForce, boolean postOnly,
              SelfTradePrevention selfTradePrevention, long priceTicks, long stopPriceTicks, long quantityLots,
              long quoteBudgetMinor, long lockedMinor, String lockedAssetId, OrderStatus status, UUID ocoSiblingId,
              long siblingBookId, long sequence, Instant createdAt) {
        this.market = market;
        this.id = id;
        this.userId = userId;
        this.bookId = bookId;
        this.userNumber = userNumber;
        this.side = side;
        this.type = type;
        this.clientOrderId = clientOrderId;
        this.timeInForce = timeInForce;
        this.postOnly = postOnly;
        this.selfTradePrevention = selfTradePrevention;
        this.requestedLots = quantityLots;
        this.requestedPriceTicks = priceTicks;
        this.requestedStopPriceTicks = stopPriceTicks;
        this.quoteBudgetMinor = quoteBudgetMinor;
        this.lockedAssetId = lockedAssetId;
        this.ocoSiblingId = ocoSiblingId;
        this.sequence = sequence;
        this.createdAt = createdAt;
        this.priceTicks = priceTicks;
        this.stopPriceTicks = stopPriceTicks;
        this.quantityLots = quantityLots;
        this.lockedMinor = lockedMinor;
        this.status = status;
        this.siblingBookId = siblingBookId;
    }

    long remainingLots() {
        return quantityLots == 0 ? 0 : quantityLots - filledLots;
    }

    /** A buy whose reservation follows a limit price (limit, stop-limit), as opposed to a budget. */
    boolean isPricedBuy() {
        return side == Side.BUY && priceTicks > 0;
    }

    OrderRecord toRecord(String assetId, Instant now) {
        return new OrderRecord(id, userId, assetId, bookId, clientOrderId, side, type, timeInForce, postOnly,
                selfTradePrevention, priceTicks, stopPriceTicks, quantityLots, requestedLots, requestedPriceTicks,
                requestedStopPriceTicks, quoteBudgetMinor, filledLots, filledQuoteMinor, lockedMinor, lockedAssetId,
                status, cancelReason, ocoSiblingId, sequence, priority, createdAt, now);
    }
}
