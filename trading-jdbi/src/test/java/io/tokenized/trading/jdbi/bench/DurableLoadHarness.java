package io.tokenized.trading.jdbi.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.engine.AssetResult;
import io.tokenized.trading.core.engine.BookSnapshot;
import io.tokenized.trading.core.engine.CancelOrder;
import io.tokenized.trading.core.engine.CancelResult;
import io.tokenized.trading.core.engine.Order;
import io.tokenized.trading.core.engine.OrderCommand;
import io.tokenized.trading.core.engine.OrderResult;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.engine.TransferResult;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.port.MarketSession;
import io.tokenized.trading.jdbi.JdbiStoreConfig;
import io.tokenized.trading.jdbi.JdbiTradingStore;
import io.tokenized.trading.jdbi.PoolSettings;
import io.tokenized.trading.jdbi.TradingDataSources;
import io.tokenized.trading.migrations.DatabaseUrl;
import io.tokenized.trading.migrations.TradingMigrations;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * End-to-end durable throughput and latency of the PostgreSQL store, beside pgbench TPC-B on the same
 * server, and the time to rebuild a market of 1,000,000 resting orders. Every order is acknowledged only
 * after the unit holding it committed (synchronous_commit as the server has it).
 *
 * <pre>
 * mvn -B -q -pl trading-bom,trading-jdbi -am install -DskipTests
 * mvn -B -q -pl trading-jdbi exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tokenized.trading.jdbi.bench.DurableLoadHarness \
 *     -Dbench.url=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres
 * </pre>
 * System properties: {@code bench.url} (an admin URL of the server; the harness creates and drops the
 * databases {@code trading_bench} and {@code trading_bench_pgbench}), {@code bench.clients} (default
 * {@code 1,16,64}), {@code bench.seconds} per run (20), {@code bench.warmupSeconds} (5), {@code bench.markets}
 * (4), {@code bench.users} (1000), {@code bench.makerFeeBps} / {@code bench.takerFeeBps} (10 / 20),
 * {@code bench.rebuildOrders} (1000000; 0 skips), {@code bench.pgbench}
 * (the pgbench binary; found on PATH or under /usr/lib/postgresql by default), {@code bench.pool} (32),
 * {@code bench.batch} (1: one engine call per command; N > 1: each submitter sends N commands per
 * {@link TradingEngine#execute} call, at most {@value TradingEngine#MAX_COMMANDS_PER_UNIT}).
 *
 * <p>The workload per submitter, closed loop: ~80% limit orders one to ten ticks behind the touch, ~10%
 * marketable limit orders (IOC through the touch), ~10% cancels of its own resting orders, on a random
 * market for a random user. Latency is measured per command from call to return, in an HdrHistogram.
 * With {@code bench.batch} N > 1 a submitter builds N commands of that mix on one market, chosen at random
 * per batch so that the batch is one unit (one transaction), cancelling only orders that earlier results
 * showed resting there; orders/s still counts commands, but latency is per batch call.
 * A paced run at half the peak rate then measures latency from each command's scheduled start (so queueing
 * behind a slow command is counted). Single-threaded setup; the submitters are threads of their own.
 */
public final class DurableLoadHarness {

    private static final String DATABASE = "trading_bench";
    private static final String PGBENCH_DATABASE = "trading_bench_pgbench";
    private static final String USD = "USD";
    private static final String FEES = "fees";
    private static final long MID_TICKS = 10_000;
    private static final AtomicLong FAILURES = new AtomicLong();

    private final DatabaseUrl admin;
    private final int users;
    private final int batch;
    private final List<String> markets = new ArrayList<>();
    private TradingEngine engine;
    private JdbiTradingStore store;
    private HikariDataSource pool;

    private DurableLoadHarness(DatabaseUrl admin, int users, int marketCount, int batch) {
        if (batch < 1 || batch > TradingEngine.MAX_COMMANDS_PER_UNIT) {
            throw new IllegalArgumentException("bench.batch must be 1 to " + TradingEngine.MAX_COMMANDS_PER_UNIT);
        }
        this.admin = admin;
        this.users = users;
        this.batch = batch;
        for (int i = 0; i < marketCount; i++) {
            markets.add("MKT" + i);
        }
    }

    public static void main(String[] args) throws Exception {
        DatabaseUrl admin = DatabaseUrl.parse(System.getProperty("bench.url",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"));
        int[] clients = parseInts(System.getProperty("bench.clients", "1,16,64"));
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmupSeconds", 5);
        int rebuildOrders = Integer.getInteger("bench.rebuildOrders", 1_000_000);
        DurableLoadHarness harness = new DurableLoadHarness(admin, Integer.getInteger("bench.users", 1_000),
                Integer.getInteger("bench.markets", 4), Integer.getInteger("bench.batch", 1));
        harness.setUp(Integer.getInteger("bench.pool", 32));
        try {
            System.out.printf(Locale.ROOT, "server: %s; %d users, %d markets, %d s per run after %d s warm-up%n",
                    harness.serverVersion(), harness.users, harness.markets.size(), seconds, warmup);
            // Orders/s always counts commands; with batches the latency is that of the whole call.
            String latency = harness.batch == 1 ? "" : " (latency per batch of " + harness.batch + ")";
            if (harness.batch > 1) {
                System.out.println("batches of " + harness.batch + " commands on one market per engine.execute call"
                        + latency);
            }
            List<String> rows = new ArrayList<>();
            double peak = 0;
            String pgbench = clients.length == 0 ? null : pgbenchBinary();
            if (pgbench != null) {
                harness.pgbenchInit(pgbench);
            }
            for (int c : clients) {
                Result ours = harness.closedLoop(c, warmup, seconds);
                double tps = harness.pgbench(pgbench, c, seconds);
                peak = Math.max(peak, ours.ordersPerSecond);
                rows.add(String.format(Locale.ROOT, "| %3d | %9.0f | %7.2f | %7.2f | %7.2f | %9.0f | %5.1fx |", c,
                        ours.ordersPerSecond, ours.p50Ms(), ours.p99Ms(), ours.p999Ms(), tps, ours.ordersPerSecond / tps));
                System.out.println(rows.get(rows.size() - 1));
            }
            System.out.println();
            if (harness.batch > 1) {
                System.out.println("latency per batch of " + harness.batch + "; orders/s counts commands");
            }
            System.out.println("| clients | orders/s | p50 ms | p99 ms | p99.9 ms | pgbench TPC-B tps | ratio |");
            System.out.println("|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            if (clients.length > 0) {
                int pacedClients = clients[clients.length - 1];
                double halfPeak = peak / 2;
                Result paced = harness.paced(pacedClients, halfPeak, warmup, seconds);
                System.out.printf(Locale.ROOT, "%npaced at half the peak (%.0f orders/s target, %d submitters): %.0f orders/s, "
                            + "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms (from scheduled start)%s%n",
                        halfPeak, pacedClients, paced.ordersPerSecond, paced.p50Ms(), paced.p99Ms(), paced.p999Ms(),
                        latency);
            }
            System.out.println("commands failed with an exception: " + FAILURES.get());
            if (rebuildOrders > 0) {
                harness.rebuild(rebuildOrders);
            }
        } finally {
            harness.tearDown();
        }
    }

    // ---- setup ------------------------------------------------------------------------------------

    private void setUp(int poolSize) throws SQLException, InterruptedException {
        adminExecute("drop database if exists " + DATABASE + " with (force)");
        adminExecute("create database " + DATABASE);
        DatabaseUrl url = admin.withDatabase(DATABASE);
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.properties());
             Statement statement = connection.createStatement()) {
            // Better Auth's user table, as its CLI creates it, with the bench's users.
            statement.execute("create table \"user\" (\"id\" text not null primary key, \"name\" text not null, "
                    + "\"email\" text not null unique, \"emailVerified\" boolean not null, \"image\" text, "
                    + "\"createdAt\" timestamptz default CURRENT_TIMESTAMP not null, "
                    + "\"updatedAt\" timestamptz default CURRENT_TIMESTAMP not null)");
            statement.execute("insert into \"user\" (id, name, email, \"emailVerified\") select 'user' || i, 'u', "
                    + "'user' || i || '@example.test', false from generate_series(0, " + (users - 1) + ") i");
            statement.execute("insert into \"user\" (id, name, email, \"emailVerified\") values ('" + FEES
                    + "', 'fees', 'fees@example.test', false)");
        }
        TradingMigrations.builder(url).build().migrate();
        pool = TradingDataSources.pooled(url, PoolSettings.builder().maximumPoolSize(poolSize).minimumIdle(poolSize)
                .build());
        store = JdbiTradingStore.create(pool, JdbiStoreConfig.builder().snapshotEverySequences(0).build());
        engine = TradingEngine.builder().store(store).feeAccount(FEES).build();
        check(engine.createAsset(Asset.cash(USD, "US dollar", 2)));
        int makerFeeBps = Integer.getInteger("bench.makerFeeBps", 10);
        int takerFeeBps = Integer.getInteger("bench.takerFeeBps", 20);
        for (String market : markets) {
            check(engine.createAsset(Asset.token(market, market, 0, USD, new BigDecimal("0.01"), BigDecimal.ONE,
                    BigDecimal.ONE, makerFeeBps, takerFeeBps)));
        }
        // Funding in parallel: 1,000 users x (1 + markets) deposits.
        runParallel(16, thread -> {
            for (int u = thread; u < users; u += 16) {
                deposit("user" + u, USD, "100000000.00");
                for (String market : markets) {
                    deposit("user" + u, market, "100000000");
                }
            }
        });
        // Seed each book with resting orders around the mid.
        SplittableRandom random = new SplittableRandom(7);
        for (String market : markets) {
            for (int i = 0; i < 200; i++) {
                Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
                long ticks = side == Side.BUY ? MID_TICKS - 1 - random.nextInt(50) : MID_TICKS + 1 + random.nextInt(50);
                engine.placeOrder(PlaceOrder.limit("user" + random.nextInt(users), market, side,
                        BigDecimal.valueOf(ticks, 2), BigDecimal.valueOf(1 + random.nextInt(10))));
            }
        }
    }

    private void deposit(String user, String asset, String amount) {
        TransferResult result = engine.deposit(user, asset, new BigDecimal(amount), "seed-" + user + "-" + asset);
        if (!(result instanceof TransferResult.Completed)) {
            throw new IllegalStateException("deposit failed: " + result);
        }
    }

    private void tearDown() throws SQLException {
        if (pool != null) {
            pool.close();
        }
    }

    // ---- runs -------------------------------------------------------------------------------------

    private Result closedLoop(int clients, int warmupSeconds, int seconds) throws InterruptedException {
        run(clients, warmupSeconds, 0, new Histogram(3_600_000_000_000L, 3));
        Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        long orders = run(clients, seconds, 0, histogram);
        return new Result(orders / (double) seconds, histogram);
    }

    private Result paced(int clients, double ratePerSecond, int warmupSeconds, int seconds) throws InterruptedException {
        run(clients, warmupSeconds, ratePerSecond, new Histogram(3_600_000_000_000L, 3));
        Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        long orders = run(clients, seconds, ratePerSecond, histogram);
        return new Result(orders / (double) seconds, histogram);
    }

    /** Runs {@code clients} submitters for {@code seconds}; paced when {@code ratePerSecond > 0}. */
    private long run(int clients, int seconds, double ratePerSecond, Histogram total) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong commands = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        // The rate counts commands; a submitter sends one call (of `batch` commands) per interval.
        long intervalNanos = ratePerSecond > 0 ? (long) (clients * batch * 1e9 / ratePerSecond) : 0;
        for (int c = 0; c < clients; c++) {
            Histogram histogram = new Histogram(3_600_000_000_000L, 3);
            histograms.add(histogram);
            SplittableRandom random = new SplittableRandom(System.nanoTime() + c * 7919L);
            Thread thread = new Thread(() -> {
                List<Order> resting = new ArrayList<>();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long scheduled = System.nanoTime();
                while (!stop.get()) {
                    long begin;
                    if (intervalNanos > 0) {
                        // Paced: latency counts from the scheduled start, so time spent behind a slow
                        // command is measured rather than hidden (coordinated omission).
                        long wait = scheduled - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        begin = scheduled;
                        scheduled += intervalNanos;
                    } else {
                        begin = System.nanoTime();
                    }
                    try {
                        if (batch == 1) {
                            oneCommand(random, resting);
                        } else {
                            oneBatch(random, resting);
                        }
                    } catch (RuntimeException e) {
                        // A batch is one unit: when it throws, none of its commands applied.
                        if (FAILURES.getAndAdd(batch) < 5) {
                            e.printStackTrace();
                        }
                        continue;
                    }
                    histogram.recordValue(Math.max(1, System.nanoTime() - begin));
                    commands.addAndGet(batch);
                }
            }, "submitter-" + c);
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        TimeUnit.SECONDS.sleep(seconds);
        stop.set(true);
        long done = commands.get();
        for (Thread thread : threads) {
            thread.join();
        }
        for (Histogram histogram : histograms) {
            total.add(histogram);
        }
        return done;
    }

    /** One command of the mix: ~10% cancel, ~10% marketable, ~80% resting near the touch. */
    private void oneCommand(SplittableRandom random, List<Order> resting) {
        int roll = random.nextInt(10);
        if (roll == 0 && !resting.isEmpty()) {
            Order order = resting.remove(random.nextInt(resting.size()));
            CancelResult ignored = engine.cancelOrder(order.userId(), order.id());
            return;
        }
        String market = markets.get(random.nextInt(markets.size()));
        remember(engine.placeOrder(placement(random, market, roll)), resting);
    }

    /**
     * {@code batch} commands of the same mix in one {@link TradingEngine#execute} call. One market per batch,
     * so the batch runs as one unit; its cancels name only orders that earlier results left resting there.
     */
    private void oneBatch(SplittableRandom random, List<Order> resting) {
        String market = markets.get(random.nextInt(markets.size()));
        List<OrderCommand> commands = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            int roll = random.nextInt(10);
            Order order = roll == 0 ? takeResting(random, resting, market) : null;
            commands.add(order != null ? new CancelOrder(order.userId(), order.id()) : placement(random, market, roll));
        }
        for (OrderResult result : engine.execute(commands)) {
            remember(result, resting);
        }
    }

    /** A marketable IOC limit when {@code roll} is 1, else a limit one to ten ticks behind the touch. */
    private PlaceOrder placement(SplittableRandom random, String market, int roll) {
        String user = "user" + random.nextInt(users);
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        long quantity = 1 + random.nextInt(10);
        if (roll == 1) {
            long ticks = side == Side.BUY ? MID_TICKS + 60 : MID_TICKS - 60;
            return PlaceOrder.limit(user, market, side, BigDecimal.valueOf(ticks, 2), BigDecimal.valueOf(quantity))
                    .withTimeInForce(TimeInForce.IOC);
        }
        long behind = 1 + random.nextInt(10);
        long ticks = side == Side.BUY ? MID_TICKS - behind : MID_TICKS + behind;
        return PlaceOrder.limit(user, market, side, BigDecimal.valueOf(ticks, 2), BigDecimal.valueOf(quantity));
    }

    /** Keeps a placed order that rests, as a later cancel's target (at most 500 per submitter). */
    private static void remember(OrderResult result, List<Order> resting) {
        if (result instanceof PlaceResult.Placed placed && placed.order().status().isLive() && resting.size() < 500) {
            resting.add(placed.order());
        }
    }

    /** Removes and returns a random one of the resting orders in {@code market}; null when there is none. */
    private static Order takeResting(SplittableRandom random, List<Order> resting, String market) {
        int[] inMarket = IntStream.range(0, resting.size()).filter(i -> resting.get(i).assetId().equals(market))
                .toArray();
        return inMarket.length == 0 ? null : resting.remove(inMarket[random.nextInt(inMarket.length)]);
    }

    // ---- pgbench ----------------------------------------------------------------------------------

    private void pgbenchInit(String pgbench) throws SQLException, IOException, InterruptedException {
        adminExecute("drop database if exists " + PGBENCH_DATABASE + " with (force)");
        adminExecute("create database " + PGBENCH_DATABASE);
        exec(List.of(pgbench, "-i", "-q", "-s", "16", "-h", admin.host(), "-p", Integer.toString(admin.port()),
                "-U", admin.user().orElse("postgres"), PGBENCH_DATABASE));
    }

    private double pgbench(String pgbench, int clients, int seconds) throws IOException, InterruptedException {
        String output = exec(List.of(pgbench, "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Integer.toString(seconds), "-h", admin.host(), "-p", Integer.toString(admin.port()), "-U",
                admin.user().orElse("postgres"), PGBENCH_DATABASE));
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    private static String pgbenchBinary() throws IOException {
        String configured = System.getProperty("bench.pgbench");
        if (configured != null) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "pgbench"))) {
                return Path.of(dir, "pgbench").toString();
            }
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (var dirs = Files.list(versions)) {
                for (Path version : dirs.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Path candidate = version.resolve("bin/pgbench");
                    if (Files.isExecutable(candidate)) {
                        return candidate.toString();
                    }
                }
            }
        }
        throw new IllegalStateException("pgbench not found: set -Dbench.pgbench=/path/to/pgbench");
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.append(line).append('\n');
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output.toString();
    }

    // ---- rebuild ----------------------------------------------------------------------------------

    /**
     * Writes a market of {@code orders} resting orders straight into the tables (as a long-running market
     * would have left them), then times a fresh engine's first read of it, which rebuilds the book from
     * the orders table; and, separately, the store streaming the rows alone.
     */
    private void rebuild(int orders) throws SQLException {
        String market = "DEEP";
        check(engine.createAsset(Asset.token(market, market, 0, USD, new BigDecimal("0.01"), BigDecimal.ONE,
                BigDecimal.ONE, 10, 20)));
        DatabaseUrl url = admin.withDatabase(DATABASE);
        long insertStart = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.properties());
             Statement statement = connection.createStatement()) {
            // Half bids below 100.00, half asks above, 1-10 lots each; queue tickets as the engine numbers them.
            statement.execute("insert into public.orders (id, user_id, asset_id, book_id, side, type, time_in_force, "
                    + "price, requested_price, quantity, requested_quantity, filled_quantity, filled_quote, "
                    + "locked_amount, locked_asset_id, status, sequence, priority, created_at, updated_at) "
                    + "select gen_random_uuid(), 'user' || (i % " + users + "), '" + market + "', 2 * i, "
                    + "case when i % 2 = 0 then 'BUY' else 'SELL' end, 'LIMIT', 'GTC', price, price, 1 + i % 10, "
                    + "1 + i % 10, 0, 0, case when i % 2 = 0 then ceil((1 + i % 10) * price * 100.2) / 100 "
                    + "else 1 + i % 10 end, case when i % 2 = 0 then 'USD' else '" + market + "' end, 'OPEN', i, "
                    + "i::bigint << 20, now(), now() from generate_series(1, " + orders + ") i, lateral (select "
                    + "case when i % 2 = 0 then 100.00 - (i % 5000) * 0.01 else 100.01 + (i % 5000) * 0.01 end "
                    + "as price) p");
            statement.execute("update public.tokenized_assets set sequence = " + orders + " where id = '" + market + "'");
            statement.execute("analyze public.orders");
        }
        System.out.printf(Locale.ROOT, "%nrebuild: wrote %,d resting orders of %s in %.1f s%n", orders, market,
                (System.nanoTime() - insertStart) / 1e9);
        for (int attempt = 1; attempt <= 3; attempt++) {
            long streamStart = System.nanoTime();
            int rows = store.inMarket(market, MarketSession::liveOrders).size();
            double streamSeconds = (System.nanoTime() - streamStart) / 1e9;
            TradingEngine fresh = TradingEngine.builder().store(store).feeAccount(FEES).build();
            long rebuildStart = System.nanoTime();
            BookSnapshot top = fresh.depth(market, 5);
            double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
            System.out.printf(Locale.ROOT, "rebuild %d: store streamed %,d live orders in %.2f s; a fresh engine "
                            + "rebuilt the book (stream + restore) in %.2f s; best bid %s, best ask %s%n", attempt, rows,
                    streamSeconds, rebuildSeconds, top.bids().get(0).price(), top.asks().get(0).price());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private String serverVersion() throws SQLException {
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.properties());
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery("select version(), current_setting('synchronous_commit'), "
                     + "current_setting('fsync')")) {
            rs.next();
            return rs.getString(1).replaceAll(" on .*", "") + ", synchronous_commit=" + rs.getString(2) + ", fsync="
                    + rs.getString(3) + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        }
    }

    private void adminExecute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.properties());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void check(AssetResult result) {
        if (!(result instanceof AssetResult.Done)) {
            throw new IllegalStateException("asset creation failed: " + result);
        }
    }

    private static void runParallel(int threads, java.util.function.IntConsumer body) throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> body.accept(index));
            started.add(thread);
            thread.start();
        }
        for (Thread thread : started) {
            thread.join();
        }
    }

    private static int[] parseInts(String csv) {
        if (csv.isBlank()) {
            return new int[0];
        }
        String[] parts = csv.split(",");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i].strip());
        }
        return values;
    }

    /** Orders per second and the latency histogram (nanoseconds) of one run. */
    private record Result(double ordersPerSecond, Histogram latency) {
        double p50Ms() {
            return latency.getValueAtPercentile(50) / 1e6;
        }

        double p99Ms() {
            return latency.getValueAtPercentile(99) / 1e6;
        }

        double p999Ms() {
            return latency.getValueAtPercentile(99.9) / 1e6;
        }
    }
}
