package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.TradingException;

import java.util.Arrays;

/**
 * Rows of a fixed number of longs, consecutive in pages of {@value #PAGE_ROWS} rows: a row's fields
 * share a cache line or two, appending writes memory in order, and growth adds a page instead of copying
 * the table. A row is an int handle, 0, 1, 2, ... in insertion order; field {@code f} of row {@code r} is
 * {@code page(r)[offset(r) + f]}. Two ints may share a long ({@link #halves}).
 *
 * <p>Not thread-safe; the store guards it with its lock.
 */
final class PagedRows {
    private static final int PAGE_BITS = 10;
    static final int PAGE_ROWS = 1 << PAGE_BITS;

    private final int stride;
    private long[][] pages = new long[1][];
    private int size;

    PagedRows(int stride) {
        this.stride = stride;
    }

    int size() {
        return size;
    }

    /** Adds a row of zeros and returns its handle. */
    int add() {
        if (size == Integer.MAX_VALUE) {
            throw new TradingException("an in-memory table holds " + size + " rows, its most");
        }
        int index = size >>> PAGE_BITS;
        if (index == pages.length) {
            pages = Arrays.copyOf(pages, 2 * pages.length);
        }
        if (pages[index] == null) {
            pages[index] = new long[PAGE_ROWS * stride];
        }
        return size++;
    }

    /** The page holding the row. */
    long[] page(int row) {
        return pages[row >>> PAGE_BITS];
    }

    /** Where the row starts in its page. */
    int offset(int row) {
        return (row & (PAGE_ROWS - 1)) * stride;
    }

    long get(int row, int field) {
        return pages[row >>> PAGE_BITS][offset(row) + field];
    }

    static long halves(int high, int low) {
        return (long) high << 32 | low & 0xFFFF_FFFFL;
    }

    static int high(long halves) {
        return (int) (halves >>> 32);
    }

    static int low(long halves) {
        return (int) halves;
    }
}
