package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.memory.InMemoryTradingStore;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.JournalTotal;
import io.tokenized.trading.core.testing.Seeds;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random command streams over several users and three markets (two quoted in USD, one in EUR), with the
 * full audit after every command, and every rejected command checked to leave balances and journal
 * exactly as they were. Each run is one seed ({@link Seeds}); a failure names the seed, the step and the
 * command, and {@code -Dtrading.seed=N} reruns it.
 */
class TradingEngineProperties {
    private static final int COMMANDS = 500;
    private static final String[] USERS = {"u1", "u2", "u3", "u4", "u5"};
    private static final String[] MARKETS = {"ACME", "BETA", "GAMA"};

    @Test
    void everyInvariantHoldsAfterEveryCommand() {
        Seeds.forEach(1000, TradingEngineProperties::replay);
    }

    @Test
    void aRunTradesAcrossMarketsAndMeetsManyRefusals() {
        Run run = new Run(42);
        run.play();

        assertThat(run.outcomes).containsKeys("Placed", "Cancelled", "Amended", "Completed");
        assertThat(run.refusals.size()).as("distinct refusals " + run.refusals).isGreaterThan(8);
        for (String market : MARKETS) {
            assertThat(run.store.marketTrades(market, 10)).as("trades in " + market).isNotEmpty();
        }
    }

    static void replay(long seed) {
        new Run(seed).play();
    }

    /** One seed's stream: each command and its result, as the engine answered them one by one. */
    static final class Run {
        private final long seed;
        private final SplittableRandom random;
        final InMemoryTradingStore store = new InMemoryTradingStore();
        final TradingEngine engine;
        private final List<UUID> orders = new ArrayList<>();
        private int keys;
        final java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        final java.util.Set<Object> refusals = new java.util.TreeSet<>();
        final List<Object> commands = new ArrayList<>();
        final List<Object> results = new ArrayList<>();

        Run(long seed) {
            this(seed, null);
        }

        /** A run whose engine takes its ids from {@code ids} (null: the default generator). */
        Run(long seed, IdGenerator ids) {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            for (String user : USERS) {
                store.registerUser(user);
            }
            store.registerUser("fees");
            TradingEngine.Builder builder = TradingEngine.builder().store(store).feeAccount("fees")
                    .clock(Exchange.fixedClock());
            engine = (ids == null ? builder : builder.ids(ids)).build();
            create(Asset.cash("USD", "US dollar", 2));
            create(Asset.cash("EUR", "Euro", 2));
            create(Asset.token("ACME", "Acme", 0, "USD", new BigDecimal("0.01"), BigDecimal.ONE,
                    BigDecimal.ONE, 10, 25));
            create(Asset.token("BETA", "Beta", 2, "USD", new BigDecimal("0.10"), new BigDecimal("0.1"),
                    new BigDecimal("0.2"), 0, 0));
            create(Asset.token("GAMA", "Gamma", 1, "EUR", new BigDecimal("1"), new BigDecimal("0.5"),
                    new BigDecimal("0.5"), 7, 3));
        }

        private void create(Asset asset) {
            assertThat(engine.createAsset(asset)).isInstanceOf(AssetResult.Done.class);
        }

        void play() {
            for (int step = 0; step < COMMANDS; step++) {
                Object command = nextCommand();
                List<BalanceRecord> balancesBefore = sortedBalances();
                long entriesBefore = journalEntries();
                Object result;
                try {
                    result = execute(command);
                } catch (RuntimeException e) {
                    throw new AssertionError(where(step, command) + " threw", e);
                }
                commands.add(command);
                results.add(result);
                outcomes.merge(result.getClass().getSimpleName(), 1, Integer::sum);
                if (isRejection(result)) {
                    refusals.add(result.toString());
                    assertThat(sortedBalances()).as(where(step, command) + " was rejected but changed balances")
                            .isEqualTo(balancesBefore);
                    assertThat(journalEntries()).as(where(step, command) + " was rejected but wrote the journal")
                            .isEqualTo(entriesBefore);
                }
                AuditReport report = engine.audit();
                if (!report.isClean()) {
                    fail(where(step, command) + " -> " + result + "\n" + report);
                }
            }
        }

        private String where(int step, Object command) {
            return "seed " + seed + ", step " + step + ": " + command;
        }

        private Object nextCommand() {
            String user = USERS[random.nextInt(USERS.length)];
            String market = MARKETS[random.nextInt(MARKETS.length)];
            String quote = market.equals("GAMA") ? "EUR" : "USD";
            int kind = random.nextInt(100);
            if (kind < 8) {
                String asset = random.nextBoolean() ? quote : market;
                return new Deposit(user, asset, amount(asset, 1 + random.nextInt(5000)), nextKey());
            }
            if (kind < 11) {
                String asset = random.nextBoolean() ? quote : market;
                return new Withdraw(user, asset, amount(asset, 1 + random.nextInt(500)), nextKey());
            }
            if (kind < 13 && keys > 0) {
                // Replays an earlier key: same payload or another one.
                return new Deposit(user, quote, amount(quote, 1 + random.nextInt(3)), "k" + random.nextInt(keys));
            }
            if (kind < 48) {
                Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                PlaceOrder order = PlaceOrder.limit(user, market, side, price(market), quantity(market));
                int variant = random.nextInt(10);
                if (variant == 0) {
                    order = order.withTimeInForce(TimeInForce.IOC);
                } else if (variant == 1) {
                    order = order.withTimeInForce(TimeInForce.FOK);
                } else if (variant == 2) {
                    order = order.withPostOnly();
                }
                return withOptions(order);
            }
            if (kind < 54) {
                Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                PlaceOrder order = side == Side.BUY && random.nextBoolean()
                        ? PlaceOrder.marketBuyWithBudget(user, market, amount(quote, 100 + random.nextInt(5000)))
                        : PlaceOrder.market(user, market, side, quantity(market));
                return withOptions(random.nextInt(4) == 0 ? order.withTimeInForce(TimeInForce.FOK) : order);
            }
            if (kind < 60) {
                Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                return withOptions(PlaceOrder.stopLimit(user, market, side, price(market), price(market),
                        quantity(market)));
            }
            if (kind < 63) {
                return withOptions(random.nextBoolean()
                        ? PlaceOrder.stopMarketSell(user, market, price(market), quantity(market))
                        : PlaceOrder.stopMarketBuyWithBudget(user, market, price(market),
                                amount(quote, 100 + random.nextInt(3000))));
            }
            if (kind < 66) {
                Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                BigDecimal stopLimit = side == Side.BUY || random.nextBoolean() ? price(market) : null;
                return PlaceOco.of(user, market, side, quantity(market), price(market), price(market), stopLimit)
                        .withSelfTradePrevention(stp());
            }
            if (orders.isEmpty()) {
                return new Deposit(user, quote, amount(quote, 1000), nextKey());
            }
            UUID order = orders.get(random.nextInt(orders.size()));
            String owner = random.nextInt(10) == 0 ? user : ownerOf(order);
            if (kind < 78) {
                return new CancelOrder(owner, order);
            }
            if (kind < 85) {
                return AmendOrder.reduceTo(owner, order, quantity(marketOf(order)));
            }
            if (kind < 98) {
                return AmendOrder.moveTo(owner, order, price(marketOf(order)));
            }
            return new Halt(market, random.nextBoolean());
        }

        private PlaceOrder withOptions(PlaceOrder order) {
            order = order.withSelfTradePrevention(stp());
            if (random.nextInt(8) == 0) {
                order = order.withClientOrderId("c" + random.nextInt(20));
            }
            return order;
        }

        private SelfTradePrevention stp() {
            return SelfTradePrevention.values()[random.nextInt(3)];
        }

        private String nextKey() {
            return "k" + keys++;
        }

        private String ownerOf(UUID order) {
            return engine.order(order).orElseThrow().userId();
        }

        private String marketOf(UUID order) {
            return engine.order(order).orElseThrow().assetId();
        }

        private BigDecimal price(String market) {
            return switch (market) {
                case "ACME" -> BigDecimal.valueOf(950 + random.nextInt(100), 2);
                case "BETA" -> BigDecimal.valueOf(10 * (190 + random.nextInt(20)), 2);
                default -> BigDecimal.valueOf(40 + random.nextInt(20));
            };
        }

        private BigDecimal quantity(String market) {
            int lots = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 20);
            return switch (market) {
                case "ACME" -> BigDecimal.valueOf(lots);
                case "BETA" -> BigDecimal.valueOf(lots + 1, 1);
                default -> BigDecimal.valueOf(lots * 5L, 1);
            };
        }

        private BigDecimal amount(String asset, int units) {
            return switch (asset) {
                case "ACME" -> BigDecimal.valueOf(units);
                case "BETA" -> BigDecimal.valueOf(units, 1);
                case "GAMA" -> BigDecimal.valueOf(units, 1);
                default -> BigDecimal.valueOf(units * 37L, 2);
            };
        }

        Object execute(Object command) {
            if (command instanceof Deposit d) {
                return engine.deposit(d.user(), d.asset(), d.amount(), d.key());
            }
            if (command instanceof Withdraw w) {
                return engine.withdraw(w.user(), w.asset(), w.amount(), w.key());
            }
            if (command instanceof PlaceOrder p) {
                return remember(engine.placeOrder(p));
            }
            if (command instanceof PlaceOco p) {
                return remember(engine.placeOco(p));
            }
            if (command instanceof CancelOrder c) {
                return engine.cancelOrder(c.userId(), c.orderId());
            }
            if (command instanceof AmendOrder a) {
                return engine.amendOrder(a);
            }
            Halt halt = (Halt) command;
            return halt.halt() ? engine.haltMarket(halt.market()) : engine.resumeMarket(halt.market());
        }

        private PlaceResult remember(PlaceResult result) {
            if (result instanceof PlaceResult.Placed placed) {
                orders.add(placed.order().id());
                if (placed.order().ocoSiblingId() != null) {
                    orders.add(placed.order().ocoSiblingId());
                }
            }
            return result;
        }

        private static boolean isRejection(Object result) {
            return result instanceof PlaceResult.Rejected || result instanceof CancelResult.Rejected
                    || result instanceof AmendResult.Rejected || result instanceof TransferResult.Rejected
                    || result instanceof AssetResult.Rejected;
        }

        List<BalanceRecord> sortedBalances() {
            List<BalanceRecord> balances = new ArrayList<>(store.allBalances());
            balances.sort(Comparator.comparing(BalanceRecord::userId).thenComparing(BalanceRecord::assetId));
            return balances;
        }

        private long journalEntries() {
            long count = 0;
            for (JournalTotal total : store.journalTotals()) {
                count += total.entryCount();
            }
            return count;
        }
    }

    private record Deposit(String user, String asset, BigDecimal amount, String key) {
    }

    private record Withdraw(String user, String asset, BigDecimal amount, String key) {
    }

    private record Halt(String market, boolean halt) {
    }
}
