package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.port.TradeRecord;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static io.tokenized.trading.core.memory.PagedRows.halves;
import static io.tokenized.trading.core.memory.PagedRows.high;
import static io.tokenized.trading.core.memory.PagedRows.low;

/**
 * Every trade ever stored, one row of longs per trade ({@link PagedRows}); a read builds the
 * {@link TradeRecord}. The order ids are kept as they were given, so a trade naming an
 * order the store does not hold reads back unchanged.
 *
 * <p>Not thread-safe; the store guards it with its lock.
 */
final class TradeTable {
    private static final Side[] SIDES = Side.values();

    private final Names users;
    private final Names assets;
    // The longs of a row.
    private static final int ID_MSB = 0;
    private static final int ID_LSB = 1;
    /** Maker's user id (high half), taker's (low half). */
    private static final int USERS = 2;
    /** Asset id (high half), the taker's side (low half). */
    private static final int ASSET_SIDE = 3;
    private static final int SEQUENCE = 4;
    private static final int PRICE = 5;
    private static final int QUANTITY = 6;
    private static final int QUOTE = 7;
    private static final int MAKER_ORDER_MSB = 8;
    private static final int MAKER_ORDER_LSB = 9;
    private static final int TAKER_ORDER_MSB = 10;
    private static final int TAKER_ORDER_LSB = 11;
    private static final int MAKER_FEE = 12;
    private static final int TAKER_FEE = 13;
    private static final int EXECUTED_SECOND = 14;
    private static final int EXECUTED_NANO = 15;
    /** The handle plus one of the maker's trade before this one; 0 for the maker's first. */
    private static final int PREVIOUS_OF_MAKER = 16;
    /** The same for the taker; unused when the taker is the maker. */
    private static final int PREVIOUS_OF_TAKER = 17;
    private static final int STRIDE = 18;

    /** Returned by {@link #newestOfUser} and {@link #previousOfUser} at the end of a user's trades. */
    static final int ABSENT = -1;

    private final PagedRows rows = new PagedRows(STRIDE);
    /**
     * By user id: the handle plus one of the user's newest trade as maker or taker. With the rows' links
     * it lists a user's trades newest first, and appending writes nothing outside the new row but this.
     */
    private int[] newestOfUser = new int[16];

    TradeTable(Names users, Names assets) {
        this.users = users;
        this.assets = assets;
    }

    int size() {
        return rows.size();
    }

    /** Appends the trade; returns its handle. */
    int add(TradeRecord trade) {
        int row = rows.add();
        long[] page = rows.page(row);
        int at = rows.offset(row);
        page[at + ID_MSB] = trade.id().getMostSignificantBits();
        page[at + ID_LSB] = trade.id().getLeastSignificantBits();
        int maker = users.intern(trade.makerUserId());
        int taker = users.intern(trade.takerUserId());
        page[at + USERS] = halves(maker, taker);
        if (Math.max(maker, taker) >= newestOfUser.length) {
            newestOfUser = Arrays.copyOf(newestOfUser, Math.max(Math.max(maker, taker) + 1, 2 * newestOfUser.length));
        }
        page[at + PREVIOUS_OF_MAKER] = newestOfUser[maker];
        newestOfUser[maker] = row + 1;
        if (taker != maker) {
            page[at + PREVIOUS_OF_TAKER] = newestOfUser[taker];
            newestOfUser[taker] = row + 1;
        }
        page[at + ASSET_SIDE] = halves(assets.intern(trade.assetId()), trade.takerSide().ordinal());
        page[at + SEQUENCE] = trade.sequence();
        page[at + PRICE] = trade.priceTicks();
        page[at + QUANTITY] = trade.quantityLots();
        page[at + QUOTE] = trade.quoteMinor();
        page[at + MAKER_ORDER_MSB] = trade.makerOrderId().getMostSignificantBits();
        page[at + MAKER_ORDER_LSB] = trade.makerOrderId().getLeastSignificantBits();
        page[at + TAKER_ORDER_MSB] = trade.takerOrderId().getMostSignificantBits();
        page[at + TAKER_ORDER_LSB] = trade.takerOrderId().getLeastSignificantBits();
        page[at + MAKER_FEE] = trade.makerFeeMinor();
        page[at + TAKER_FEE] = trade.takerFeeMinor();
        page[at + EXECUTED_SECOND] = trade.executedAt().getEpochSecond();
        page[at + EXECUTED_NANO] = trade.executedAt().getNano();
        return row;
    }

    /** The handle of the user's newest trade as maker or taker, or {@link #ABSENT}. */
    int newestOfUser(int userId) {
        return userId >= 0 && userId < newestOfUser.length ? newestOfUser[userId] - 1 : ABSENT;
    }

    /** The handle of the user's trade before this one (the user is its maker or taker), or {@link #ABSENT}. */
    int previousOfUser(int row, int userId) {
        return (int) rows.get(row, high(rows.get(row, USERS)) == userId ? PREVIOUS_OF_MAKER : PREVIOUS_OF_TAKER) - 1;
    }

    int makerUser(int row) {
        return high(rows.get(row, USERS));
    }

    int takerUser(int row) {
        return low(rows.get(row, USERS));
    }

    long makerOrderMsb(int row) {
        return rows.get(row, MAKER_ORDER_MSB);
    }

    long makerOrderLsb(int row) {
        return rows.get(row, MAKER_ORDER_LSB);
    }

    long takerOrderMsb(int row) {
        return rows.get(row, TAKER_ORDER_MSB);
    }

    long takerOrderLsb(int row) {
        return rows.get(row, TAKER_ORDER_LSB);
    }

    /** The trade as a record, built from its row. */
    TradeRecord record(int row) {
        long[] page = rows.page(row);
        int at = rows.offset(row);
        long userIds = page[at + USERS];
        long assetSide = page[at + ASSET_SIDE];
        return new TradeRecord(new UUID(page[at + ID_MSB], page[at + ID_LSB]), assets.name(high(assetSide)),
                page[at + SEQUENCE], page[at + PRICE], page[at + QUANTITY], page[at + QUOTE],
                new UUID(page[at + MAKER_ORDER_MSB], page[at + MAKER_ORDER_LSB]),
                new UUID(page[at + TAKER_ORDER_MSB], page[at + TAKER_ORDER_LSB]), users.name(high(userIds)),
                users.name(low(userIds)), SIDES[low(assetSide)], page[at + MAKER_FEE], page[at + TAKER_FEE],
                Instant.ofEpochSecond(page[at + EXECUTED_SECOND], page[at + EXECUTED_NANO]));
    }
}
