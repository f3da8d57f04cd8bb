package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class LiveOrderIndexTest {

    @Test
    void findsWhatWasPutAndForgetsWhatWasRemoved() {
        LiveOrderIndex index = new LiveOrderIndex();
        LiveOrder first = order(new UUID(1, 2));
        LiveOrder second = order(new UUID(3, 4));

        index.put(first);
        index.put(second);
        index.remove(first);

        assertThat(index.get(new UUID(1, 2))).isNull();
        assertThat(index.get(new UUID(3, 4))).isSameAs(second);
        assertThat(index.get(new UUID(5, 6))).isNull();
    }

    @Test
    void removesOnlyTheVeryOrderItHoldsUnderTheId() {
        LiveOrderIndex index = new LiveOrderIndex();
        LiveOrder stale = order(new UUID(1, 2));
        LiveOrder rebuilt = order(new UUID(1, 2));

        index.put(stale);
        index.put(rebuilt);
        index.remove(stale);

        assertThat(index.get(new UUID(1, 2))).isSameAs(rebuilt);
    }

    @Test
    void keepsTheLiveOrdersThroughManyPlacementsAndRemovals() {
        LiveOrderIndex index = new LiveOrderIndex();
        SplittableRandom random = new SplittableRandom(11);
        List<LiveOrder> live = new ArrayList<>();
        List<LiveOrder> gone = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            if (live.size() < 3_000 && (live.isEmpty() || random.nextInt(100) < 52)) {
                LiveOrder order = order(new UUID(i, random.nextLong()));
                index.put(order);
                live.add(order);
            } else {
                LiveOrder order = live.remove(random.nextInt(live.size()));
                index.remove(order);
                gone.add(order);
            }
        }

        for (LiveOrder order : live) {
            assertThat(index.get(order.id)).isSameAs(order);
        }
        for (LiveOrder order : gone) {
            assertThat(index.get(order.id)).isNull();
        }
    }

    @Test
    void aReaderRacingWritersSeesTheRightOrderOrNone() throws InterruptedException {
        LiveOrderIndex index = new LiveOrderIndex();
        int count = 20_000;
        LiveOrder[] orders = new LiveOrder[count];
        for (int i = 0; i < count; i++) {
            orders[i] = order(new UUID(i, ~i));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> wrong = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(3);
            while (writing.get()) {
                LiveOrder wanted = orders[random.nextInt(count)];
                LiveOrder found = index.get(wanted.id);
                if (found != null && found != wanted) {
                    wrong.set("looked up " + wanted.id + ", found " + found.id);
                }
            }
        });
        reader.start();
        for (int round = 0; round < 20; round++) {
            for (int i = round % 2; i < count; i += 2) {
                index.put(orders[i]);
            }
            for (int i = round % 2; i < count; i += 4) {
                index.remove(orders[i]);
            }
        }
        writing.set(false);
        reader.join();

        assertThat(wrong.get()).isNull();
    }

    private static LiveOrder order(UUID id) {
        return new LiveOrder(null, id, "alice", 2, 1, Side.BUY, OrderType.LIMIT, null, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_TAKER, 100, 0, 1, 0, 100, "USD", OrderStatus.OPEN, null, 0, 1,
                Instant.EPOCH);
    }
}
