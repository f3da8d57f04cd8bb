package io.tokenized.trading.examples;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.engine.AssetResult;
import io.tokenized.trading.core.engine.AuditReport;
import io.tokenized.trading.core.engine.BookSnapshot;
import io.tokenized.trading.core.engine.CancelResult;
import io.tokenized.trading.core.engine.Order;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.Trade;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.engine.TransferResult;
import io.tokenized.trading.core.ledger.Balance;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.migrations.DatabaseUrl;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Collections;
import picocli.CommandLine.Command;

/**
 * {@code demo}: the library end to end on PostgreSQL, in a few seconds.
 *
 * <p>Not thread-safe; runs once per instance.
 */
@Command(name = "demo", header = "The library end to end on PostgreSQL, in a few seconds.",
        description = {
                "Starts an embedded PostgreSQL (unless DATABASE_URL is set), creates Better Auth's tables and a few "
                        + "users as the auth owner would, runs the trading migrations, creates USD and a tokenized "
                        + "share, deposits, places, matches and cancels orders, and prints the trades, balances, "
                        + "the order book and the audit.",
                "",
                "With DATABASE_URL it runs on that database instead, which must already hold the Better Auth "
                        + "tables (the auth migrations run first); the trading migrations use DIRECT_URL or "
                        + "DATABASE_URL_UNPOOLED when set, else the direct endpoint of DATABASE_URL. It signs up "
                        + "its demo users there and uses a fresh market name per run.",
                ""},
        footer = {"", "Exit codes: 0 done and the audit is clean, 1 a step failed or the audit found a break, "
                + "2 the database cannot be reached."})
final class DemoCommand implements Callable<Integer> {

    private static final List<String> PEOPLE = List.of("alice", "bob", "carol");
    private static final String FEES = "fees";

    private final Terminal terminal;

    DemoCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PrintStream out = terminal.out();
        String runtime = terminal.variable(DatabaseUrl.DATABASE_URL);
        boolean embedded = runtime == null;
        if (embedded) {
            out.println("Starting an embedded PostgreSQL (DATABASE_URL is not set) ...");
        }
        try (TradingDatabase database = embedded ? TradingDatabase.embedded()
                : TradingDatabase.fromEnvironment(terminal.environment())) {
            out.println("Database:   " + database.name());
            out.println("Migrations: " + database.migrationSummary());
            String suffix = embedded ? "" : runSuffix();
            Map<String, String> users = new LinkedHashMap<>();
            for (String person : PEOPLE) {
                users.put(embedded ? person : person + "-" + suffix.toLowerCase(Locale.ROOT), person);
            }
            users.put(FEES, FEES);
            database.signUp(new ArrayList<>(users.keySet()));
            out.println("Users:      " + String.join(", ", users.keySet()) + " (signed up in \"user\", as Better "
                    + "Auth would)");
            TradingEngine engine = TradingEngine.builder().store(database.store()).feeAccount(FEES).build();
            Script script = new Script(engine, users, embedded ? "ACME" : "ACME" + suffix, out);
            return script.run() ? Main.OK : Main.PROBLEMS;
        }
    }

    /** Four upper-case letters and digits: the demo's market name on a shared database. */
    private static String runSuffix() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    /** The demo's steps and what it prints. */
    private static final class Script {
        private final TradingEngine engine;
        private final Map<String, String> names;
        private final String token;
        private final PrintStream out;
        private final String alice;
        private final String bob;
        private final String carol;
        private final TextTable orders = new TextTable("#", "user", "command", "result").numeric(0);
        private int step;

        Script(TradingEngine engine, Map<String, String> users, String token, PrintStream out) {
            this.engine = engine;
            this.names = users;
            this.token = token;
            this.out = out;
            List<String> ids = new ArrayList<>(users.keySet());
            this.alice = ids.get(0);
            this.bob = ids.get(1);
            this.carol = ids.get(2);
        }

        boolean run() {
            section("Assets");
            create(Asset.cash("USD", "US dollar", 2));
            create(Asset.token(token, "Acme Corp tokenized share", 0, "USD", new BigDecimal("0.01"), BigDecimal.ONE,
                    BigDecimal.ONE, 10, 20));
            TextTable assets = new TextTable("asset", "kind", "scale", "quote", "tick", "lot", "maker bps",
                    "taker bps", "status").numeric(2, 4, 5, 6, 7);
            for (String id : List.of("USD", token)) {
                Asset asset = engine.asset(id).orElseThrow();
                assets.row(asset.id(), asset.kind(), asset.scale(), asset.quoteAssetId(), plain(asset.tickSize()),
                        plain(asset.lotSize()), asset.isMarket() ? asset.makerFeeBps() : "",
                        asset.isMarket() ? asset.takerFeeBps() : "", asset.status());
            }
            assets.print(out);

            section("Deposits");
            TextTable deposits = new TextTable("user", "asset", "amount").numeric(2);
            deposit(alice, "USD", "10000.00", deposits);
            deposit(bob, token, "100", deposits);
            deposit(carol, token, "50", deposits);
            deposit(carol, "USD", "2500.00", deposits);
            deposits.print(out);

            section("Orders");
            place(bob, PlaceOrder.limit(bob, token, Side.SELL, price("101.00"), qty("40")), "sell 40 @ 101.00");
            place(carol, PlaceOrder.limit(carol, token, Side.SELL, price("100.50"), qty("20")), "sell 20 @ 100.50");
            place(alice, PlaceOrder.limit(alice, token, Side.BUY, price("101.00"), qty("30")), "buy 30 @ 101.00");
            place(carol, PlaceOrder.limit(carol, token, Side.BUY, price("99.00"), qty("10")), "buy 10 @ 99.00");
            Order postOnly = place(alice, PlaceOrder.limit(alice, token, Side.BUY, price("99.50"), qty("5"))
                    .withPostOnly(), "buy 5 @ 99.50 post-only");
            int postOnlyStep = step;
            place(alice, PlaceOrder.limit(alice, token, Side.BUY, price("102.00"), qty("5")).withPostOnly(),
                    "buy 5 @ 102.00 post-only");
            place(carol, PlaceOrder.limit(carol, token, Side.BUY, price("100.00"), qty("1000")),
                    "buy 1000 @ 100.00");
            if (postOnly != null) {
                cancel(alice, postOnly, "cancel #" + postOnlyStep);
            }
            place(bob, PlaceOrder.market(bob, token, Side.SELL, qty("5")), "market sell 5");
            orders.print(out);

            section("Trades (" + token + ")");
            TextTable trades = new TextTable("seq", "price", "qty", "quote", "taker", "side", "maker", "taker fee",
                    "maker fee").numeric(0, 1, 2, 3, 7, 8);
            List<Trade> executed = new ArrayList<>(engine.trades(token, 100));
            Collections.reverse(executed);
            for (Trade trade : executed) {
                trades.row(trade.sequence(), plain(trade.price()), plain(trade.quantity()), plain(trade.quoteAmount()),
                        name(trade.takerUserId()), trade.takerSide(), name(trade.makerUserId()),
                        plain(trade.takerFee()), plain(trade.makerFee()));
            }
            trades.print(out);

            section("Balances");
            TextTable balances = new TextTable("user", "asset", "available", "locked", "total").numeric(2, 3, 4);
            for (String user : names.keySet()) {
                for (Balance balance : engine.balances(user)) {
                    balances.row(name(user), balance.assetId(), plain(balance.available()), plain(balance.locked()),
                            plain(balance.total()));
                }
            }
            balances.print(out);

            BookSnapshot book = engine.depth(token, 10);
            section("Order book " + token + " at sequence " + book.sequence());
            TextTable levels = new TextTable("bid qty", "bid", "ask", "ask qty").numeric(0, 1, 2, 3);
            for (int i = 0; i < Math.max(book.bids().size(), book.asks().size()); i++) {
                BookSnapshot.Level bid = i < book.bids().size() ? book.bids().get(i) : null;
                BookSnapshot.Level ask = i < book.asks().size() ? book.asks().get(i) : null;
                levels.row(bid == null ? "" : plain(bid.quantity()), bid == null ? "" : plain(bid.price()),
                        ask == null ? "" : plain(ask.price()), ask == null ? "" : plain(ask.quantity()));
            }
            levels.print(out);

            section("Audit");
            AuditReport audit = engine.audit();
            out.println(audit.isClean() ? "clean: every invariant holds (balances = deposits - withdrawals, "
                    + "locked = open orders, trade legs balance, book uncrossed and equal to the stored orders)"
                    : audit.toString());
            return audit.isClean();
        }

        private void create(Asset asset) {
            AssetResult result = engine.createAsset(asset);
            // USD may exist on a shared database; the token is named per run and must be new
            if (result instanceof AssetResult.Rejected rejected
                    && !(rejected.reason() == RejectReason.ASSET_EXISTS && asset.id().equals("USD"))) {
                throw new CommandFailure("creating " + asset.id() + " was refused: " + rejected.reason());
            }
        }

        private void deposit(String user, String asset, String amount, TextTable table) {
            TransferResult result = engine.deposit(user, asset, new BigDecimal(amount),
                    "demo-" + user + "-" + asset + "-" + token);
            if (result instanceof TransferResult.Rejected rejected) {
                throw new CommandFailure("the deposit of " + amount + " " + asset + " for " + name(user)
                        + " was refused: " + rejected.reason());
            }
            table.row(name(user), asset, amount);
        }

        private Order place(String user, PlaceOrder request, String command) {
            step++;
            PlaceResult result = engine.placeOrder(request);
            if (result instanceof PlaceResult.Placed accepted) {
                Order order = accepted.order();
                int count = accepted.trades().size();
                orders.row(step, name(user), command, order.status()
                        + (count == 0 ? "" : ", " + count + (count == 1 ? " trade" : " trades"))
                        + (order.cancelReason() == null ? "" : " (" + order.cancelReason() + ")"));
                return order;
            }
            orders.row(step, name(user), command, "rejected: " + ((PlaceResult.Rejected) result).reason());
            return null;
        }

        /** Cancels an order that has not traded, so what it had reserved at placement is what is released. */
        private void cancel(String user, Order order, String command) {
            step++;
            CancelResult result = engine.cancelOrder(user, order.id());
            orders.row(step, name(user), command, result instanceof CancelResult.Cancelled cancelled
                    ? cancelled.order().status() + ", released " + plain(order.locked()) + " " + order.lockedAssetId()
                    : "rejected: " + ((CancelResult.Rejected) result).reason());
        }

        private String name(String userId) {
            return names.getOrDefault(userId, userId);
        }

        private void section(String title) {
            out.println();
            out.println("== " + title + " ==");
        }

        private static BigDecimal price(String value) {
            return new BigDecimal(value);
        }

        private static BigDecimal qty(String value) {
            return new BigDecimal(value);
        }

        private static String plain(BigDecimal value) {
            return value == null ? "" : value.toPlainString();
        }
    }
}
