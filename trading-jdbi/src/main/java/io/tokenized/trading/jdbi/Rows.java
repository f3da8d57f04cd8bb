package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.market.AssetKind;
import io.tokenized.trading.core.market.MarketStatus;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.order.OrderType;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Row mapping between the tables and the port's records, by column position in the order
 * {@link Statements} selects them. Stateless.
 */
final class Rows {

    private Rows() {
    }

    static Asset asset(ResultSet rs, StatementContext context) throws SQLException {
        AssetKind kind = AssetKind.valueOf(rs.getString(2));
        return new Asset(rs.getString(1), kind, rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getInt(9), rs.getInt(10),
                MarketStatus.valueOf(rs.getString(11)));
    }

    /**
     * An order row of the market {@code units} describes. {@code assetId} is the market's id, reused for
     * every row instead of a fresh string per row (a rebuild maps a million of them).
     */
    static OrderRecord order(ResultSet rs, MarketUnits units) throws SQLException {
        String lockedAssetId = rs.getString(21);
        Asset locked = units.assetOf(lockedAssetId);
        String cancelReason = rs.getString(23);
        return new OrderRecord(rs.getObject(1, UUID.class), rs.getString(2), units.token.id(), rs.getLong(4),
                rs.getString(5), Side.valueOf(rs.getString(6)), OrderType.valueOf(rs.getString(7)),
                TimeInForce.valueOf(rs.getString(8)), rs.getBoolean(9),
                SelfTradePrevention.valueOf(rs.getString(10)), units.ticks(rs.getString(11)),
                units.ticks(rs.getString(12)), units.lots(rs.getString(13)), units.lots(rs.getString(14)),
                units.ticks(rs.getString(15)), units.ticks(rs.getString(16)), units.quoteMinor(rs.getString(17)),
                units.lots(rs.getString(18)), units.quoteMinor(rs.getString(19)),
                Units.scaled(rs.getString(20), locked.scale()), locked.id(), OrderStatus.valueOf(rs.getString(22)),
                cancelReason == null ? null : CancelReason.valueOf(cancelReason), rs.getObject(24, UUID.class),
                rs.getLong(25), rs.getLong(26), Units.fromMicros(rs.getLong(27)), Units.fromMicros(rs.getLong(28)));
    }

    /** An order row of any market; the market's conversions come from the catalog. */
    static OrderRecord order(ResultSet rs, AssetCatalog catalog, Handle handle) throws SQLException {
        String assetId = rs.getString(3);
        MarketUnits units = catalog.market(assetId, handle);
        if (units == null) {
            throw new IllegalStateException("order " + rs.getString(1) + " names " + assetId + ", which is not a market");
        }
        return order(rs, units);
    }

    static TradeRecord trade(ResultSet rs, AssetCatalog catalog, Handle handle) throws SQLException {
        MarketUnits units = catalog.market(rs.getString(2), handle);
        return new TradeRecord(rs.getObject(1, UUID.class), units.token.id(), rs.getLong(3),
                units.ticks(rs.getString(4)), units.lots(rs.getString(5)), units.quoteMinor(rs.getString(6)),
                rs.getObject(7, UUID.class), rs.getObject(8, UUID.class), rs.getString(9), rs.getString(10),
                Side.valueOf(rs.getString(11)), units.quoteMinor(rs.getString(12)), units.quoteMinor(rs.getString(13)),
                Units.fromMicros(rs.getLong(14)));
    }

    static JournalEntry journal(ResultSet rs, AssetCatalog catalog, Handle handle) throws SQLException {
        String assetId = rs.getString(3);
        int scale = catalog.scale(assetId, handle);
        return new JournalEntry(rs.getObject(1, UUID.class), rs.getString(2), assetId,
                EntryKind.valueOf(rs.getString(4)), Units.scaled(rs.getString(5), scale), rs.getObject(6, UUID.class),
                rs.getObject(7, UUID.class), rs.getString(8), rs.getObject(9, UUID.class),
                Units.fromMicros(rs.getLong(10)));
    }

    static void bindOrder(PreparedBatch batch, OrderRecord order, MarketUnits units) {
        Asset locked = units.assetOf(order.lockedAssetId());
        batch.bind("id", order.id())
                .bind("userId", order.userId())
                .bind("assetId", order.assetId())
                .bind("bookId", order.bookId())
                .bind("clientOrderId", order.clientOrderId())
                .bind("side", order.side().name())
                .bind("type", order.type().name())
                .bind("timeInForce", order.timeInForce().name())
                .bind("postOnly", order.postOnly())
                .bind("selfTradePrevention", order.selfTradePrevention().name())
                .bind("price", units.price(order.priceTicks()))
                .bind("stopPrice", units.price(order.stopPriceTicks()))
                .bind("quantity", order.quantityLots() == 0 ? null : units.quantity(order.quantityLots()))
                .bind("requestedQuantity", order.requestedLots() == 0 ? null : units.quantity(order.requestedLots()))
                .bind("requestedPrice", units.price(order.requestedPriceTicks()))
                .bind("requestedStopPrice", units.price(order.requestedStopPriceTicks()))
                .bind("quoteBudget", order.quoteBudgetMinor() == 0 ? null : units.quote(order.quoteBudgetMinor()))
                .bind("filledQuantity", units.quantity(order.filledLots()))
                .bind("filledQuote", units.quote(order.filledQuoteMinor()))
                .bind("lockedAmount", locked.amount(order.lockedMinor()))
                .bind("lockedAssetId", locked.id())
                .bind("status", order.status().name())
                .bind("cancelReason", order.cancelReason() == null ? null : order.cancelReason().name())
                .bind("ocoSiblingId", order.ocoSiblingId())
                .bind("sequence", order.sequence())
                .bind("priority", order.priority())
                .bind("createdAt", timestamp(order.createdAt()))
                .bind("updatedAt", timestamp(order.updatedAt()))
                .add();
    }

    static void bindTrade(PreparedBatch batch, TradeRecord trade, MarketUnits units) {
        batch.bind("id", trade.id())
                .bind("assetId", trade.assetId())
                .bind("sequence", trade.sequence())
                .bind("price", units.price(trade.priceTicks()))
                .bind("quantity", units.quantity(trade.quantityLots()))
                .bind("quoteAmount", units.quote(trade.quoteMinor()))
                .bind("makerOrderId", trade.makerOrderId())
                .bind("takerOrderId", trade.takerOrderId())
                .bind("makerUserId", trade.makerUserId())
                .bind("takerUserId", trade.takerUserId())
                .bind("takerSide", trade.takerSide().name())
                .bind("makerFee", units.quote(trade.makerFeeMinor()))
                .bind("takerFee", units.quote(trade.takerFeeMinor()))
                .bind("executedAt", timestamp(trade.executedAt()))
                .add();
    }

    static void bindJournal(PreparedBatch batch, JournalEntry entry, int scale) {
        batch.bind("id", entry.id())
                .bind("userId", entry.userId())
                .bind("assetId", entry.assetId())
                .bind("kind", entry.kind().name())
                .bind("amount", BigDecimal.valueOf(entry.amountMinor(), scale))
                .bind("tradeId", entry.tradeId())
                .bind("orderId", entry.orderId())
                .bind("idempotencyKey", entry.idempotencyKey())
                .bind("reversesId", entry.reversesId())
                .bind("createdAt", timestamp(entry.createdAt()))
                .add();
    }

    /** A timestamp for a {@code timestamptz} parameter: an instant, whatever the JVM's time zone. */
    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
