package io.tokenized.trading.core.memory;

import java.util.Arrays;

/** Growth of the tables' columns: a copy at the new capacity, or a first array when there is none yet. */
final class Columns {

    private Columns() {
    }

    static long[] grown(long[] column, int capacity) {
        return column == null ? new long[capacity] : Arrays.copyOf(column, capacity);
    }

    static int[] grown(int[] column, int capacity) {
        return column == null ? new int[capacity] : Arrays.copyOf(column, capacity);
    }

    static byte[] grown(byte[] column, int capacity) {
        return column == null ? new byte[capacity] : Arrays.copyOf(column, capacity);
    }
}
