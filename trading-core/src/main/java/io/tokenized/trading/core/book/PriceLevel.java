package io.tokenized.trading.core.book;

/**
 * All resting orders at one price, as an intrusive doubly-linked FIFO queue (head = first in time).
 * Pooled by its {@link BookSide}. Single writer; not thread-safe.
 */
final class PriceLevel {
    long priceTicks;
    long totalLots;
    int orderCount;
    OrderNode head;
    OrderNode tail;
    /** Links emptied levels in their side's pool. */
    PriceLevel nextFree;

    void append(OrderNode order) {
        order.level = this;
        order.next = null;
        order.prev = tail;
        if (tail == null) {
            head = order;
        } else {
            tail.next = order;
        }
        tail = order;
        totalLots += order.remainingLots;
        orderCount++;
    }

    void unlink(OrderNode order) {
        OrderNode before = order.prev;
        OrderNode after = order.next;
        if (before == null) {
            head = after;
        } else {
            before.next = after;
        }
        if (after == null) {
            tail = before;
        } else {
            after.prev = before;
        }
        order.prev = null;
        order.next = null;
        order.level = null;
        totalLots -= order.remainingLots;
        orderCount--;
    }

    boolean isEmpty() {
        return head == null;
    }
}
