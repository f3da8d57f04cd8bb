package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.engine.PlaceOrder;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.DepthSnapshot;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.JournalTotal;
import io.tokenized.trading.core.port.LedgerWork;
import io.tokenized.trading.core.port.MarketChanges;
import io.tokenized.trading.core.port.MarketSession;
import io.tokenized.trading.core.port.MarketWork;
import io.tokenized.trading.core.port.OrderFill;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeLegTotal;
import io.tokenized.trading.core.port.TradeRecord;
import io.tokenized.trading.core.port.TradingStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tokenized.trading.jdbi.Exchanges.ACME;
import static io.tokenized.trading.jdbi.Exchanges.FEES;
import static io.tokenized.trading.jdbi.Exchanges.USD;
import static io.tokenized.trading.jdbi.Exchanges.assertAuditClean;
import static io.tokenized.trading.jdbi.Exchanges.fund;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine reuses its cached book while the market's sequence in the database is the one it cached,
 * and rebuilds it when another instance moved the market. Each instance's store is wrapped to count how
 * often a unit reads the live orders (the rebuild) — the database underneath is the real one.
 */
class BookCacheIT {

    private static PostgresFixture postgres;

    @BeforeAll
    static void aDatabaseWithTheAuthTables() {
        postgres = PostgresFixture.create();
        postgres.createUser(FEES);
        postgres.createUser("u0");
    }

    @AfterAll
    static void dropTheDatabase() {
        postgres.close();
    }

    @Test
    void aCachedBookIsReusedUntilAnotherInstanceMovesTheMarket() {
        String schema = postgres.migratedSchema();
        CountingStore first = new CountingStore(postgres.store(schema, 2));
        CountingStore second = new CountingStore(postgres.store(schema, 2));
        TradingEngine one = Exchanges.engine(first);
        TradingEngine two = Exchanges.engine(second);
        Exchanges.createMarkets(one);
        fund(one, "u0", USD, "1000.00");

        placeABid(one);
        placeABid(one);
        placeABid(one);
        assertThat(first.rebuilds).as("first instance: one load, then its own cache").hasValue(1);

        placeABid(two);
        placeABid(two);
        assertThat(second.rebuilds).as("second instance: one load").hasValue(1);

        placeABid(one);
        placeABid(one);
        assertThat(first.rebuilds).as("first instance: reloaded once after the second moved the market").hasValue(2);
        assertThat(first.delegate.liveOrders(ACME)).hasSize(7);
        assertAuditClean(one);
        assertAuditClean(two);
    }

    private static void placeABid(TradingEngine engine) {
        engine.placeOrder(PlaceOrder.limit("u0", ACME, Side.BUY, new BigDecimal("1.00"), BigDecimal.ONE));
    }

    /** A store that counts the live-order reads of its units and delegates everything. Thread-safe. */
    private static final class CountingStore implements TradingStore {
        final JdbiTradingStore delegate;
        final AtomicInteger rebuilds = new AtomicInteger();

        CountingStore(JdbiTradingStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public <R> R inMarket(String assetId, MarketWork<R> work) {
            return delegate.inMarket(assetId, new MarketWork<R>() {
                @Override
                public R run(MarketSession session) {
                    return work.run(new CountingSession(session));
                }

                @Override
                public void rolledBack() {
                    work.rolledBack();
                }
            });
        }

        @Override
        public <R> R inLedger(LedgerWork<R> work) {
            return delegate.inLedger(work);
        }

        @Override
        public Optional<Asset> asset(String assetId) {
            return delegate.asset(assetId);
        }

        @Override
        public List<Asset> assets() {
            return delegate.assets();
        }

        @Override
        public boolean userExists(String userId) {
            return delegate.userExists(userId);
        }

        @Override
        public List<BalanceRecord> balances(String userId) {
            return delegate.balances(userId);
        }

        @Override
        public Optional<OrderRecord> order(UUID orderId) {
            return delegate.order(orderId);
        }

        @Override
        public Optional<OrderRecord> orderByClientId(String userId, String clientOrderId) {
            return delegate.orderByClientId(userId, clientOrderId);
        }

        @Override
        public List<OrderRecord> openOrders(String userId) {
            return delegate.openOrders(userId);
        }

        @Override
        public List<OrderRecord> liveOrders(String assetId) {
            return delegate.liveOrders(assetId);
        }

        @Override
        public List<TradeRecord> marketTrades(String assetId, int limit) {
            return delegate.marketTrades(assetId, limit);
        }

        @Override
        public List<TradeRecord> userTrades(String userId, int limit) {
            return delegate.userTrades(userId, limit);
        }

        @Override
        public List<JournalEntry> journal(String userId, int limit) {
            return delegate.journal(userId, limit);
        }

        @Override
        public long sequence(String assetId) {
            return delegate.sequence(assetId);
        }

        @Override
        public void saveSnapshot(DepthSnapshot snapshot) {
            delegate.saveSnapshot(snapshot);
        }

        @Override
        public Optional<DepthSnapshot> latestSnapshot(String assetId) {
            return delegate.latestSnapshot(assetId);
        }

        @Override
        public List<BalanceRecord> allBalances() {
            return delegate.allBalances();
        }

        @Override
        public List<JournalTotal> journalTotals() {
            return delegate.journalTotals();
        }

        @Override
        public List<OrderFill> orderFills() {
            return delegate.orderFills();
        }

        @Override
        public List<TradeLegTotal> tradeLegTotals() {
            return delegate.tradeLegTotals();
        }

        /** Counts {@link #liveOrders()}; everything else is the real session. */
        private final class CountingSession implements MarketSession {
            private final MarketSession session;

            CountingSession(MarketSession session) {
                this.session = session;
            }

            @Override
            public Asset market() {
                return session.market();
            }

            @Override
            public Asset quote() {
                return session.quote();
            }

            @Override
            public long sequence() {
                return session.sequence();
            }

            @Override
            public List<OrderRecord> liveOrders() {
                rebuilds.incrementAndGet();
                return session.liveOrders();
            }

            @Override
            public long lastTradePriceTicks() {
                return session.lastTradePriceTicks();
            }

            @Override
            public BalanceRecord balance(String userId, String assetId) {
                return session.balance(userId, assetId);
            }

            @Override
            public boolean hasAvailable(String userId, String assetId, long minimumMinor) {
                return session.hasAvailable(userId, assetId, minimumMinor);
            }

            @Override
            public OrderRecord orderByClientId(String userId, String clientOrderId) {
                return session.orderByClientId(userId, clientOrderId);
            }

            @Override
            public boolean userExists(String userId) {
                return session.userExists(userId);
            }

            @Override
            public void apply(MarketChanges changes) {
                session.apply(changes);
            }
        }
    }
}
