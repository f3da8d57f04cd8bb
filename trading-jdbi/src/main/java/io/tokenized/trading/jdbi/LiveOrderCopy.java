package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.OrderRecord;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Streams a market's live orders for a book rebuild with {@code COPY ... TO STDOUT (FORMAT binary)}: the
 * server sends numerics, timestamps and uuids in their binary form instead of formatting a million rows
 * of text, and the rows are decoded here without parsing text. A plain query formats {@code numeric(38, 18)}
 * and {@code timestamptz} values as text, which on its own takes longer than the whole rebuild may.
 * {@code COPY} runs inside the unit's transaction and works through transaction-mode poolers.
 *
 * <p>Single-threaded: one instance per stream.
 */
final class LiveOrderCopy {

    /** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int FIELDS = 27;
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private static final Constants<Side> SIDES = Constants.of(Side.values());
    private static final Constants<OrderType> TYPES = Constants.of(OrderType.values());
    private static final Constants<TimeInForce> TIMES_IN_FORCE = Constants.of(TimeInForce.values());
    private static final Constants<SelfTradePrevention> SELF_TRADE_PREVENTIONS =
            Constants.of(SelfTradePrevention.values());
    private static final Constants<OrderStatus> STATUSES = Constants.of(OrderStatus.values());
    private static final Constants<CancelReason> CANCEL_REASONS = Constants.of(CancelReason.values());

    private final CopyOut copy;
    private final MarketUnits units;
    private final Constants<Asset> marketAssets;
    private byte[] chunk = new byte[0];
    private int position;

    private LiveOrderCopy(CopyOut copy, MarketUnits units) {
        this.copy = copy;
        this.units = units;
        this.marketAssets = new Constants<>(new Asset[] {units.token, units.quote},
                new String[] {units.token.id(), units.quote.id()});
    }

    /** The SQL: the market id is inlined (COPY takes no parameters); asset codes are [A-Z][A-Z0-9]*. */
    static String sql(String qualifiedOrders, String assetId) {
        if (!assetId.matches("[A-Z][A-Z0-9]*")) {
            throw new IllegalArgumentException("not an asset code: " + assetId);
        }
        String columns = "id, user_id::text, book_id, client_order_id, side, type, time_in_force, post_only, "
                + "self_trade_prevention, price, stop_price, quantity, requested_quantity, requested_price, "
                + "requested_stop_price, quote_budget, filled_quantity, filled_quote, locked_amount, locked_asset_id, "
                + "status, cancel_reason, oco_sibling_id, sequence, priority, created_at, updated_at";
        return "copy (select " + columns + " from " + qualifiedOrders + " where asset_id = '" + assetId
                + "' and status in ('OPEN', 'PARTIALLY_FILLED') union all select " + columns + " from "
                + qualifiedOrders + " where asset_id = '" + assetId + "' and status = 'PENDING') "
                + "to stdout (format binary)";
    }

    static List<OrderRecord> read(Handle handle, String sql, MarketUnits units) {
        try {
            CopyOut copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            LiveOrderCopy reader = new LiveOrderCopy(copy, units);
            try {
                return reader.rows();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Streaming the live orders of " + units.token.id() + " failed: " + e.getMessage(),
                    e.getSQLState(), e);
        } catch (IOException e) {
            throw new StoreException("Streaming the live orders of " + units.token.id() + " failed: " + e, null, e);
        }
    }

    private List<OrderRecord> rows() throws SQLException, IOException {
        for (byte expected : SIGNATURE) {
            if (readByte() != expected) {
                throw new IOException("not a binary COPY stream");
            }
        }
        int flags = readInt();
        skip(readInt());
        if ((flags & (1 << 16)) != 0) {
            throw new IOException("binary COPY with OIDs is not expected");
        }
        List<OrderRecord> orders = new ArrayList<>();
        String marketId = units.token.id();
        while (true) {
            short fields = readShort();
            if (fields == -1) {
                // Read to the end so the COPY completes and the connection is ready for the next statement.
                while (copy.readFromCopy() != null) {
                    position = chunk.length;
                }
                return orders;
            }
            if (fields != FIELDS) {
                throw new IOException("expected " + FIELDS + " fields in a live order, got " + fields);
            }
            UUID id = uuid();
            String userId = text();
            long bookId = int8();
            String clientOrderId = text();
            Side side = constant(SIDES);
            OrderType type = constant(TYPES);
            TimeInForce timeInForce = constant(TIMES_IN_FORCE);
            boolean postOnly = bool();
            SelfTradePrevention selfTradePrevention = constant(SELF_TRADE_PREVENTIONS);
            long priceTicks = ticks(numeric(units.tickScale()));
            long stopPriceTicks = ticks(numeric(units.tickScale()));
            long quantityLots = lots(numeric(units.token.scale()));
            long requestedLots = lots(numeric(units.token.scale()));
            long requestedPriceTicks = ticks(numeric(units.tickScale()));
            long requestedStopPriceTicks = ticks(numeric(units.tickScale()));
            long quoteBudgetMinor = numeric(units.quote.scale());
            long filledLots = lots(numeric(units.token.scale()));
            long filledQuoteMinor = numeric(units.quote.scale());
            // The reservation's scale is that of its asset, which comes in the next field.
            int lockedLength = readInt();
            byte[] lockedBytes = lockedLength < 0 ? null : bytes(lockedLength);
            Asset locked = constant(marketAssets);
            long lockedMinor = lockedBytes == null ? 0 : numericFrom(lockedBytes, locked.scale());
            OrderStatus status = constant(STATUSES);
            CancelReason cancelReason = constant(CANCEL_REASONS);
            UUID ocoSiblingId = uuid();
            long sequence = int8();
            long priority = int8();
            Instant createdAt = timestamp();
            Instant updatedAt = timestamp();
            orders.add(new OrderRecord(id, userId, marketId, bookId, clientOrderId, side, type, timeInForce,
                    postOnly, selfTradePrevention, priceTicks, stopPriceTicks, quantityLots, requestedLots,
                    requestedPriceTicks, requestedStopPriceTicks, quoteBudgetMinor, filledLots, filledQuoteMinor,
                    lockedMinor, locked.id(), status, cancelReason, ocoSiblingId, sequence, priority, createdAt,
                    updatedAt));
        }
    }

    // ---- fields -----------------------------------------------------------------------------------

    private UUID uuid() throws SQLException, IOException {
        int length = readInt();
        if (length < 0) {
            return null;
        }
        return new UUID(readLong(), readLong());
    }

    private String text() throws SQLException, IOException {
        int length = readInt();
        if (length < 0) {
            return null;
        }
        ensure(length);
        String value = new String(chunk, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** A text field that must spell one of {@code constants}, matched on its bytes; null for NULL. */
    private <T> T constant(Constants<T> constants) throws SQLException, IOException {
        int length = readInt();
        if (length < 0) {
            return null;
        }
        ensure(length);
        T found = constants.match(chunk, position, length);
        if (found == null) {
            throw new IllegalStateException("unexpected stored value '"
                    + new String(chunk, position, length, StandardCharsets.UTF_8) + "'");
        }
        position += length;
        return found;
    }

    private long int8() throws SQLException, IOException {
        expectLength(8);
        return readLong();
    }

    private boolean bool() throws SQLException, IOException {
        expectLength(1);
        return readByte() != 0;
    }

    private Instant timestamp() throws SQLException, IOException {
        expectLength(8);
        return Units.fromMicros(readLong() + POSTGRES_EPOCH_MICROS);
    }

    /** A numeric as a long at {@code scale}; 0 for NULL (the port's "none"). */
    private long numeric(int scale) throws SQLException, IOException {
        int length = readInt();
        if (length < 0) {
            return 0;
        }
        return numericFrom(bytes(length), scale);
    }

    /**
     * PostgreSQL's binary numeric (ndigits, weight, sign, dscale, then base-10000 digits, the first of
     * weight {@code weight}) times {@code 10^scale}, exactly.
     */
    static long numericFrom(byte[] value, int scale) {
        int digits = ((value[0] & 0xff) << 8) | (value[1] & 0xff);
        int weight = (short) (((value[2] & 0xff) << 8) | (value[3] & 0xff));
        int sign = ((value[4] & 0xff) << 8) | (value[5] & 0xff);
        if (sign == 0xC000) {
            throw new IllegalStateException("stored numeric is NaN");
        }
        long result = 0;
        for (int i = 0; i < digits; i++) {
            int digit = ((value[8 + 2 * i] & 0xff) << 8) | (value[9 + 2 * i] & 0xff);
            // digit x 10000^(weight - i) x 10^scale = digit x 10^(4 x (weight - i) + scale)
            int exponent = 4 * (weight - i) + scale;
            long term;
            if (exponent >= 0) {
                if (exponent >= POWERS_OF_TEN.length) {
                    throw new IllegalStateException("stored numeric does not fit in minor units");
                }
                term = Math.multiplyExact(digit, POWERS_OF_TEN[exponent]);
            } else {
                if (-exponent >= 5 || digit % POWERS_OF_TEN[-exponent] != 0) {
                    if (digit != 0) {
                        throw new IllegalStateException("stored numeric has more than " + scale + " decimal places");
                    }
                    continue;
                }
                term = digit / POWERS_OF_TEN[-exponent];
            }
            result = Math.addExact(result, term);
        }
        return sign == 0x4000 ? -result : result;
    }

    private long ticks(long tickScaled) {
        return units.ticksFromScaled(tickScaled);
    }

    private long lots(long tokenMinor) {
        return units.lotsFromMinor(tokenMinor);
    }

    /** Known values and their UTF-8 spellings, to decode a text field without making a string of it. */
    private static final class Constants<T> {
        private final T[] values;
        private final byte[][] spellings;

        Constants(T[] values, String[] names) {
            this.values = values;
            this.spellings = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                spellings[i] = names[i].getBytes(StandardCharsets.UTF_8);
            }
        }

        static <E extends Enum<E>> Constants<E> of(E[] values) {
            String[] names = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                names[i] = values[i].name();
            }
            return new Constants<>(values, names);
        }

        T match(byte[] bytes, int offset, int length) {
            for (int i = 0; i < spellings.length; i++) {
                if (java.util.Arrays.equals(spellings[i], 0, spellings[i].length, bytes, offset, offset + length)) {
                    return values[i];
                }
            }
            return null;
        }
    }

    // ---- stream -----------------------------------------------------------------------------------

    private void expectLength(int expected) throws SQLException, IOException {
        int length = readInt();
        if (length != expected) {
            throw new IOException("expected a field of " + expected + " bytes, got " + length);
        }
    }

    private byte[] bytes(int length) throws SQLException, IOException {
        ensure(length);
        byte[] value = new byte[length];
        System.arraycopy(chunk, position, value, 0, length);
        position += length;
        return value;
    }

    private void skip(int length) throws SQLException, IOException {
        ensure(length);
        position += length;
    }

    private byte readByte() throws SQLException, IOException {
        ensure(1);
        return chunk[position++];
    }

    private short readShort() throws SQLException, IOException {
        ensure(2);
        short value = (short) (((chunk[position] & 0xff) << 8) | (chunk[position + 1] & 0xff));
        position += 2;
        return value;
    }

    private int readInt() throws SQLException, IOException {
        ensure(4);
        int value = ((chunk[position] & 0xff) << 24) | ((chunk[position + 1] & 0xff) << 16)
                | ((chunk[position + 2] & 0xff) << 8) | (chunk[position + 3] & 0xff);
        position += 4;
        return value;
    }

    private long readLong() throws SQLException, IOException {
        ensure(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (chunk[position + i] & 0xff);
        }
        position += 8;
        return value;
    }

    /** Makes {@code length} bytes available at {@code position}, joining COPY messages as needed. */
    private void ensure(int length) throws SQLException, IOException {
        while (chunk.length - position < length) {
            byte[] next = copy.readFromCopy();
            if (next == null) {
                throw new EOFException("the COPY stream ended inside a row");
            }
            int left = chunk.length - position;
            if (left == 0) {
                // The usual case: one COPY message per row, the previous one fully read.
                chunk = next;
                position = 0;
                continue;
            }
            byte[] joined = new byte[left + next.length];
            System.arraycopy(chunk, position, joined, 0, left);
            System.arraycopy(next, 0, joined, left, next.length);
            chunk = joined;
            position = 0;
        }
    }
}
