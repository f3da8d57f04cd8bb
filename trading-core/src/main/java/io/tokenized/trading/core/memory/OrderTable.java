package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.OrderFill;
import io.tokenized.trading.core.port.OrderRecord;

import java.time.Instant;
import java.util.Objects;
import java.math.BigInteger;
import java.util.UUID;

import static io.tokenized.trading.core.memory.PagedRows.halves;
import static io.tokenized.trading.core.memory.PagedRows.high;
import static io.tokenized.trading.core.memory.PagedRows.low;

/**
 * Every order ever stored, one row per order: a row is an int handle, 0, 1, 2, ... in insertion order,
 * and no object exists per order until a read builds its {@link OrderRecord}. Ids and instants are split
 * into longs, enums kept as ordinals, strings as interned ids. Indexed by order id and by (user, client
 * order id).
 *
 * <p>A row is {@value #STRIDE} consecutive longs ({@link PagedRows}), what a command reads and changes
 * first: a command updates a live order at a random row, and its check and update then touch two or three
 * cache lines instead of one per field.
 *
 * <p>Not thread-safe; the store guards it with its lock.
 */
final class OrderTable {
    /** Returned by the finders for an order the table does not hold. */
    static final int ABSENT = -1;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
    private static final SelfTradePrevention[] PREVENTIONS = SelfTradePrevention.values();
    private static final OrderStatus[] STATUSES = OrderStatus.values();
    private static final CancelReason[] CANCEL_REASONS = CancelReason.values();
    private static final int POST_ONLY = 1;
    private static final int HAS_SIBLING = 2;
    private static final int NO_CANCEL_REASON = 0xFF;
    private static final int NO_KEY = -1;

    // The longs of a row. What a command reads and writes comes first.
    /** Bytes, low to high: side, type, time in force, self-trade prevention, flags, status, cancel reason. */
    private static final int CODES = 0;
    /** User id (high half), asset id (low half). */
    private static final int USER_ASSET = 1;
    /** Client order key (high half), locked asset id (low half). */
    private static final int KEY_LOCKED_ASSET = 2;
    private static final int BOOK_ID = 3;
    private static final int PRICE = 4;
    private static final int STOP_PRICE = 5;
    private static final int QUANTITY = 6;
    private static final int FILLED = 7;
    private static final int FILLED_QUOTE = 8;
    private static final int LOCKED = 9;
    private static final int PRIORITY = 10;
    private static final int UPDATED_SECOND = 11;
    /** Nanos of the creation (high half) and of the last update (low half). */
    private static final int NANOS = 12;
    private static final int TRADED = 13;
    private static final int TRADED_QUOTE = 14;
    private static final int ID_MSB = 15;
    private static final int ID_LSB = 16;
    private static final int SIBLING_MSB = 17;
    private static final int SIBLING_LSB = 18;
    private static final int QUOTE_BUDGET = 19;
    private static final int REQUESTED_QUANTITY = 20;
    private static final int REQUESTED_PRICE = 21;
    private static final int REQUESTED_STOP_PRICE = 22;
    private static final int SEQUENCE = 23;
    private static final int CREATED_SECOND = 24;
    private static final int STRIDE = 25;

    private final Names users;
    private final Names assets;
    private final OrderIds ids = new OrderIds();
    private final UserKeys clientOrderIds = new UserKeys();
    private final PagedRows rows = new PagedRows(STRIDE);

    OrderTable(Names users, Names assets) {
        this.users = users;
        this.assets = assets;
    }

    int size() {
        return rows.size();
    }

    /** The handle of the order with this id, or {@link #ABSENT}. */
    int find(long msb, long lsb) {
        return ids.get(msb, lsb);
    }

    /** The handle of the user's order with this client order id, or {@link #ABSENT}. */
    int findByClientOrderId(int userId, String clientOrderId) {
        return clientOrderIds.find(userId, clientOrderId);
    }

    /**
     * Inserts an order the table does not hold, indexing its id and client order id (the caller checked
     * both are free); returns its handle.
     */
    int add(OrderRecord record) {
        int row = rows.add();
        long[] page = rows.page(row);
        int at = rows.offset(row);
        UUID id = record.id();
        int userId = users.intern(record.userId());
        page[at + ID_MSB] = id.getMostSignificantBits();
        page[at + ID_LSB] = id.getLeastSignificantBits();
        page[at + BOOK_ID] = record.bookId();
        int flags = record.postOnly() ? POST_ONLY : 0;
        UUID sibling = record.ocoSiblingId();
        if (sibling != null) {
            flags |= HAS_SIBLING;
            page[at + SIBLING_MSB] = sibling.getMostSignificantBits();
            page[at + SIBLING_LSB] = sibling.getLeastSignificantBits();
        }
        page[at + CODES] = record.side().ordinal() | record.type().ordinal() << 8
                | record.timeInForce().ordinal() << 16 | (long) record.selfTradePrevention().ordinal() << 24
                | (long) flags << 32;
        page[at + USER_ASSET] = halves(userId, assets.intern(record.assetId()));
        page[at + QUOTE_BUDGET] = record.quoteBudgetMinor();
        page[at + REQUESTED_QUANTITY] = record.requestedLots();
        page[at + REQUESTED_PRICE] = record.requestedPriceTicks();
        page[at + REQUESTED_STOP_PRICE] = record.requestedStopPriceTicks();
        page[at + SEQUENCE] = record.sequence();
        page[at + CREATED_SECOND] = record.createdAt().getEpochSecond();
        page[at + NANOS] = halves(record.createdAt().getNano(), 0);
        String clientOrderId = record.clientOrderId();
        int key = clientOrderId == null ? NO_KEY : clientOrderIds.add(userId, clientOrderId, row);
        page[at + KEY_LOCKED_ASSET] = halves(key, assets.intern(record.lockedAssetId()));
        update(row, record);
        ids.add(id.getMostSignificantBits(), id.getLeastSignificantBits(), row);
        return row;
    }

    /**
     * Whether the record describes the same order as the row: only its state may change, never what was
     * fixed when it was placed (its identity, its terms as requested, its reservation's asset, its time).
     */
    boolean isSameOrder(int row, OrderRecord record) {
        long[] page = rows.page(row);
        int at = rows.offset(row);
        long codes = page[at + CODES];
        int flags = code(codes, 4);
        UUID sibling = record.ocoSiblingId();
        boolean sameSibling = sibling == null ? (flags & HAS_SIBLING) == 0
                : (flags & HAS_SIBLING) != 0 && sibling.getMostSignificantBits() == page[at + SIBLING_MSB]
                && sibling.getLeastSignificantBits() == page[at + SIBLING_LSB];
        long userAsset = page[at + USER_ASSET];
        long keyAndLocked = page[at + KEY_LOCKED_ASSET];
        Instant createdAt = record.createdAt();
        return sameSibling && record.bookId() == page[at + BOOK_ID] && record.side().ordinal() == code(codes, 0)
                && record.type().ordinal() == code(codes, 1) && record.timeInForce().ordinal() == code(codes, 2)
                && record.selfTradePrevention().ordinal() == code(codes, 3)
                && record.postOnly() == ((flags & POST_ONLY) != 0)
                && record.requestedLots() == page[at + REQUESTED_QUANTITY]
                && record.requestedPriceTicks() == page[at + REQUESTED_PRICE]
                && record.requestedStopPriceTicks() == page[at + REQUESTED_STOP_PRICE]
                && record.quoteBudgetMinor() == page[at + QUOTE_BUDGET] && record.sequence() == page[at + SEQUENCE]
                && createdAt.getEpochSecond() == page[at + CREATED_SECOND]
                && createdAt.getNano() == high(page[at + NANOS])
                && users.name(high(userAsset)).equals(record.userId())
                && assets.name(low(userAsset)).equals(record.assetId())
                && assets.name(low(keyAndLocked)).equals(record.lockedAssetId())
                && Objects.equals(record.clientOrderId(), clientOrderId(high(keyAndLocked)));
    }

    /** Writes the record's state (what changes after placement) into the row. */
    void update(int row, OrderRecord record) {
        long[] page = rows.page(row);
        int at = rows.offset(row);
        page[at + PRICE] = record.priceTicks();
        page[at + STOP_PRICE] = record.stopPriceTicks();
        page[at + QUANTITY] = record.quantityLots();
        page[at + FILLED] = record.filledLots();
        page[at + FILLED_QUOTE] = record.filledQuoteMinor();
        page[at + LOCKED] = record.lockedMinor();
        page[at + PRIORITY] = record.priority();
        CancelReason reason = record.cancelReason();
        long state = (long) record.status().ordinal() << 40
                | (long) (reason == null ? NO_CANCEL_REASON : reason.ordinal()) << 48;
        page[at + CODES] = page[at + CODES] & 0xFF_FFFF_FFFFL | state;
        Instant updatedAt = record.updatedAt();
        page[at + UPDATED_SECOND] = updatedAt.getEpochSecond();
        page[at + NANOS] = page[at + NANOS] & 0xFFFF_FFFF_0000_0000L | updatedAt.getNano();
    }

    void addTraded(int row, long lots, long quoteMinor) {
        long[] page = rows.page(row);
        int at = rows.offset(row);
        page[at + TRADED] = Math.addExact(page[at + TRADED], lots);
        page[at + TRADED_QUOTE] = Math.addExact(page[at + TRADED_QUOTE], quoteMinor);
    }

    long tradedLots(int row) {
        return rows.get(row, TRADED);
    }

    long tradedQuoteMinor(int row) {
        return rows.get(row, TRADED_QUOTE);
    }

    boolean isLive(int row) {
        return STATUSES[code(rows.get(row, CODES), 5)].isLive();
    }

    long idMsb(int row) {
        return rows.get(row, ID_MSB);
    }

    long idLsb(int row) {
        return rows.get(row, ID_LSB);
    }

    int user(int row) {
        return high(rows.get(row, USER_ASSET));
    }

    /** Whether the audit lists the order: it has a fill or a trade. */
    boolean hasFillOrTrade(int row) {
        return rows.get(row, FILLED) > 0 || rows.get(row, TRADED) > 0;
    }

    OrderFill fill(int row) {
        long[] page = rows.page(row);
        int at = rows.offset(row);
        return new OrderFill(new UUID(page[at + ID_MSB], page[at + ID_LSB]), assets.name(low(page[at + USER_ASSET])),
                page[at + QUANTITY], page[at + FILLED], page[at + FILLED_QUOTE], BigInteger.valueOf(page[at + TRADED]),
                BigInteger.valueOf(page[at + TRADED_QUOTE]));
    }

    /** The order as a record, built from its row. */
    OrderRecord record(int row) {
        long[] page = rows.page(row);
        int at = rows.offset(row);
        long codes = page[at + CODES];
        int flags = code(codes, 4);
        int reason = code(codes, 6);
        long userAsset = page[at + USER_ASSET];
        long keyAndLocked = page[at + KEY_LOCKED_ASSET];
        long nanos = page[at + NANOS];
        return new OrderRecord(new UUID(page[at + ID_MSB], page[at + ID_LSB]), users.name(high(userAsset)),
                assets.name(low(userAsset)), page[at + BOOK_ID], clientOrderId(high(keyAndLocked)),
                SIDES[code(codes, 0)], TYPES[code(codes, 1)], TIMES_IN_FORCE[code(codes, 2)],
                (flags & POST_ONLY) != 0, PREVENTIONS[code(codes, 3)], page[at + PRICE], page[at + STOP_PRICE],
                page[at + QUANTITY], page[at + REQUESTED_QUANTITY], page[at + REQUESTED_PRICE],
                page[at + REQUESTED_STOP_PRICE], page[at + QUOTE_BUDGET], page[at + FILLED], page[at + FILLED_QUOTE],
                page[at + LOCKED], assets.name(low(keyAndLocked)), STATUSES[code(codes, 5)],
                reason == NO_CANCEL_REASON ? null : CANCEL_REASONS[reason],
                (flags & HAS_SIBLING) == 0 ? null : new UUID(page[at + SIBLING_MSB], page[at + SIBLING_LSB]),
                page[at + SEQUENCE], page[at + PRIORITY], Instant.ofEpochSecond(page[at + CREATED_SECOND], high(nanos)),
                Instant.ofEpochSecond(page[at + UPDATED_SECOND], low(nanos)));
    }

    private String clientOrderId(int key) {
        return key == NO_KEY ? null : clientOrderIds.key(key);
    }

    private static int code(long codes, int index) {
        return (int) (codes >>> (8 * index)) & 0xFF;
    }
}
