package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.port.TradeRecord;

import java.time.Instant;
import java.util.UUID;

/**
 * Every trade ever stored, one row per trade in columns of primitive arrays (see {@link OrderTable}); a
 * read builds the {@link TradeRecord}. The order ids are kept as they were given, so a trade naming an
 * order the store does not hold reads back unchanged.
 *
 * <p>Not thread-safe; the store guards it with its lock.
 */
final class TradeTable {
    private static final Side[] SIDES = Side.values();

    private final Names users;
    private final Names assets;
    private int size;

    private long[] idMsb;
    private long[] idLsb;
    private int[] asset;
    private long[] sequence;
    private long[] priceTicks;
    private long[] quantityLots;
    private long[] quoteMinor;
    private long[] makerOrderMsb;
    private long[] makerOrderLsb;
    private long[] takerOrderMsb;
    private long[] takerOrderLsb;
    private int[] makerUser;
    private int[] takerUser;
    private byte[] takerSide;
    private long[] makerFeeMinor;
    private long[] takerFeeMinor;
    private long[] executedSecond;
    private int[] executedNano;

    TradeTable(Names users, Names assets, int capacity) {
        this.users = users;
        this.assets = assets;
        resize(Math.max(16, capacity));
    }

    int size() {
        return size;
    }

    /** Appends the trade; returns its handle. */
    int add(TradeRecord trade) {
        if (size == idMsb.length) {
            resize(2 * size);
        }
        int row = size++;
        idMsb[row] = trade.id().getMostSignificantBits();
        idLsb[row] = trade.id().getLeastSignificantBits();
        asset[row] = assets.intern(trade.assetId());
        sequence[row] = trade.sequence();
        priceTicks[row] = trade.priceTicks();
        quantityLots[row] = trade.quantityLots();
        quoteMinor[row] = trade.quoteMinor();
        makerOrderMsb[row] = trade.makerOrderId().getMostSignificantBits();
        makerOrderLsb[row] = trade.makerOrderId().getLeastSignificantBits();
        takerOrderMsb[row] = trade.takerOrderId().getMostSignificantBits();
        takerOrderLsb[row] = trade.takerOrderId().getLeastSignificantBits();
        makerUser[row] = users.intern(trade.makerUserId());
        takerUser[row] = users.intern(trade.takerUserId());
        takerSide[row] = (byte) trade.takerSide().ordinal();
        makerFeeMinor[row] = trade.makerFeeMinor();
        takerFeeMinor[row] = trade.takerFeeMinor();
        executedSecond[row] = trade.executedAt().getEpochSecond();
        executedNano[row] = trade.executedAt().getNano();
        return row;
    }

    int makerUser(int row) {
        return makerUser[row];
    }

    int takerUser(int row) {
        return takerUser[row];
    }

    long makerOrderMsb(int row) {
        return makerOrderMsb[row];
    }

    long makerOrderLsb(int row) {
        return makerOrderLsb[row];
    }

    long takerOrderMsb(int row) {
        return takerOrderMsb[row];
    }

    long takerOrderLsb(int row) {
        return takerOrderLsb[row];
    }

    /** The trade as a record, built from its columns. */
    TradeRecord record(int row) {
        return new TradeRecord(new UUID(idMsb[row], idLsb[row]), assets.name(asset[row]), sequence[row],
                priceTicks[row], quantityLots[row], quoteMinor[row], new UUID(makerOrderMsb[row], makerOrderLsb[row]),
                new UUID(takerOrderMsb[row], takerOrderLsb[row]), users.name(makerUser[row]),
                users.name(takerUser[row]), SIDES[takerSide[row]], makerFeeMinor[row], takerFeeMinor[row],
                Instant.ofEpochSecond(executedSecond[row], executedNano[row]));
    }

    private void resize(int capacity) {
        idMsb = Columns.grown(idMsb, capacity);
        idLsb = Columns.grown(idLsb, capacity);
        asset = Columns.grown(asset, capacity);
        sequence = Columns.grown(sequence, capacity);
        priceTicks = Columns.grown(priceTicks, capacity);
        quantityLots = Columns.grown(quantityLots, capacity);
        quoteMinor = Columns.grown(quoteMinor, capacity);
        makerOrderMsb = Columns.grown(makerOrderMsb, capacity);
        makerOrderLsb = Columns.grown(makerOrderLsb, capacity);
        takerOrderMsb = Columns.grown(takerOrderMsb, capacity);
        takerOrderLsb = Columns.grown(takerOrderLsb, capacity);
        makerUser = Columns.grown(makerUser, capacity);
        takerUser = Columns.grown(takerUser, capacity);
        takerSide = Columns.grown(takerSide, capacity);
        makerFeeMinor = Columns.grown(makerFeeMinor, capacity);
        takerFeeMinor = Columns.grown(takerFeeMinor, capacity);
        executedSecond = Columns.grown(executedSecond, capacity);
        executedNano = Columns.grown(executedNano, capacity);
    }
}
