package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.port.JournalEntry;

import java.time.Instant;
import java.util.UUID;

/**
 * Every journal entry ever stored, one row per entry in columns of primitive arrays (see
 * {@link OrderTable}); a read builds the {@link JournalEntry}. Optional ids carry a presence bit, since
 * the nil UUID is a UUID too. Indexed by (user, idempotency key).
 *
 * <p>Not thread-safe; the store guards it with its lock.
 */
final class JournalTable {
    /** Returned by {@link #findByIdempotencyKey} when no entry holds the key. */
    static final int ABSENT = -1;

    private static final EntryKind[] KINDS = EntryKind.values();
    private static final byte HAS_TRADE = 1;
    private static final byte HAS_ORDER = 2;
    private static final byte HAS_REVERSED = 4;
    private static final int NO_KEY = -1;

    private final Names users;
    private final Names assets;
    private final UserKeys idempotencyKeys = new UserKeys();
    private int size;

    private long[] idMsb;
    private long[] idLsb;
    private int[] user;
    private int[] asset;
    private byte[] kind;
    private long[] amountMinor;
    private byte[] flags;
    private long[] tradeMsb;
    private long[] tradeLsb;
    private long[] orderMsb;
    private long[] orderLsb;
    private long[] reversedMsb;
    private long[] reversedLsb;
    private int[] idempotencyKey;
    private long[] createdSecond;
    private int[] createdNano;

    JournalTable(Names users, Names assets, int capacity) {
        this.users = users;
        this.assets = assets;
        resize(Math.max(16, capacity));
    }

    int size() {
        return size;
    }

    /** The handle of the user's entry carrying this idempotency key, or {@link #ABSENT}. */
    int findByIdempotencyKey(int userId, String key) {
        return idempotencyKeys.find(userId, key);
    }

    /** Appends the entry, indexing its idempotency key (the caller checked it is free); returns its handle. */
    int add(JournalEntry entry) {
        if (size == idMsb.length) {
            resize(2 * size);
        }
        int row = size++;
        idMsb[row] = entry.id().getMostSignificantBits();
        idLsb[row] = entry.id().getLeastSignificantBits();
        int userId = users.intern(entry.userId());
        user[row] = userId;
        asset[row] = assets.intern(entry.assetId());
        kind[row] = (byte) entry.kind().ordinal();
        amountMinor[row] = entry.amountMinor();
        byte rowFlags = 0;
        UUID trade = entry.tradeId();
        if (trade != null) {
            rowFlags |= HAS_TRADE;
            tradeMsb[row] = trade.getMostSignificantBits();
            tradeLsb[row] = trade.getLeastSignificantBits();
        }
        UUID order = entry.orderId();
        if (order != null) {
            rowFlags |= HAS_ORDER;
            orderMsb[row] = order.getMostSignificantBits();
            orderLsb[row] = order.getLeastSignificantBits();
        }
        UUID reversed = entry.reversesId();
        if (reversed != null) {
            rowFlags |= HAS_REVERSED;
            reversedMsb[row] = reversed.getMostSignificantBits();
            reversedLsb[row] = reversed.getLeastSignificantBits();
        }
        flags[row] = rowFlags;
        createdSecond[row] = entry.createdAt().getEpochSecond();
        createdNano[row] = entry.createdAt().getNano();
        String key = entry.idempotencyKey();
        idempotencyKey[row] = key == null ? NO_KEY : idempotencyKeys.add(userId, key, row);
        return row;
    }

    int user(int row) {
        return user[row];
    }

    int asset(int row) {
        return asset[row];
    }

    int kind(int row) {
        return kind[row];
    }

    long amountMinor(int row) {
        return amountMinor[row];
    }

    boolean hasTrade(int row) {
        return (flags[row] & HAS_TRADE) != 0;
    }

    long tradeMsb(int row) {
        return tradeMsb[row];
    }

    long tradeLsb(int row) {
        return tradeLsb[row];
    }

    /** The entry as a record, built from its columns. */
    JournalEntry record(int row) {
        byte rowFlags = flags[row];
        int key = idempotencyKey[row];
        return new JournalEntry(new UUID(idMsb[row], idLsb[row]), users.name(user[row]), assets.name(asset[row]),
                KINDS[kind[row]], amountMinor[row],
                (rowFlags & HAS_TRADE) == 0 ? null : new UUID(tradeMsb[row], tradeLsb[row]),
                (rowFlags & HAS_ORDER) == 0 ? null : new UUID(orderMsb[row], orderLsb[row]),
                key == NO_KEY ? null : idempotencyKeys.key(key),
                (rowFlags & HAS_REVERSED) == 0 ? null : new UUID(reversedMsb[row], reversedLsb[row]),
                Instant.ofEpochSecond(createdSecond[row], createdNano[row]));
    }

    private void resize(int capacity) {
        idMsb = Columns.grown(idMsb, capacity);
        idLsb = Columns.grown(idLsb, capacity);
        user = Columns.grown(user, capacity);
        asset = Columns.grown(asset, capacity);
        kind = Columns.grown(kind, capacity);
        amountMinor = Columns.grown(amountMinor, capacity);
        flags = Columns.grown(flags, capacity);
        tradeMsb = Columns.grown(tradeMsb, capacity);
        tradeLsb = Columns.grown(tradeLsb, capacity);
        orderMsb = Columns.grown(orderMsb, capacity);
        orderLsb = Columns.grown(orderLsb, capacity);
        reversedMsb = Columns.grown(reversedMsb, capacity);
        reversedLsb = Columns.grown(reversedLsb, capacity);
        idempotencyKey = Columns.grown(idempotencyKey, capacity);
        createdSecond = Columns.grown(createdSecond, capacity);
        createdNano = Columns.grown(createdNano, capacity);
    }
}
