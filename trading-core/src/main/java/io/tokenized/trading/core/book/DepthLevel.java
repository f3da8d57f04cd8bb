package io.tokenized.trading.core.book;

/**
 * One aggregated price level of an {@link OrderBook}.
 *
 * @param priceTicks the level's price in ticks
 * @param totalLots  the sum of the remaining quantities of the orders at this price
 * @param orderCount how many orders rest at this price
 */
public record DepthLevel(long priceTicks, long totalLots, int orderCount) {
    public DepthLevel {
        if (priceTicks <= 0 || totalLots <= 0 || orderCount <= 0) {
            throw new IllegalArgumentException("a depth level needs a positive price, quantity and order count");
        }
    }
}
