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
import java.util.UUID;

/**
 * Every order ever stored, one row per order in columns of primitive arrays: a row is an int handle,
 * 0, 1, 2, ... in insertion order, and no object exists per order until a read builds its
 * {@link OrderRecord}. Ids and instants are split into longs, enums kept as ordinals, strings as interned
 * ids. Indexed by order id and by (user, client order id).
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
    private static final byte POST_ONLY = 1;
    private static final byte HAS_SIBLING = 2;
    private static final byte NO_CANCEL_REASON = -1;
    private static final int NO_KEY = -1;

    private final Names users;
    private final Names assets;
    private final UuidIndex ids;
    private final UserKeys clientOrderIds = new UserKeys();
    private int size;

    // What an order is: written once, when it is placed.
    private long[] idMsb;
    private long[] idLsb;
    private int[] user;
    private int[] asset;
    private long[] bookId;
    private int[] clientOrderKey;
    private byte[] side;
    private byte[] type;
    private byte[] timeInForce;
    private byte[] selfTradePrevention;
    private byte[] flags;
    private long[] quoteBudgetMinor;
    private long[] requestedLots;
    private long[] requestedPriceTicks;
    private long[] requestedStopPriceTicks;
    private int[] lockedAsset;
    private long[] siblingMsb;
    private long[] siblingLsb;
    private long[] sequence;
    private long[] createdSecond;
    private int[] createdNano;
    // Its state after the latest command.
    private long[] priceTicks;
    private long[] stopPriceTicks;
    private long[] quantityLots;
    private long[] filledLots;
    private long[] filledQuoteMinor;
    private long[] lockedMinor;
    private long[] priority;
    private byte[] status;
    private byte[] cancelReason;
    private long[] updatedSecond;
    private int[] updatedNano;
    // The sums of its trades as maker or taker, for the audit.
    private long[] tradedLots;
    private long[] tradedQuoteMinor;

    OrderTable(Names users, Names assets, int capacity) {
        this.users = users;
        this.assets = assets;
        ids = new UuidIndex(capacity);
        resize(Math.max(16, capacity));
    }

    int size() {
        return size;
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
        if (size == idMsb.length) {
            resize(2 * size);
        }
        int row = size++;
        UUID id = record.id();
        idMsb[row] = id.getMostSignificantBits();
        idLsb[row] = id.getLeastSignificantBits();
        int userId = users.intern(record.userId());
        user[row] = userId;
        asset[row] = assets.intern(record.assetId());
        bookId[row] = record.bookId();
        side[row] = (byte) record.side().ordinal();
        type[row] = (byte) record.type().ordinal();
        timeInForce[row] = (byte) record.timeInForce().ordinal();
        selfTradePrevention[row] = (byte) record.selfTradePrevention().ordinal();
        quoteBudgetMinor[row] = record.quoteBudgetMinor();
        requestedLots[row] = record.requestedLots();
        requestedPriceTicks[row] = record.requestedPriceTicks();
        requestedStopPriceTicks[row] = record.requestedStopPriceTicks();
        lockedAsset[row] = assets.intern(record.lockedAssetId());
        byte rowFlags = record.postOnly() ? POST_ONLY : 0;
        UUID sibling = record.ocoSiblingId();
        if (sibling != null) {
            rowFlags |= HAS_SIBLING;
            siblingMsb[row] = sibling.getMostSignificantBits();
            siblingLsb[row] = sibling.getLeastSignificantBits();
        }
        flags[row] = rowFlags;
        sequence[row] = record.sequence();
        createdSecond[row] = record.createdAt().getEpochSecond();
        createdNano[row] = record.createdAt().getNano();
        update(row, record);
        ids.put(idMsb[row], idLsb[row], row);
        String clientOrderId = record.clientOrderId();
        clientOrderKey[row] = clientOrderId == null ? NO_KEY : clientOrderIds.add(userId, clientOrderId, row);
        return row;
    }

    /** Whether the record describes the same order as the row: only its state may change. */
    boolean isSameOrder(int row, OrderRecord record) {
        UUID sibling = record.ocoSiblingId();
        boolean sameSibling = sibling == null ? (flags[row] & HAS_SIBLING) == 0
                : (flags[row] & HAS_SIBLING) != 0 && sibling.getMostSignificantBits() == siblingMsb[row]
                && sibling.getLeastSignificantBits() == siblingLsb[row];
        return sameSibling && record.bookId() == bookId[row] && record.side().ordinal() == side[row]
                && record.type().ordinal() == type[row] && users.name(user[row]).equals(record.userId())
                && assets.name(asset[row]).equals(record.assetId())
                && Objects.equals(record.clientOrderId(), clientOrderId(row));
    }

    /** Writes the record's state (what changes after placement) into the row. */
    void update(int row, OrderRecord record) {
        priceTicks[row] = record.priceTicks();
        stopPriceTicks[row] = record.stopPriceTicks();
        quantityLots[row] = record.quantityLots();
        filledLots[row] = record.filledLots();
        filledQuoteMinor[row] = record.filledQuoteMinor();
        lockedMinor[row] = record.lockedMinor();
        priority[row] = record.priority();
        status[row] = (byte) record.status().ordinal();
        CancelReason reason = record.cancelReason();
        cancelReason[row] = reason == null ? NO_CANCEL_REASON : (byte) reason.ordinal();
        Instant updatedAt = record.updatedAt();
        updatedSecond[row] = updatedAt.getEpochSecond();
        updatedNano[row] = updatedAt.getNano();
    }

    void addTraded(int row, long lots, long quoteMinor) {
        tradedLots[row] = Math.addExact(tradedLots[row], lots);
        tradedQuoteMinor[row] = Math.addExact(tradedQuoteMinor[row], quoteMinor);
    }

    boolean isLive(int row) {
        return STATUSES[status[row]].isLive();
    }

    long idMsb(int row) {
        return idMsb[row];
    }

    long idLsb(int row) {
        return idLsb[row];
    }

    int user(int row) {
        return user[row];
    }

    /** Whether the audit lists the order: it has a fill or a trade. */
    boolean hasFillOrTrade(int row) {
        return filledLots[row] > 0 || tradedLots[row] > 0;
    }

    OrderFill fill(int row) {
        return new OrderFill(new UUID(idMsb[row], idLsb[row]), assets.name(asset[row]), quantityLots[row],
                filledLots[row], filledQuoteMinor[row], tradedLots[row], tradedQuoteMinor[row]);
    }

    /** The order as a record, built from its columns. */
    OrderRecord record(int row) {
        byte reason = cancelReason[row];
        return new OrderRecord(new UUID(idMsb[row], idLsb[row]), users.name(user[row]), assets.name(asset[row]),
                bookId[row], clientOrderId(row), SIDES[side[row]], TYPES[type[row]], TIMES_IN_FORCE[timeInForce[row]],
                (flags[row] & POST_ONLY) != 0, PREVENTIONS[selfTradePrevention[row]], priceTicks[row],
                stopPriceTicks[row], quantityLots[row], requestedLots[row], requestedPriceTicks[row],
                requestedStopPriceTicks[row], quoteBudgetMinor[row], filledLots[row], filledQuoteMinor[row],
                lockedMinor[row], assets.name(lockedAsset[row]), STATUSES[status[row]],
                reason == NO_CANCEL_REASON ? null : CANCEL_REASONS[reason],
                (flags[row] & HAS_SIBLING) == 0 ? null : new UUID(siblingMsb[row], siblingLsb[row]), sequence[row],
                priority[row], Instant.ofEpochSecond(createdSecond[row], createdNano[row]),
                Instant.ofEpochSecond(updatedSecond[row], updatedNano[row]));
    }

    private String clientOrderId(int row) {
        int key = clientOrderKey[row];
        return key == NO_KEY ? null : clientOrderIds.key(key);
    }

    private void resize(int capacity) {
        idMsb = Columns.grown(idMsb, capacity);
        idLsb = Columns.grown(idLsb, capacity);
        user = Columns.grown(user, capacity);
        asset = Columns.grown(asset, capacity);
        bookId = Columns.grown(bookId, capacity);
        clientOrderKey = Columns.grown(clientOrderKey, capacity);
        side = Columns.grown(side, capacity);
        type = Columns.grown(type, capacity);
        timeInForce = Columns.grown(timeInForce, capacity);
        selfTradePrevention = Columns.grown(selfTradePrevention, capacity);
        flags = Columns.grown(flags, capacity);
        quoteBudgetMinor = Columns.grown(quoteBudgetMinor, capacity);
        requestedLots = Columns.grown(requestedLots, capacity);
        requestedPriceTicks = Columns.grown(requestedPriceTicks, capacity);
        requestedStopPriceTicks = Columns.grown(requestedStopPriceTicks, capacity);
        lockedAsset = Columns.grown(lockedAsset, capacity);
        siblingMsb = Columns.grown(siblingMsb, capacity);
        siblingLsb = Columns.grown(siblingLsb, capacity);
        sequence = Columns.grown(sequence, capacity);
        createdSecond = Columns.grown(createdSecond, capacity);
        createdNano = Columns.grown(createdNano, capacity);
        priceTicks = Columns.grown(priceTicks, capacity);
        stopPriceTicks = Columns.grown(stopPriceTicks, capacity);
        quantityLots = Columns.grown(quantityLots, capacity);
        filledLots = Columns.grown(filledLots, capacity);
        filledQuoteMinor = Columns.grown(filledQuoteMinor, capacity);
        lockedMinor = Columns.grown(lockedMinor, capacity);
        priority = Columns.grown(priority, capacity);
        status = Columns.grown(status, capacity);
        cancelReason = Columns.grown(cancelReason, capacity);
        updatedSecond = Columns.grown(updatedSecond, capacity);
        updatedNano = Columns.grown(updatedNano, capacity);
        tradedLots = Columns.grown(tradedLots, capacity);
        tradedQuoteMinor = Columns.grown(tradedQuoteMinor, capacity);
    }
}
