package io.tokenized.trading.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.engine.PlaceOco;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.order.OrderType;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one line of an order flow: a JSON object whose {@code op} names the command.
 *
 * <pre>
 * {"op":"user","id":"alice"}
 * {"op":"asset","id":"USD","kind":"cash","name":"US dollar","scale":2}
 * {"op":"asset","id":"ACME","kind":"token","name":"Acme","scale":0,"quote":"USD","tick":"0.01","lot":"1",
 *  "min":"1","makerFeeBps":10,"takerFeeBps":20}
 * {"op":"deposit","user":"alice","asset":"USD","amount":"1000.00","key":"dep-1"}
 * {"op":"withdraw","user":"alice","asset":"USD","amount":"10.00","key":"wd-1"}
 * {"op":"place","user":"alice","market":"ACME","side":"buy","type":"limit","price":"10.00","quantity":"5",
 *  "tif":"gtc","postOnly":false,"stp":"cancel_taker","clientOrderId":"a-1"}
 * {"op":"oco","user":"bob","market":"ACME","side":"sell","quantity":"5","price":"12.00","stopPrice":"9.00",
 *  "clientOrderId":"b-oco"}
 * {"op":"cancel","user":"alice","clientOrderId":"a-1"}
 * {"op":"amend","user":"alice","clientOrderId":"a-1","quantity":"3"}      (or "price" to move it)
 * {"op":"halt","market":"ACME"}     (also "resume", "delist")
 * {"op":"book","market":"ACME","levels":5}   {"op":"balances","user":"alice"}   {"op":"audit"}
 * </pre>
 * Amounts are JSON strings (or numbers) in the asset's units; enum values are case-insensitive. Unknown
 * fields are errors, so a typo does not silently change a command. Blank lines and lines starting with
 * {@code #} are skipped.
 *
 * <p>Stateless apart from Jackson's mapper, which is thread-safe.
 */
final class FlowParser {

    /** A line that is not a valid command; the message names what is wrong. */
    static final class MalformedLine extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedLine(String message) {
            super(message);
        }
    }

    /** Numbers as exact decimals, as written (9.40 stays 9.40); a field given twice is an error. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("user", Set.of("id")),
            Map.entry("asset", Set.of("id", "kind", "name", "scale", "quote", "tick", "lot", "min", "makerFeeBps",
                    "takerFeeBps")),
            Map.entry("deposit", Set.of("user", "asset", "amount", "key")),
            Map.entry("withdraw", Set.of("user", "asset", "amount", "key")),
            Map.entry("place", Set.of("user", "market", "side", "type", "price", "stopPrice", "quantity",
                    "quoteBudget", "tif", "postOnly", "stp", "clientOrderId")),
            Map.entry("oco", Set.of("user", "market", "side", "quantity", "price", "stopPrice", "stopLimitPrice",
                    "stp", "clientOrderId")),
            Map.entry("cancel", Set.of("user", "clientOrderId")),
            Map.entry("amend", Set.of("user", "clientOrderId", "quantity", "price")),
            Map.entry("halt", Set.of("market")),
            Map.entry("resume", Set.of("market")),
            Map.entry("delist", Set.of("market")),
            Map.entry("book", Set.of("market", "levels")),
            Map.entry("balances", Set.of("user")),
            Map.entry("audit", Set.of()));

    private FlowParser() {
    }

    /** Whether the line holds no command (blank, or a {@code #} comment). */
    static boolean isSkipped(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#");
    }

    static FlowStep parse(String line) throws MalformedLine {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedLine("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedLine("expected a JSON object with an \"op\" field");
        }
        String op = text(node, "op");
        Set<String> allowed = FIELDS.get(op);
        if (allowed == null) {
            throw new MalformedLine("unknown op \"" + op + "\"; expected one of " + String.join(", ",
                    new TreeSet<>(FIELDS.keySet())));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("op") && !allowed.contains(name)) {
                throw new MalformedLine("unknown field \"" + name + "\" for op \"" + op + "\"");
            }
        }
        try {
            return step(op, node);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedLine("invalid " + op + ": " + e.getMessage());
        }
    }

    private static FlowStep step(String op, JsonNode node) throws MalformedLine {
        return switch (op) {
            case "user" -> new FlowStep.SignUp(text(node, "id"));
            case "asset" -> new FlowStep.CreateAsset(asset(node));
            case "deposit", "withdraw" -> new FlowStep.Transfer(op.equals("withdraw"), text(node, "user"),
                    text(node, "asset"), decimal(node, "amount"), text(node, "key"));
            case "place" -> new FlowStep.Place(placeOrder(node));
            case "oco" -> new FlowStep.Oco(new PlaceOco(text(node, "user"), text(node, "market"),
                    constant(Side.class, node, "side"), decimal(node, "quantity"), decimal(node, "price"),
                    decimal(node, "stopPrice"), optionalDecimal(node, "stopLimitPrice"),
                    node.has("stp") ? constant(SelfTradePrevention.class, node, "stp")
                            : SelfTradePrevention.CANCEL_TAKER, optionalText(node, "clientOrderId")));
            case "cancel" -> new FlowStep.Cancel(text(node, "user"), text(node, "clientOrderId"));
            case "amend" -> amend(node);
            case "halt", "resume", "delist" -> new FlowStep.MarketStatusChange(op, text(node, "market"));
            case "book" -> new FlowStep.Book(text(node, "market"), node.has("levels") ? integer(node, "levels") : 10);
            case "balances" -> new FlowStep.Balances(text(node, "user"));
            case "audit" -> new FlowStep.Audit();
            default -> throw new IllegalStateException("unreachable: op was checked against FIELDS");
        };
    }

    private static Asset asset(JsonNode node) throws MalformedLine {
        String kind = text(node, "kind").toLowerCase(Locale.ROOT);
        String id = text(node, "id");
        String name = node.has("name") ? text(node, "name") : id;
        int scale = integer(node, "scale");
        return switch (kind) {
            case "cash" -> Asset.cash(id, name, scale);
            case "token" -> Asset.token(id, name, scale, text(node, "quote"), decimal(node, "tick"),
                    decimal(node, "lot"), decimal(node, "min"),
                    node.has("makerFeeBps") ? integer(node, "makerFeeBps") : 0,
                    node.has("takerFeeBps") ? integer(node, "takerFeeBps") : 0);
            default -> throw new MalformedLine("\"kind\" must be cash or token, not \"" + kind + "\"");
        };
    }

    private static PlaceOrder placeOrder(JsonNode node) throws MalformedLine {
        OrderType type = node.has("type") ? constant(OrderType.class, node, "type") : OrderType.LIMIT;
        boolean resting = type == OrderType.LIMIT || type == OrderType.STOP_LIMIT;
        TimeInForce timeInForce = node.has("tif") ? constant(TimeInForce.class, node, "tif")
                : resting ? TimeInForce.GTC : TimeInForce.IOC;
        return new PlaceOrder(text(node, "user"), text(node, "market"), constant(Side.class, node, "side"), type,
                optionalDecimal(node, "price"), optionalDecimal(node, "stopPrice"), optionalDecimal(node, "quantity"),
                optionalDecimal(node, "quoteBudget"), timeInForce, node.has("postOnly") && bool(node, "postOnly"),
                node.has("stp") ? constant(SelfTradePrevention.class, node, "stp") : SelfTradePrevention.CANCEL_TAKER,
                optionalText(node, "clientOrderId"));
    }

    private static FlowStep amend(JsonNode node) throws MalformedLine {
        BigDecimal quantity = optionalDecimal(node, "quantity");
        BigDecimal price = optionalDecimal(node, "price");
        if ((quantity == null) == (price == null)) {
            throw new MalformedLine("amend needs exactly one of \"quantity\" (reduce) or \"price\" (move)");
        }
        return new FlowStep.Amend(text(node, "user"), text(node, "clientOrderId"), quantity, price);
    }

    private static String text(JsonNode node, String field) throws MalformedLine {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedLine("missing \"" + field + "\"");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedLine("\"" + field + "\" must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) throws MalformedLine {
        return node.hasNonNull(field) ? text(node, field) : null;
    }

    private static BigDecimal decimal(JsonNode node, String field) throws MalformedLine {
        BigDecimal value = optionalDecimal(node, field);
        if (value == null) {
            throw new MalformedLine("missing \"" + field + "\"");
        }
        return value;
    }

    private static BigDecimal optionalDecimal(JsonNode node, String field) throws MalformedLine {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().strip());
            } catch (NumberFormatException e) {
                throw new MalformedLine("\"" + field + "\" is not a decimal number: \"" + value.asText() + "\"");
            }
        }
        throw new MalformedLine("\"" + field + "\" must be a decimal number as a string, e.g. \"10.50\"");
    }

    private static int integer(JsonNode node, String field) throws MalformedLine {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new MalformedLine("\"" + field + "\" must be a whole number");
        }
        return value.intValue();
    }

    private static boolean bool(JsonNode node, String field) throws MalformedLine {
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw new MalformedLine("\"" + field + "\" must be true or false");
        }
        return value.booleanValue();
    }

    private static <E extends Enum<E>> E constant(Class<E> type, JsonNode node, String field) throws MalformedLine {
        String value = text(node, field);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new MalformedLine("\"" + field + "\" must be one of " + allowed + ", not \"" + value + "\"");
        }
    }
}
