package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.port.JournalEntry;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.tokenized.trading.core.memory.PagedRows.halves;
import static io.tokenized.trading.core.memory.PagedRows.high;
import static io.tokenized.trading.core.memory.PagedRows.low;

/**
 * Every journal entry ever stored, one row of longs per entry ({@link PagedRows}); a read builds the
 * {@link JournalEntry}. Optional ids carry a presence bit, since
 * the nil UUID is a UUID too. Indexed by (user, idempotency key).
 *
 * <p>Not thread-safe; the store guards it with its lock.
 */
final class JournalTable {
    /** Returned by the finders when there is no such entry. */
    static final int ABSENT = -1;

    private static final EntryKind[] KINDS = EntryKind.values();
    private static final int HAS_TRADE = 1;
    private static final int HAS_ORDER = 2;
    private static final int HAS_REVERSED = 4;
    private static final int NO_KEY = -1;

    private final Names users;
    private final Names assets;
    private final UserKeys idempotencyKeys = new UserKeys();
    // The longs of a row.
    private static final int ID_MSB = 0;
    private static final int ID_LSB = 1;
    /** User id (high half), asset id (low half). */
    private static final int USER_ASSET = 2;
    private static final int AMOUNT = 3;
    private static final int TRADE_MSB = 4;
    private static final int TRADE_LSB = 5;
    private static final int ORDER_MSB = 6;
    private static final int ORDER_LSB = 7;
    /** Idempotency key (high half), nanos of the creation (low half). */
    private static final int KEY_NANO = 8;
    private static final int CREATED_SECOND = 9;
    /**
     * The handle plus one of the same user's entry before this one, 0 for the user's first (high half);
     * codes (low half), bytes low to high: kind, flags.
     */
    private static final int PREVIOUS_CODES = 10;
    private static final int STRIDE = 11;

    private final PagedRows rows = new PagedRows(STRIDE);
    /**
     * The entry each REVERSAL row cancels, by row. Only corrections have one, so a map here costs less than
     * two longs in every row.
     */
    private final Map<Integer, UUID> reversed = new HashMap<>();
    /**
     * By user id: the handle plus one of the user's newest entry. With the rows' links it lists a user's
     * entries newest first, and appending costs no write outside the new row but this one.
     */
    private int[] newestOfUser = new int[16];

    JournalTable(Names users, Names assets) {
        this.users = users;
        this.assets = assets;
    }

    int size() {
        return rows.size();
    }

    /** The handle of the user's entry carrying this idempotency key, or {@link #ABSENT}. */
    int findByIdempotencyKey(int userId, String key) {
        return idempotencyKeys.find(userId, key);
    }

    /** Appends the entry, indexing its idempotency key (the caller checked it is free); returns its handle. */
    int add(JournalEntry entry) {
        int row = rows.add();
        long[] page = rows.page(row);
        int at = rows.offset(row);
        page[at + ID_MSB] = entry.id().getMostSignificantBits();
        page[at + ID_LSB] = entry.id().getLeastSignificantBits();
        int userId = users.intern(entry.userId());
        page[at + USER_ASSET] = halves(userId, assets.intern(entry.assetId()));
        if (userId >= newestOfUser.length) {
            newestOfUser = Arrays.copyOf(newestOfUser, Math.max(userId + 1, 2 * newestOfUser.length));
        }
        int previous = newestOfUser[userId];
        newestOfUser[userId] = row + 1;
        page[at + AMOUNT] = entry.amountMinor();
        int flags = 0;
        UUID trade = entry.tradeId();
        if (trade != null) {
            flags |= HAS_TRADE;
            page[at + TRADE_MSB] = trade.getMostSignificantBits();
            page[at + TRADE_LSB] = trade.getLeastSignificantBits();
        }
        UUID order = entry.orderId();
        if (order != null) {
            flags |= HAS_ORDER;
            page[at + ORDER_MSB] = order.getMostSignificantBits();
            page[at + ORDER_LSB] = order.getLeastSignificantBits();
        }
        UUID reverses = entry.reversesId();
        if (reverses != null) {
            flags |= HAS_REVERSED;
            reversed.put(row, reverses);
        }
        page[at + PREVIOUS_CODES] = halves(previous, entry.kind().ordinal() | flags << 8);
        page[at + CREATED_SECOND] = entry.createdAt().getEpochSecond();
        String key = entry.idempotencyKey();
        int keyHandle = key == null ? NO_KEY : idempotencyKeys.add(userId, key, row);
        page[at + KEY_NANO] = halves(keyHandle, entry.createdAt().getNano());
        return row;
    }

    /** The handle of the user's newest entry, or {@link #ABSENT}. */
    int newestOfUser(int userId) {
        return userId >= 0 && userId < newestOfUser.length ? newestOfUser[userId] - 1 : ABSENT;
    }

    /** The handle of the same user's entry before this one, or {@link #ABSENT}. */
    int previousOfUser(int row) {
        return high(rows.get(row, PREVIOUS_CODES)) - 1;
    }

    int user(int row) {
        return high(rows.get(row, USER_ASSET));
    }

    int asset(int row) {
        return low(rows.get(row, USER_ASSET));
    }

    int kind(int row) {
        return low(rows.get(row, PREVIOUS_CODES)) & 0xFF;
    }

    long amountMinor(int row) {
        return rows.get(row, AMOUNT);
    }

    boolean hasTrade(int row) {
        return (flags(low(rows.get(row, PREVIOUS_CODES))) & HAS_TRADE) != 0;
    }

    long tradeMsb(int row) {
        return rows.get(row, TRADE_MSB);
    }

    long tradeLsb(int row) {
        return rows.get(row, TRADE_LSB);
    }

    /** The entry as a record, built from its row. */
    JournalEntry record(int row) {
        long[] page = rows.page(row);
        int at = rows.offset(row);
        int codes = low(page[at + PREVIOUS_CODES]);
        int flags = flags(codes);
        long userAsset = page[at + USER_ASSET];
        long keyNano = page[at + KEY_NANO];
        int key = high(keyNano);
        return new JournalEntry(new UUID(page[at + ID_MSB], page[at + ID_LSB]), users.name(high(userAsset)),
                assets.name(low(userAsset)), KINDS[codes & 0xFF], page[at + AMOUNT],
                (flags & HAS_TRADE) == 0 ? null : new UUID(page[at + TRADE_MSB], page[at + TRADE_LSB]),
                (flags & HAS_ORDER) == 0 ? null : new UUID(page[at + ORDER_MSB], page[at + ORDER_LSB]),
                key == NO_KEY ? null : idempotencyKeys.key(key),
                (flags & HAS_REVERSED) == 0 ? null : reversed.get(row),
                Instant.ofEpochSecond(page[at + CREATED_SECOND], low(keyNano)));
    }

    private static int flags(int codes) {
        return (codes >>> 8) & 0xFF;
    }
}
