package io.tokenized.trading.core.memory;

/**
 * Order ids to row handles, built for ids that mostly rise. An engine's ids are UUIDv7 from a monotonic
 * generator, so nearly every new order's id is above every id stored: such ids are appended to a sorted
 * run, and the question each new order asks, "is this id taken?", is one comparison with the highest id.
 * A hash index over every order ever placed would answer it with a cache miss or two, since it outgrows
 * the caches and a new id lands on a random slot. Ids that come out of order (another engine sharing the
 * store, a host's own id generator) go to a hash index. Looking up an id below the highest asks the hash
 * index, then binary-searches the run: queries pay that, and so does a new id that comes out of order. An
 * engine draws its ids while deciding a unit, and the in-memory store commits units of different markets
 * in parallel, so an id may arrive a few places late (another market drew a later one and committed
 * first): an id at most {@value #LATE_PLACES} places below the top is shifted into the run. Random ids
 * (UUIDv4) leave the run short and cost what a hash index alone would.
 *
 * <p>Ids compare as (most significant bits, least significant bits), both signed: any total order does,
 * and this one follows a UUIDv7's time. Not thread-safe; the store guards it with its lock.
 */
final class OrderIds {
    /** Returned by {@link #get} for an id that is absent. */
    static final int ABSENT = -1;

    private static final int MSB = 0;
    private static final int LSB = 1;
    private static final int ROW = 2;
    /** How far below the highest id a late one may still join the run, shifting the ids above it. */
    static final int LATE_PLACES = 16;

    /** Ids in ascending order with their rows: (msb, lsb, row) per entry. */
    private final PagedRows run = new PagedRows(3);
    private final UuidIndex others = new UuidIndex(16);
    private long highestMsb;
    private long highestLsb;

    /** The row of the id, or {@link #ABSENT}. */
    int get(long msb, long lsb) {
        if (isAboveAll(msb, lsb)) {
            return ABSENT;
        }
        int row = others.get(msb, lsb);
        return row != UuidIndex.ABSENT ? row : searchRun(msb, lsb);
    }

    /** Adds an id that is absent (the caller checked). */
    void add(long msb, long lsb, int row) {
        if (row < 0) {
            throw new IllegalArgumentException("negative row " + row);
        }
        if (isAboveAll(msb, lsb)) {
            set(run.add(), msb, lsb, row);
            highestMsb = msb;
            highestLsb = lsb;
            return;
        }
        int place = lateInRun(msb, lsb);
        if (place < 0) {
            others.put(msb, lsb, row);
            return;
        }
        int last = run.add();
        for (int entry = last; entry > place; entry--) {
            set(entry, run.get(entry - 1, MSB), run.get(entry - 1, LSB), (int) run.get(entry - 1, ROW));
        }
        set(place, msb, lsb, row);
    }

    /** Where a late id goes in the run: above which fewer than {@link #LATE_PLACES} ids are; or -1. */
    private int lateInRun(long msb, long lsb) {
        int place = run.size();
        for (int shifted = 0; shifted < LATE_PLACES && place > 0; shifted++) {
            long belowMsb = run.get(place - 1, MSB);
            long belowLsb = run.get(place - 1, LSB);
            if (belowMsb < msb || belowMsb == msb && belowLsb < lsb) {
                return place;
            }
            place--;
        }
        return place == 0 ? 0 : -1;
    }

    private void set(int entry, long msb, long lsb, int row) {
        long[] page = run.page(entry);
        int at = run.offset(entry);
        page[at + MSB] = msb;
        page[at + LSB] = lsb;
        page[at + ROW] = row;
    }

    int size() {
        return run.size() + others.size();
    }

    private boolean isAboveAll(long msb, long lsb) {
        return run.size() == 0 || msb > highestMsb || msb == highestMsb && lsb > highestLsb;
    }

    private int searchRun(long msb, long lsb) {
        int low = 0;
        int high = run.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long middleMsb = run.get(middle, MSB);
            long middleLsb = run.get(middle, LSB);
            if (middleMsb < msb || middleMsb == msb && middleLsb < lsb) {
                low = middle + 1;
            } else if (middleMsb == msb && middleLsb == lsb) {
                return (int) run.get(middle, ROW);
            } else {
                high = middle - 1;
            }
        }
        return ABSENT;
    }
}
