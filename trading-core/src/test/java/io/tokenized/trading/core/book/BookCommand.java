package io.tokenized.trading.core.book;

/** One command of a generated stream, applicable to the real book and to the reference book alike. */
sealed interface BookCommand {

    void applyTo(OrderBook book);

    void applyTo(ReferenceBook book);

    record PlaceLimit(long orderId, long userId, Side side, long priceTicks, long quantityLots, TimeInForce tif,
                      boolean postOnly, SelfTradePrevention stp) implements BookCommand {
        public void applyTo(OrderBook book) {
            book.placeLimit(orderId, userId, side, priceTicks, quantityLots, tif, postOnly, stp);
        }

        public void applyTo(ReferenceBook book) {
            book.placeLimit(orderId, userId, side, priceTicks, quantityLots, tif, postOnly, stp);
        }
    }

    record PlaceMarket(long orderId, long userId, Side side, long quantityLots, long quoteBudgetMinor, TimeInForce tif,
                       SelfTradePrevention stp) implements BookCommand {
        public void applyTo(OrderBook book) {
            book.placeMarket(orderId, userId, side, quantityLots, quoteBudgetMinor, tif, stp);
        }

        public void applyTo(ReferenceBook book) {
            book.placeMarket(orderId, userId, side, quantityLots, quoteBudgetMinor, tif, stp);
        }
    }

    record PlaceStopLimit(long orderId, long userId, Side side, long stopPriceTicks, long limitPriceTicks,
                          long quantityLots, TimeInForce tif, SelfTradePrevention stp) implements BookCommand {
        public void applyTo(OrderBook book) {
            book.placeStopLimit(orderId, userId, side, stopPriceTicks, limitPriceTicks, quantityLots, tif, stp);
        }

        public void applyTo(ReferenceBook book) {
            book.placeStopLimit(orderId, userId, side, stopPriceTicks, limitPriceTicks, quantityLots, tif, stp);
        }
    }

    record PlaceStopMarket(long orderId, long userId, Side side, long stopPriceTicks, long quantityLots,
                           long quoteBudgetMinor, SelfTradePrevention stp) implements BookCommand {
        public void applyTo(OrderBook book) {
            book.placeStopMarket(orderId, userId, side, stopPriceTicks, quantityLots, quoteBudgetMinor, stp);
        }

        public void applyTo(ReferenceBook book) {
            book.placeStopMarket(orderId, userId, side, stopPriceTicks, quantityLots, quoteBudgetMinor, stp);
        }
    }

    record PlaceOco(long limitOrderId, long stopOrderId, long userId, Side side, long limitPriceTicks,
                    long quantityLots, long stopPriceTicks, long stopLimitPriceTicks, SelfTradePrevention stp)
            implements BookCommand {
        public void applyTo(OrderBook book) {
            book.placeOco(limitOrderId, stopOrderId, userId, side, limitPriceTicks, quantityLots, stopPriceTicks,
                    stopLimitPriceTicks, stp);
        }

        public void applyTo(ReferenceBook book) {
            book.placeOco(limitOrderId, stopOrderId, userId, side, limitPriceTicks, quantityLots, stopPriceTicks,
                    stopLimitPriceTicks, stp);
        }
    }

    record Cancel(long orderId, long userId) implements BookCommand {
        public void applyTo(OrderBook book) {
            book.cancel(orderId, userId);
        }

        public void applyTo(ReferenceBook book) {
            book.cancel(orderId, userId);
        }
    }

    record Reduce(long orderId, long userId, long newRemainingLots) implements BookCommand {
        public void applyTo(OrderBook book) {
            book.reduce(orderId, userId, newRemainingLots);
        }

        public void applyTo(ReferenceBook book) {
            book.reduce(orderId, userId, newRemainingLots);
        }
    }

    record Move(long orderId, long userId, long newPriceTicks) implements BookCommand {
        public void applyTo(OrderBook book) {
            book.move(orderId, userId, newPriceTicks);
        }

        public void applyTo(ReferenceBook book) {
            book.move(orderId, userId, newPriceTicks);
        }
    }
}
