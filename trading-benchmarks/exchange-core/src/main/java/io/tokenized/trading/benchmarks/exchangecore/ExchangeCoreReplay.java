package io.tokenized.trading.benchmarks.exchangecore;

import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.ApiAdjustUserBalance;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiReset;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.InitialStateConfiguration;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.common.config.OrdersProcessingConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;
import exchange.core2.core.common.config.ReportsQueriesConfiguration;
import exchange.core2.core.common.config.SerializationConfiguration;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import io.tokenized.trading.benchmarks.BookWorkload;
import net.jpountz.lz4.LZ4Factory;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * exchange-core's whole pipeline (its API, risk engine, matching engine and results stage) fed the engine
 * benchmark's commands: {@link BookWorkload} with the seed, sizes and 1,000 funded users of
 * {@code EngineBenchmark}, translated by {@link CommandTranslation}. Prints commands per second of each
 * replay, after warm-up replays, and what exchange-core refused.
 *
 * <ul>
 *   <li>{@code pipelined}: every command is submitted without waiting; the clock stops at the last result.</li>
 *   <li>{@code synchronous}: each command's result is awaited before the next is submitted, as a caller of
 *       our synchronous API works.</li>
 * </ul>
 *
 * <p>One matching engine and one risk engine for the two cores, a ring of 4,096 slots, groups of at most
 * 1,024 messages or 4 ms (the 4 ms of exchange-core's throughput preset, whose ring and engine counts are
 * sized for more cores), no journal and no snapshots.
 *
 * <pre>java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -XX:+UseParallelGC -jar exchange-core-replay.jar pipelined [replays] [wait strategy]</pre>
 */
public final class ExchangeCoreReplay {
    private static final long SEED = 20_240_601L;
    private static final int RESTING_ORDERS = 1_000;
    private static final int COMMANDS = 3_000_000;
    private static final int USERS = 1_000;
    private static final int TOKEN = 1;
    private static final int CASH = 2;
    /** As the engine benchmark's deposits: 1,000,000,000,000.00 in cash, 1,000,000,000 tokens. */
    private static final long CASH_DEPOSIT = 100_000_000_000_000L;
    private static final long TOKEN_DEPOSIT = 1_000_000_000L;
    private static final int WARM_UP_REPLAYS = 1;

    private ExchangeCoreReplay() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || !(args[0].equals("pipelined") || args[0].equals("synchronous"))) {
            System.err.println("usage: ExchangeCoreReplay pipelined|synchronous [replays, 3] [wait strategy, YIELDING]");
            System.exit(2);
        }
        boolean pipelined = args[0].equals("pipelined");
        int replays = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // Busy spinning starves five threads on two cores; yielding is what lets the pipeline run here.
        CoreWaitStrategy wait = CoreWaitStrategy.valueOf(args.length > 2 ? args[2] : "YIELDING");

        BookWorkload workload = BookWorkload.generate(SEED, RESTING_ORDERS, COMMANDS, USERS);
        CommandTranslation.Translated translated = CommandTranslation.of(workload);
        ApiCommand[] commands = translated.commands();
        int prefill = workload.prefillCount();
        System.out.printf("%s; %d commands sent as their self-trade outcome, %d with none sent as they are%n",
                workload, translated.selfTradeOutcomes(), translated.untranslatable());

        ResultTally tally = new ResultTally();
        ExchangeCore core = ExchangeCore.builder().resultsConsumer(tally::onResult)
                .exchangeConfiguration(configuration(wait)).build();
        core.startup();
        ExchangeApi api = core.getApi();
        for (int replay = 0; replay < WARM_UP_REPLAYS + replays; replay++) {
            if (replay > 0) {
                require(api.submitCommandAsync(ApiReset.builder().build()).join(), "reset");
            }
            fundUsersAndPrefill(api, commands, prefill, tally);
            System.gc();
            Thread.sleep(200);
            CountDownLatch last = tally.expect(workload.commandCount());
            long start = System.nanoTime();
            for (int i = prefill; i < commands.length; i++) {
                if (pipelined) {
                    api.submitCommand(commands[i]);
                } else {
                    api.submitCommandAsync(commands[i]).join();
                }
            }
            last.await();
            long nanos = tally.lastResultNanos() - start;
            System.out.printf("%s %s replay %d: %,d commands/s (%d commands in %.3f s), %d refused: %s%n",
                    replay < WARM_UP_REPLAYS ? "warm-up" : "measured", args[0], replay,
                    workload.commandCount() * 1_000_000_000L / nanos, workload.commandCount(), nanos / 1e9,
                    tally.refusals(), tally.refusalsByCode());
        }
        core.shutdown(5, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static ExchangeConfiguration configuration(CoreWaitStrategy wait) {
        PerformanceConfiguration performance = PerformanceConfiguration.builder()
                .ringBufferSize(4096)
                .matchingEnginesNum(1)
                .riskEnginesNum(1)
                .msgsInGroupLimit(1024)
                .maxGroupDurationNs(4_000_000)
                .threadFactory(Thread::new)
                .waitStrategy(wait)
                .binaryCommandsLz4CompressorFactory(() -> LZ4Factory.fastestInstance().highCompressor())
                .orderBookFactory(OrderBookDirectImpl::new)
                .build();
        return ExchangeConfiguration.builder()
                .ordersProcessingCfg(OrdersProcessingConfiguration.DEFAULT)
                .performanceCfg(performance)
                .initStateCfg(InitialStateConfiguration.CLEAN_TEST)
                .reportsQueriesCfg(ReportsQueriesConfiguration.DEFAULT)
                .loggingCfg(LoggingConfiguration.DEFAULT)
                .serializationCfg(SerializationConfiguration.DEFAULT)
                .build();
    }

    /** The market, funded users and the resting orders, untimed; refuses to go on if any of it failed. */
    private static void fundUsersAndPrefill(ExchangeApi api, ApiCommand[] commands, int prefill, ResultTally tally) {
        CoreSymbolSpecification market = CoreSymbolSpecification.builder().symbolId(CommandTranslation.SYMBOL)
                .type(SymbolType.CURRENCY_EXCHANGE_PAIR).baseCurrency(TOKEN).quoteCurrency(CASH)
                .baseScaleK(1).quoteScaleK(1).takerFee(0).makerFee(0).build();
        require(api.submitBinaryDataAsync(new BatchAddSymbolsCommand(market)).join(), "the market");
        tally.expect(Long.MAX_VALUE);
        for (long user = 1; user <= USERS; user++) {
            api.submitCommand(ApiAddUser.builder().uid(user).build());
            api.submitCommand(new ApiAdjustUserBalance(user, CASH, CASH_DEPOSIT, 2 * user));
            api.submitCommand(new ApiAdjustUserBalance(user, TOKEN, TOKEN_DEPOSIT, 2 * user + 1));
        }
        for (int i = 0; i < prefill - 1; i++) {
            api.submitCommand(commands[i]);
        }
        require(api.submitCommandAsync(commands[prefill - 1]).join(), "the prefill");
        if (tally.refusals() != 0) {
            throw new IllegalStateException("setting up failed: " + tally.refusalsByCode());
        }
    }

    private static void require(CommandResultCode code, String what) {
        if (code != CommandResultCode.SUCCESS) {
            throw new IllegalStateException(what + ": " + code);
        }
    }

    /**
     * Counts results on exchange-core's results thread. Without a lock, so as to add nothing to its stage:
     * {@link #expect} is called while nothing is in flight, and the ring's hand-off publishes it to the
     * results thread; the counts are read after the latch opens, or after a command submitted last has
     * answered.
     */
    private static final class ResultTally {
        private final long[] refusals = new long[CommandResultCode.values().length];
        private long seen;
        private long expected;
        private long lastResultNanos;
        private CountDownLatch last;

        /** Starts counting afresh; the latch opens at the {@code count}th result from now. */
        CountDownLatch expect(long count) {
            Arrays.fill(refusals, 0);
            seen = 0;
            expected = count;
            last = new CountDownLatch(1);
            return last;
        }

        void onResult(OrderCommand command, long sequence) {
            if (command.resultCode != CommandResultCode.SUCCESS) {
                refusals[command.resultCode.ordinal()]++;
            }
            if (++seen == expected) {
                lastResultNanos = System.nanoTime();
                last.countDown();
            }
        }

        long lastResultNanos() {
            return lastResultNanos;
        }

        long refusals() {
            long total = 0;
            for (long count : refusals) {
                total += count;
            }
            return total;
        }

        String refusalsByCode() {
            StringBuilder text = new StringBuilder();
            CommandResultCode[] codes = CommandResultCode.values();
            for (int i = 0; i < codes.length; i++) {
                if (refusals[i] != 0) {
                    text.append(text.length() == 0 ? "" : ", ").append(codes[i]).append(' ').append(refusals[i]);
                }
            }
            return text.length() == 0 ? "none" : text.toString();
        }
    }
}
