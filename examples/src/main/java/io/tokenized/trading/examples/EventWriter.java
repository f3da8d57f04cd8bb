package io.tokenized.trading.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tokenized.trading.core.engine.AuditReport;
import io.tokenized.trading.core.engine.BookSnapshot;
import io.tokenized.trading.core.engine.Order;
import io.tokenized.trading.core.engine.Trade;
import io.tokenized.trading.core.engine.TradingEvent;
import io.tokenized.trading.core.ledger.Balance;
import io.tokenized.trading.core.ledger.LedgerEntry;
import io.tokenized.trading.core.market.Asset;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes replay events as JSON lines with a fixed field order and decimals as strings in the asset's
 * scale, so the same events always give the same bytes. Lines end with {@code \n} on every platform.
 *
 * <p>Not thread-safe: one replay writes on one thread.
 */
final class EventWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Writer out;

    EventWriter(Writer out) {
        this.out = out;
    }

    void user(int line, String userId) {
        write(line, "user", json -> json.writeStringField("user", userId));
    }

    void asset(int line, Asset asset) {
        write(line, "asset", json -> {
            json.writeStringField("asset", asset.id());
            json.writeStringField("kind", asset.kind().name());
            json.writeNumberField("scale", asset.scale());
            if (asset.isMarket()) {
                json.writeStringField("quote", asset.quoteAssetId());
                decimal(json, "tick", asset.tickSize());
                decimal(json, "lot", asset.lotSize());
                decimal(json, "min", asset.minQuantity());
                json.writeNumberField("makerFeeBps", asset.makerFeeBps());
                json.writeNumberField("takerFeeBps", asset.takerFeeBps());
            }
            json.writeStringField("status", asset.status().name());
        });
    }

    void rejected(int line, String op, String reason) {
        write(line, "rejected", json -> {
            json.writeStringField("op", op);
            json.writeStringField("reason", reason);
        });
    }

    /** A command accepted now ({@code duplicate} false) or before, with the order it concerns. */
    void accepted(int line, String op, Order order, boolean duplicate, int trades) {
        write(line, duplicate ? "duplicate" : "accepted", json -> {
            json.writeStringField("op", op);
            json.writeStringField("order", order.id().toString());
            json.writeStringField("status", order.status().name());
            json.writeNumberField("trades", trades);
        });
    }

    void entry(int line, LedgerEntry entry) {
        write(line, "journal", json -> {
            json.writeStringField("id", entry.id().toString());
            json.writeStringField("user", entry.userId());
            json.writeStringField("asset", entry.assetId());
            json.writeStringField("kind", entry.kind().name());
            decimal(json, "amount", entry.amount());
            json.writeStringField("key", entry.idempotencyKey());
            json.writeStringField("at", entry.createdAt().toString());
        });
    }

    void event(int line, TradingEvent event) {
        if (event instanceof TradingEvent.TradeExecuted executed) {
            trade(line, executed.trade());
        } else if (event instanceof TradingEvent.OrderUpdated updated) {
            order(line, updated.order());
        } else if (event instanceof TradingEvent.BalanceChanged changed) {
            write(line, "balance", json -> {
                json.writeStringField("user", changed.userId());
                json.writeStringField("asset", changed.assetId());
                decimal(json, "available", changed.availableChange());
                decimal(json, "locked", changed.lockedChange());
            });
        } else {
            throw new IllegalStateException("an event type the replay does not know: " + event);
        }
    }

    void book(int line, BookSnapshot book) {
        write(line, "book", json -> {
            json.writeStringField("market", book.assetId());
            json.writeNumberField("sequence", book.sequence());
            levels(json, "bids", book.bids());
            levels(json, "asks", book.asks());
        });
    }

    void balances(int line, String userId, List<Balance> balances) {
        write(line, "balances", json -> {
            json.writeStringField("user", userId);
            json.writeArrayFieldStart("balances");
            for (Balance balance : balances) {
                json.writeStartObject();
                json.writeStringField("asset", balance.assetId());
                decimal(json, "available", balance.available());
                decimal(json, "locked", balance.locked());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    void audit(int line, AuditReport report) {
        write(line, "audit", json -> {
            json.writeBooleanField("clean", report.isClean());
            json.writeArrayFieldStart("breaks");
            for (String finding : report.breaks()) {
                json.writeString(finding);
            }
            json.writeEndArray();
        });
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void trade(int line, Trade trade) {
        write(line, "trade", json -> {
            json.writeStringField("id", trade.id().toString());
            json.writeStringField("market", trade.assetId());
            json.writeNumberField("sequence", trade.sequence());
            decimal(json, "price", trade.price());
            decimal(json, "quantity", trade.quantity());
            decimal(json, "quote", trade.quoteAmount());
            json.writeStringField("takerSide", trade.takerSide().name());
            json.writeStringField("maker", trade.makerUserId());
            json.writeStringField("makerOrder", trade.makerOrderId().toString());
            decimal(json, "makerFee", trade.makerFee());
            json.writeStringField("taker", trade.takerUserId());
            json.writeStringField("takerOrder", trade.takerOrderId().toString());
            decimal(json, "takerFee", trade.takerFee());
            json.writeStringField("at", trade.executedAt().toString());
        });
    }

    private void order(int line, Order order) {
        write(line, "order", json -> {
            json.writeStringField("id", order.id().toString());
            json.writeStringField("user", order.userId());
            json.writeStringField("market", order.assetId());
            if (order.clientOrderId() != null) {
                json.writeStringField("clientOrderId", order.clientOrderId());
            }
            json.writeStringField("side", order.side().name());
            json.writeStringField("type", order.type().name());
            json.writeStringField("tif", order.timeInForce().name());
            decimal(json, "price", order.price());
            decimal(json, "stopPrice", order.stopPrice());
            decimal(json, "quantity", order.quantity());
            decimal(json, "quoteBudget", order.quoteBudget());
            decimal(json, "filled", order.filledQuantity());
            decimal(json, "filledQuote", order.filledQuote());
            decimal(json, "locked", order.locked());
            json.writeStringField("lockedAsset", order.lockedAssetId());
            json.writeStringField("status", order.status().name());
            if (order.cancelReason() != null) {
                json.writeStringField("cancelReason", order.cancelReason().name());
            }
            json.writeNumberField("sequence", order.sequence());
        });
    }

    private static void levels(JsonGenerator json, String field, List<BookSnapshot.Level> levels) throws IOException {
        json.writeArrayFieldStart(field);
        for (BookSnapshot.Level level : levels) {
            json.writeStartObject();
            decimal(json, "price", level.price());
            decimal(json, "quantity", level.quantity());
            json.writeNumberField("orders", level.orders());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A decimal as a plain string, or nothing when it is null. */
    private static void decimal(JsonGenerator json, String field, BigDecimal value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value.toPlainString());
        }
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private void write(int line, String event, Fields fields) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("line", line);
            json.writeStringField("event", event);
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            out.write(text.toString());
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing the events failed: " + e.getMessage(), e);
        }
    }
}
