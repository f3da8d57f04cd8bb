package io.tokenized.trading.examples;

import io.tokenized.trading.core.engine.PlaceOco;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.market.Asset;
import java.math.BigDecimal;
import java.util.Objects;

/** One command of an order flow, as one JSON line holds it (see {@link FlowParser} for the format). Immutable. */
sealed interface FlowStep {

    /** The line's {@code op}. */
    String op();

    record SignUp(String userId) implements FlowStep {
        public SignUp {
            Objects.requireNonNull(userId, "userId");
        }

        @Override
        public String op() {
            return "user";
        }
    }

    record CreateAsset(Asset asset) implements FlowStep {
        public CreateAsset {
            Objects.requireNonNull(asset, "asset");
        }

        @Override
        public String op() {
            return "asset";
        }
    }

    /** A deposit ({@code withdrawal} false) or a withdrawal. */
    record Transfer(boolean withdrawal, String userId, String assetId, BigDecimal amount, String key)
            implements FlowStep {
        public Transfer {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String op() {
            return withdrawal ? "withdraw" : "deposit";
        }
    }

    record Place(PlaceOrder request) implements FlowStep {
        public Place {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String op() {
            return "place";
        }
    }

    record Oco(PlaceOco request) implements FlowStep {
        public Oco {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String op() {
            return "oco";
        }
    }

    /** Cancels the user's order with this client order id. */
    record Cancel(String userId, String clientOrderId) implements FlowStep {
        public Cancel {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(clientOrderId, "clientOrderId");
        }

        @Override
        public String op() {
            return "cancel";
        }
    }

    /** Reduces ({@code newQuantity}) or moves ({@code newPrice}) the user's order with this client order id. */
    record Amend(String userId, String clientOrderId, BigDecimal newQuantity, BigDecimal newPrice)
            implements FlowStep {
        public Amend {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(clientOrderId, "clientOrderId");
        }

        @Override
        public String op() {
            return "amend";
        }
    }

    /** Halts, resumes or delists a market; {@code op} is {@code halt}, {@code resume} or {@code delist}. */
    record MarketStatusChange(String op, String marketId) implements FlowStep {
        public MarketStatusChange {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(marketId, "marketId");
        }
    }

    /** Writes the market's aggregated depth. */
    record Book(String marketId, int levels) implements FlowStep {
        public Book {
            Objects.requireNonNull(marketId, "marketId");
        }

        @Override
        public String op() {
            return "book";
        }
    }

    /** Writes the user's balances. */
    record Balances(String userId) implements FlowStep {
        public Balances {
            Objects.requireNonNull(userId, "userId");
        }

        @Override
        public String op() {
            return "balances";
        }
    }

    /** Runs the audit and writes its result. */
    record Audit() implements FlowStep {
        @Override
        public String op() {
            return "audit";
        }
    }
}
