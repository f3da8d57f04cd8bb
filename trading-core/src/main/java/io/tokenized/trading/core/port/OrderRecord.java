package io.tokenized.trading.core.port;

import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code orders}: the full state of an order after a command. The store inserts a record
 * whose id it does not know and otherwise replaces the row with the same id.
 *
 * <p>Units (convert with the market's {@link io.tokenized.trading.core.market.MarketRules}): prices in
 * ticks, quantities in lots, quote amounts in minor units of the quote asset, {@code lockedMinor} in
 * minor units of {@code lockedAssetId}. A value of 0 means "none" for {@code priceTicks} and
 * {@code requestedPriceTicks} (stop-market, market), {@code stopPriceTicks} and
 * {@code requestedStopPriceTicks} (not a stop), {@code quantityLots} and {@code requestedLots} (sized by
 * budget) and {@code quoteBudgetMinor} (sized by quantity); the store writes SQL NULL for them.
 *
 * <p>The requested values are the terms as placed and never change: a retried placement is compared with
 * them, so an amend since then does not make the retry another request.
 *
 * @param id                  the order id (UUIDv7)
 * @param userId              the owner
 * @param assetId             the market (the token's asset id)
 * @param bookId              the order's id inside the in-memory book, unique per market, positive
 * @param clientOrderId       the owner's idempotency id, unique per user across markets; or null
 * @param priceTicks          the limit price; after a move, the new one
 * @param stopPriceTicks      the trigger price of a stop order; after a move of a pending stop, the new one
 * @param quantityLots        the order's total quantity: filled plus remaining (a reduce lowers it)
 * @param requestedLots       the quantity as placed: {@code quantityLots} starts there, only a reduce lowers it
 * @param requestedPriceTicks the limit price as placed: {@code priceTicks} starts there, a move changes it
 * @param requestedStopPriceTicks the trigger price as placed: {@code stopPriceTicks} starts there, a move of
 *                            a pending stop changes it
 * @param quoteBudgetMinor    what a buy sized by budget may spend, fees included
 * @param filledLots          the sum of its trades' quantities
 * @param filledQuoteMinor    the sum of its trades' quote amounts (fees not included)
 * @param lockedMinor         what is still reserved for it; 0 once it is no longer live
 * @param lockedAssetId       the asset its reservation is in (quote for buys, the token for sells)
 * @param cancelReason        why a CANCELLED order ended; null otherwise
 * @param ocoSiblingId        the other leg of its one-cancels-other pair, or null
 * @param sequence            the market sequence of the command that placed it
 * @param priority            its queue ticket: live orders of a market sorted by priority give the book's
 *                            queue order (resting orders) and trigger order (pending stops); it changes
 *                            when the order takes a new queue place (rests after a trigger, moves)
 */
public record OrderRecord(UUID id, String userId, String assetId, long bookId, String clientOrderId, Side side,
                          OrderType type, TimeInForce timeInForce, boolean postOnly,
                          SelfTradePrevention selfTradePrevention, long priceTicks, long stopPriceTicks,
                          long quantityLots, long requestedLots, long requestedPriceTicks,
                          long requestedStopPriceTicks, long quoteBudgetMinor, long filledLots,
                          long filledQuoteMinor, long lockedMinor, String lockedAssetId, OrderStatus status,
                          CancelReason cancelReason, UUID ocoSiblingId, long sequence, long priority,
                          Instant createdAt, Instant updatedAt) {
    public OrderRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
        Objects.requireNonNull(lockedAssetId, "lockedAssetId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (bookId <= 0 || priceTicks < 0 || stopPriceTicks < 0 || quantityLots < 0 || requestedLots < 0
                || requestedPriceTicks < 0 || requestedStopPriceTicks < 0 || quoteBudgetMinor < 0 || filledLots < 0
                || filledQuoteMinor < 0 || lockedMinor < 0 || sequence < 0) {
            throw new IllegalArgumentException("negative or zero value in order " + id);
        }
        if (quantityLots > 0 && filledLots > quantityLots) {
            throw new IllegalArgumentException("order " + id + " filled beyond its quantity");
        }
        if ((quantityLots == 0) != (requestedLots == 0) || quantityLots > requestedLots) {
            throw new IllegalArgumentException("order " + id + " has a quantity of " + quantityLots
                    + " lots but requested " + requestedLots + ": a reduce only lowers it, and an order sized by"
                    + " budget has neither");
        }
        if ((priceTicks == 0) != (requestedPriceTicks == 0)) {
            throw new IllegalArgumentException("order " + id + " has a price of " + priceTicks
                    + " ticks but requested " + requestedPriceTicks + ": a move changes a price, never adds or"
                    + " removes one");
        }
        if ((stopPriceTicks == 0) != (requestedStopPriceTicks == 0)) {
            throw new IllegalArgumentException("order " + id + " has a stop price of " + stopPriceTicks
                    + " ticks but requested " + requestedStopPriceTicks + ": a move changes a stop price, never"
                    + " adds or removes one");
        }
        if ((status == OrderStatus.CANCELLED) != (cancelReason != null)) {
            throw new IllegalArgumentException("order " + id + ": a cancel reason belongs to CANCELLED only");
        }
    }

    /** What is left to fill in lots (0 for an order sized by budget). */
    public long remainingLots() {
        return quantityLots == 0 ? 0 : quantityLots - filledLots;
    }

    /** Whether it still rests on the book or waits as a stop. */
    public boolean isLive() {
        return status.isLive();
    }
}
