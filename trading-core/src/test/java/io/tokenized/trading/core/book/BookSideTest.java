package io.tokenized.trading.core.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class BookSideTest {

    @Test
    void anEmptySideHasNoBestLevel() {
        BookSide bids = new BookSide(Side.BUY);
        assertThat(bids.best()).isNull();
        assertThat(bids.bestPriceTicks()).isZero();
        assertThat(bids.levelCount()).isZero();
        assertThat(bids.find(100)).isNull();
    }

    @Test
    void bidsArePricedBestHighestAndAsksBestLowest() {
        BookSide bids = new BookSide(Side.BUY);
        BookSide asks = new BookSide(Side.SELL);
        for (long price : new long[] {100, 5_000, 37, 64, 63, 1}) {
            bids.append(order(price));
            asks.append(order(price));
        }
        assertThat(pricesInPriorityOrder(bids)).containsExactly(5_000L, 100L, 64L, 63L, 37L, 1L);
        assertThat(pricesInPriorityOrder(asks)).containsExactly(1L, 37L, 63L, 64L, 100L, 5_000L);
    }

    @Test
    void levelsStayInPriceOrderThroughRandomInsertsAndRemovalsAcrossManyBuckets() {
        for (Side side : Side.values()) {
            SplittableRandom random = new SplittableRandom(side.ordinal() + 42);
            BookSide book = new BookSide(side);
            Comparator<Long> priority = side == Side.BUY ? Comparator.reverseOrder() : Comparator.naturalOrder();
            TreeMap<Long, Integer> expected = new TreeMap<>(priority);
            Map<Long, List<OrderNode>> resting = new HashMap<>();
            for (int step = 0; step < 20_000; step++) {
                // Prices clustered near 10,000 with a long tail, so buckets appear and empty in the middle.
                long price = random.nextInt(4) == 0 ? 1 + random.nextLong(1_000_000) : 9_900 + random.nextInt(200);
                List<OrderNode> atPrice = resting.computeIfAbsent(price, p -> new ArrayList<>());
                if (!atPrice.isEmpty() && random.nextBoolean()) {
                    OrderNode leaving = atPrice.remove(random.nextInt(atPrice.size()));
                    book.unlink(leaving);
                    expected.merge(price, -1, Integer::sum);
                    expected.remove(price, 0);
                } else {
                    OrderNode order = order(price);
                    book.append(order);
                    atPrice.add(order);
                    expected.merge(price, 1, Integer::sum);
                }
                if (step % 500 == 0) {
                    assertSameLevels(book, expected);
                }
            }
            assertSameLevels(book, expected);
        }
    }

    private static void assertSameLevels(BookSide book, TreeMap<Long, Integer> expected) {
        assertThat(pricesInPriorityOrder(book)).containsExactlyElementsOf(expected.keySet());
        assertThat(book.levelCount()).isEqualTo(expected.size());
        assertThat(book.bestPriceTicks()).isEqualTo(expected.isEmpty() ? 0 : expected.firstKey());
        expected.forEach((price, count) -> {
            assertThat(book.find(price)).isNotNull();
            assertThat(book.find(price).orderCount).isEqualTo(count);
        });
    }

    private static List<Long> pricesInPriorityOrder(BookSide side) {
        List<Long> prices = new ArrayList<>();
        for (PriceLevel level = side.best(); level != null; level = side.nextWorse(level)) {
            prices.add(level.priceTicks);
        }
        return prices;
    }

    private static OrderNode order(long priceTicks) {
        OrderNode order = new OrderNode();
        order.priceTicks = priceTicks;
        order.remainingLots = 1;
        return order;
    }
}
