package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.BookDepth;
import io.tokenized.trading.core.book.DepthLevel;
import io.tokenized.trading.core.ledger.Balance;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.ledger.LedgerEntry;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.market.MarketRules;
import io.tokenized.trading.core.market.MarketStatus;
import io.tokenized.trading.core.port.BalanceDelta;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.DepthSnapshot;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.LedgerChanges;
import io.tokenized.trading.core.port.LedgerSession;
import io.tokenized.trading.core.port.MarketChanges;
import io.tokenized.trading.core.port.MarketSession;
import io.tokenized.trading.core.port.MarketWork;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeRecord;
import io.tokenized.trading.core.port.TradingStore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The host's entry point: assets and markets, deposits and withdrawals, orders, queries and the audit.
 * Business refusals are values ({@code Rejected} results with a {@link RejectReason}); exceptions
 * ({@link io.tokenized.trading.core.TradingException}) mean a bug or an infrastructure failure.
 *
 * <pre>{@code
 * TradingEngine engine = TradingEngine.builder().store(store).feeAccount("fees").build();
 * engine.createAsset(Asset.cash("USD", "US dollar", 2));
 * engine.deposit("alice", "USD", new BigDecimal("1000.00"), "dep-1");
 * PlaceResult result = engine.placeOrder(PlaceOrder.limit("alice", "ACME", Side.BUY, price, qty));
 * }</pre>
 *
 * <p>Money: amounts are exact decimals at this API and {@code long} minor units inside; a value that is
 * not exact for the asset or market (too many decimals, off tick, off lot) or that would overflow is
 * refused, never rounded. An order reserves its worst case when placed (sell: its quantity; priced buy:
 * quantity x limit + the higher fee rate on it; budget buy: its budget; market buy by quantity: the
 * most the book could charge it). Each fill charges both sides a fee in the quote asset, rounded up to
 * the minor unit and paid to the fee account; a buyer's fee is capped at what its reservation still
 * covers, so rounding over many small fills never reaches beyond the reserved fee.
 *
 * <p>Thread-safe for any number of concurrent callers. Each command runs as one unit of the store for its
 * market ({@link TradingStore#inMarket}), which serialises the commands of a market (one lock per market
 * in memory, a transaction-scoped advisory lock in PostgreSQL) while markets proceed in parallel; the
 * engine's cached book of a market is touched only inside those units, so the engine itself takes no
 * lock but the short one of its index of live orders, for writes. Listeners are called after the store
 * committed, on the caller's thread.
 */
public final class TradingEngine {
    /** Most consecutive commands of one market that {@link #execute} runs in one unit (one transaction). */
    public static final int MAX_COMMANDS_PER_UNIT = 256;
    private static final int MAX_QUERY_LIMIT = 10_000;

    private final TradingStore store;
    private final String feeAccount;
    private final InstantSource clock;
    private final IdGenerator ids;
    /** The default generator when it reads the engine's own clock: then ids take the command's time. */
    private final UuidV7Generator timedIds;
    private final List<TradingListener> listeners;
    private final ConcurrentHashMap<String, MarketState> markets = new ConcurrentHashMap<>();
    /** Sizes and scales never change, so conversions outside a unit may use these cached rules. */
    private final ConcurrentHashMap<String, MarketRules> rulesCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Asset> assetCache = new ConcurrentHashMap<>();
    /** Text user ids as the book's long ids; only users that exist get a number. */
    private final ConcurrentHashMap<String, Long> userNumbers = new ConcurrentHashMap<>();
    /**
     * The live orders of the cached books by id, so that cancels and amends find their market without a
     * store read. Written only inside market units; a miss (an order of another instance) reads the store.
     */
    private final LiveOrderIndex liveOrders = new LiveOrderIndex();
    private final AtomicLong lastUserNumber = new AtomicLong();

    private TradingEngine(Builder builder) {
        this.store = builder.store;
        this.feeAccount = builder.feeAccount;
        this.clock = builder.clock;
        this.ids = builder.ids == null ? IdGenerator.uuidV7(builder.clock) : builder.ids;
        this.timedIds = ids instanceof UuidV7Generator v7 && v7.clock == builder.clock ? v7 : null;
        this.listeners = new CopyOnWriteArrayList<>(builder.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------
    // Assets and markets
    // ------------------------------------------------------------------------------------------------

    /**
     * Creates a cash asset or a token with its market. Refusals: ASSET_EXISTS, UNKNOWN_ASSET (the quote),
     * INVALID_MARKET_RULES (the quote is not cash, or tick x lot is not a whole number of quote minor
     * units, or the lot not a whole number of token minor units, or the minimum not a whole number of lots).
     */
    public AssetResult createAsset(Asset asset) {
        Objects.requireNonNull(asset, "asset");
        return store.inLedger(session -> {
            if (session.asset(asset.id()) != null) {
                return new AssetResult.Rejected(RejectReason.ASSET_EXISTS);
            }
            if (asset.isMarket()) {
                Asset quote = session.asset(asset.quoteAssetId());
                if (quote == null) {
                    return new AssetResult.Rejected(RejectReason.UNKNOWN_ASSET);
                }
                Optional<RejectReason> refusal = MarketRules.check(asset, quote);
                if (refusal.isPresent()) {
                    return new AssetResult.Rejected(refusal.get());
                }
            }
            session.apply(new LedgerChanges(List.of(asset), List.of(), List.of()));
            return new AssetResult.Done(asset);
        });
    }

    /** Stops trading: only cancellations are accepted until {@link #resumeMarket}. */
    public AssetResult haltMarket(String assetId) {
        return changeStatus(assetId, MarketStatus.HALTED);
    }

    /** Lets a halted market trade again. */
    public AssetResult resumeMarket(String assetId) {
        return changeStatus(assetId, MarketStatus.ACTIVE);
    }

    /** Cancels every live order of the market (MARKET_DELISTED) and refuses every command after. */
    public AssetResult delistMarket(String assetId) {
        return changeStatus(assetId, MarketStatus.DELISTED);
    }

    private AssetResult changeStatus(String assetId, MarketStatus target) {
        RejectReason unknown = unknownMarket(assetId);
        if (unknown != null) {
            return new AssetResult.Rejected(unknown);
        }
        MarketCommand<AssetResult> command = new MarketCommand<>(marketState(assetId)) {
            @Override
            AssetResult decide(MarketState state, MarketSession session) {
                return state.changeStatus(session, target, this);
            }
        };
        return command.execute();
    }

    // ------------------------------------------------------------------------------------------------
    // Deposits and withdrawals
    // ------------------------------------------------------------------------------------------------

    /**
     * Credits {@code amount} of an asset to a user. The same idempotency key with the same payload returns
     * the first entry; with another payload it is IDEMPOTENCY_KEY_REUSED. Other refusals: UNKNOWN_ASSET,
     * UNKNOWN_USER, INVALID_AMOUNT, TOO_MANY_DECIMALS, OVERFLOW.
     */
    public TransferResult deposit(String userId, String assetId, BigDecimal amount, String idempotencyKey) {
        return transfer(userId, assetId, amount, idempotencyKey, EntryKind.DEPOSIT);
    }

    /** Debits {@code amount} from what the user has available; as {@link #deposit}, plus INSUFFICIENT_FUNDS. */
    public TransferResult withdraw(String userId, String assetId, BigDecimal amount, String idempotencyKey) {
        return transfer(userId, assetId, amount, idempotencyKey, EntryKind.WITHDRAWAL);
    }

    private TransferResult transfer(String userId, String assetId, BigDecimal amount, String idempotencyKey,
                                    EntryKind kind) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("an idempotency key must not be blank");
        }
        Asset asset = asset(assetId).orElse(null);
        if (asset == null) {
            return new TransferResult.Rejected(RejectReason.UNKNOWN_ASSET);
        }
        long minor = asset.minorUnits(amount);
        if (MarketRules.isRejection(minor)) {
            return new TransferResult.Rejected(MarketRules.rejection(minor));
        }
        long signed = kind == EntryKind.DEPOSIT ? minor : -minor;
        JournalEntry[] booked = new JournalEntry[1];
        TransferResult result = store.inLedger(session -> {
            booked[0] = null;
            if (!userExists(userId, session)) {
                return new TransferResult.Rejected(RejectReason.UNKNOWN_USER);
            }
            JournalEntry existing = session.journalEntry(userId, idempotencyKey);
            if (existing != null) {
                boolean same = existing.kind() == kind && existing.assetId().equals(assetId)
                        && existing.amountMinor() == signed;
                return same ? new TransferResult.Completed(view(existing, asset))
                        : new TransferResult.Rejected(RejectReason.IDEMPOTENCY_KEY_REUSED);
            }
            BalanceRecord balance = session.balance(userId, assetId);
            if (kind == EntryKind.WITHDRAWAL && balance.availableMinor() < minor) {
                return new TransferResult.Rejected(RejectReason.INSUFFICIENT_FUNDS);
            }
            try {
                Math.addExact(Math.addExact(balance.availableMinor(), balance.lockedMinor()), signed);
            } catch (ArithmeticException overflow) {
                return new TransferResult.Rejected(RejectReason.OVERFLOW);
            }
            JournalEntry entry = new JournalEntry(ids.nextId(), userId, assetId, kind, signed, null, null,
                    idempotencyKey, null, clock.instant());
            session.apply(new LedgerChanges(List.of(), List.of(entry),
                    List.of(new BalanceDelta(userId, assetId, signed, 0))));
            booked[0] = entry;
            return new TransferResult.Completed(view(entry, asset));
        });
        if (booked[0] != null && !listeners.isEmpty()) {
            deliver(List.of(new TradingEvent.BalanceChanged(userId, assetId, asset.amount(signed), BigDecimal.ZERO
                    .setScale(asset.scale()))));
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------------
    // Orders
    // ------------------------------------------------------------------------------------------------

    /**
     * Places an order, reserving its worst case first (see {@link PlaceOrder}). Refusals: UNKNOWN_ASSET,
     * NOT_A_MARKET, UNKNOWN_USER, MARKET_HALTED, MARKET_DELISTED, INVALID_ORDER (fields that do not fit the
     * type), INVALID_PRICE, OFF_TICK, INVALID_QUANTITY, TOO_MANY_DECIMALS, OFF_LOT, BELOW_MIN_QUANTITY,
     * INVALID_AMOUNT, OVERFLOW, INSUFFICIENT_FUNDS, IDEMPOTENCY_KEY_REUSED and the book's own (NO_LIQUIDITY,
     * POST_ONLY_WOULD_TAKE, FOK_NOT_FILLABLE, STOP_ALREADY_TRIGGERED).
     */
    public PlaceResult placeOrder(PlaceOrder request) {
        return placement(request).execute();
    }

    /** Places a one-cancels-other pair; the result's order is the limit leg. Refusals as {@link #placeOrder}. */
    public PlaceResult placeOco(PlaceOco request) {
        return placement(request).execute();
    }

    private MarketCommand<PlaceResult> placement(PlaceOrder request) {
        Objects.requireNonNull(request, "request");
        return placement(request.assetId(), rules -> Parsing.spec(request, rules));
    }

    private MarketCommand<PlaceResult> placement(PlaceOco request) {
        Objects.requireNonNull(request, "request");
        return placement(request.assetId(), rules -> Parsing.spec(request, rules));
    }

    /** A placement whose request {@code parser} converts to the market's units or refuses. */
    private MarketCommand<PlaceResult> placement(String assetId, Function<MarketRules, OrderSpec> parser) {
        MarketState state = marketState(assetId);
        if (state == null) {
            return new Refused<>(new PlaceResult.Rejected(unknownMarket(assetId)));
        }
        OrderSpec spec;
        try {
            spec = parser.apply(state.sizes());
        } catch (Parsing.Refusal refusal) {
            return new Refused<>(new PlaceResult.Rejected(refusal.reason));
        }
        return new MarketCommand<>(state) {
            @Override
            PlaceResult decide(MarketState state, MarketSession session) {
                return state.place(session, spec, this);
            }
        };
    }

    /**
     * Cancels a live order of its owner and releases its reservation (an OCO pair is cancelled together).
     * Refusals: UNKNOWN_ORDER (no such order, or no longer live), NOT_OWNER, MARKET_DELISTED.
     */
    public CancelResult cancelOrder(String userId, UUID orderId) {
        return cancellation(new CancelOrder(userId, orderId)).execute();
    }

    /** Cancels the user's order with this client order id; as {@link #cancelOrder}. */
    public CancelResult cancelOrderByClientId(String userId, String clientOrderId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return cancellation(userId, store.orderByClientId(userId, clientOrderId).orElse(null)).execute();
    }

    private MarketCommand<CancelResult> cancellation(CancelOrder request) {
        Objects.requireNonNull(request, "request");
        LiveOrder cached = liveOrders.get(request.orderId());
        if (cached != null) {
            return cancellation(request.userId(), request.orderId(), cached.bookId, cached.userId, true,
                    cached.market);
        }
        return cancellation(request.userId(), store.order(request.orderId()).orElse(null));
    }

    private MarketCommand<CancelResult> cancellation(String userId, OrderRecord stored) {
        if (stored == null) {
            return new Refused<>(new CancelResult.Rejected(RejectReason.UNKNOWN_ORDER));
        }
        return cancellation(userId, stored.id(), stored.bookId(), stored.userId(), stored.isLive(),
                marketState(stored.assetId()));
    }

    private MarketCommand<CancelResult> cancellation(String userId, UUID orderId, long bookId, String owner,
                                                     boolean live, MarketState state) {
        if (!owner.equals(userId)) {
            return new Refused<>(new CancelResult.Rejected(RejectReason.NOT_OWNER));
        }
        if (!live) {
            return new Refused<>(new CancelResult.Rejected(RejectReason.UNKNOWN_ORDER));
        }
        return new MarketCommand<>(state) {
            @Override
            CancelResult decide(MarketState state, MarketSession session) {
                return state.cancel(session, orderId, bookId, userId, this);
            }
        };
    }

    /**
     * Reduces or moves a live order of its owner. A reduce keeps the queue place and releases what the
     * removed quantity reserved; a move loses it, may trade, and for a buy reserves more first when the
     * price goes up. OCO legs cannot be amended (INVALID_ORDER). Other refusals: UNKNOWN_ORDER, NOT_OWNER,
     * MARKET_HALTED, MARKET_DELISTED, INVALID_QUANTITY, INVALID_PRICE, OFF_TICK, OFF_LOT,
     * BELOW_MIN_QUANTITY, INSUFFICIENT_FUNDS, POST_ONLY_WOULD_TAKE, STOP_ALREADY_TRIGGERED, OVERFLOW.
     */
    public AmendResult amendOrder(AmendOrder request) {
        return amendment(request).execute();
    }

    private MarketCommand<AmendResult> amendment(AmendOrder request) {
        Objects.requireNonNull(request, "request");
        LiveOrder cached = liveOrders.get(request.orderId());
        MarketState state;
        long bookId;
        if (cached != null) {
            if (!cached.userId.equals(request.userId())) {
                return new Refused<>(new AmendResult.Rejected(RejectReason.NOT_OWNER));
            }
            state = cached.market;
            bookId = cached.bookId;
        } else {
            OrderRecord stored = store.order(request.orderId()).orElse(null);
            if (stored == null) {
                return new Refused<>(new AmendResult.Rejected(RejectReason.UNKNOWN_ORDER));
            }
            if (!stored.userId().equals(request.userId())) {
                return new Refused<>(new AmendResult.Rejected(RejectReason.NOT_OWNER));
            }
            if (!stored.isLive()) {
                return new Refused<>(new AmendResult.Rejected(RejectReason.UNKNOWN_ORDER));
            }
            state = marketState(stored.assetId());
            bookId = stored.bookId();
        }
        MarketRules rules = state.sizes();
        boolean move = request.isMove();
        long value = move ? rules.priceTicks(request.newPrice()) : rules.quantityLots(request.newRemainingQuantity());
        if (MarketRules.isRejection(value)) {
            return new Refused<>(new AmendResult.Rejected(MarketRules.rejection(value)));
        }
        return new MarketCommand<>(state) {
            @Override
            AmendResult decide(MarketState state, MarketSession session) {
                return state.amend(session, request.orderId(), bookId, request.userId(), move, value, this);
            }
        };
    }

    // ------------------------------------------------------------------------------------------------
    // Batches
    // ------------------------------------------------------------------------------------------------

    /**
     * Runs order commands in their order and returns their results in the same order, each what the
     * command's own method would have returned had the commands been sent one after the other.
     *
     * <p>Consecutive commands of one market run in one unit of the store, up to
     * {@value #MAX_COMMANDS_PER_UNIT} of them: one transaction on PostgreSQL, one commit in memory. They
     * share the unit's time, each sees what the earlier ones did (the book, the funds they reserved or
     * released, the client order ids they placed), and they commit together. A command refused before it
     * reaches its market (unknown asset or order, not the owner, a value not exact for the market) is
     * answered without a unit and does not end one. Events are published after each unit commits, in the
     * commands' order.
     *
     * <p>A failure (an infrastructure error the store could not retry away, or a bug) throws: the units
     * that committed before it stay committed and the failing unit's commands are not applied, so a host
     * that cannot tell which ran retries with client order ids, which return the first result. A listener
     * that throws does not stop the batch: every unit runs and every committed command's events are
     * delivered, then the first listener failure is rethrown.
     */
    public List<OrderResult> execute(List<? extends OrderCommand> commands) {
        Objects.requireNonNull(commands, "commands");
        List<MarketCommand<? extends OrderResult>> resolved = new ArrayList<>(commands.size());
        for (OrderCommand command : commands) {
            resolved.add(resolve(Objects.requireNonNull(command, "command")));
        }
        RuntimeException listenerFailure = null;
        for (int start = 0; start < resolved.size(); ) {
            MarketState state = resolved.get(start).state;
            if (state == null) {
                start++;
                continue;
            }
            int end = start + 1;
            while (end < resolved.size() && end - start < MAX_COMMANDS_PER_UNIT
                    && (resolved.get(end).state == state || resolved.get(end).state == null)) {
                end++;
            }
            MarketBatch batch = new MarketBatch(state, resolved.subList(start, end));
            store.inMarket(state.assetId(), batch);
            listenerFailure = batch.publish(listenerFailure);
            start = end;
        }
        if (listenerFailure != null) {
            throw listenerFailure;
        }
        List<OrderResult> results = new ArrayList<>(resolved.size());
        for (MarketCommand<? extends OrderResult> command : resolved) {
            results.add(command.result);
        }
        return results;
    }

    private MarketCommand<? extends OrderResult> resolve(OrderCommand command) {
        if (command instanceof PlaceOrder placeOrder) {
            return placement(placeOrder);
        }
        if (command instanceof AmendOrder amendOrder) {
            return amendment(amendOrder);
        }
        if (command instanceof CancelOrder cancelOrder) {
            return cancellation(cancelOrder);
        }
        return placement((PlaceOco) command);
    }

    // ------------------------------------------------------------------------------------------------
    // Queries
    // ------------------------------------------------------------------------------------------------

    public Optional<Asset> asset(String assetId) {
        Asset cached = assetCache.get(assetId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Asset> stored = store.asset(assetId);
        stored.ifPresent(asset -> assetCache.put(assetId, asset));
        return stored;
    }

    /** Every asset with its current status. */
    public List<Asset> assets() {
        return store.assets();
    }

    /** The user's balances, one per asset the user ever held. */
    public List<Balance> balances(String userId) {
        List<Balance> result = new ArrayList<>();
        for (BalanceRecord record : store.balances(userId)) {
            result.add(balanceView(record));
        }
        return result;
    }

    /** The user's balance of one asset (zero when the user never held it). */
    public Balance balance(String userId, String assetId) {
        for (BalanceRecord record : store.balances(userId)) {
            if (record.assetId().equals(assetId)) {
                return balanceView(record);
            }
        }
        return balanceView(new BalanceRecord(userId, assetId, 0, 0));
    }

    /** The user's live orders in every market, oldest first. */
    public List<Order> openOrders(String userId) {
        List<Order> result = new ArrayList<>();
        for (OrderRecord record : store.openOrders(userId)) {
            result.add(new Order(record, marketRules(record.assetId())));
        }
        return result;
    }

    public Optional<Order> order(UUID orderId) {
        return store.order(orderId).map(record -> new Order(record, marketRules(record.assetId())));
    }

    public Optional<Order> orderByClientId(String userId, String clientOrderId) {
        return store.orderByClientId(userId, clientOrderId)
                .map(record -> new Order(record, marketRules(record.assetId())));
    }

    /** The market's latest trades, newest first. */
    public List<Trade> trades(String assetId, int limit) {
        MarketRules rules = marketRules(assetId);
        if (rules == null) {
            return List.of();
        }
        List<Trade> result = new ArrayList<>();
        for (TradeRecord record : store.marketTrades(assetId, checkedLimit(limit))) {
            result.add(new Trade(record, rules));
        }
        return result;
    }

    /** The user's latest trades as maker or taker in every market, newest first. */
    public List<Trade> userTrades(String userId, int limit) {
        List<Trade> result = new ArrayList<>();
        for (TradeRecord record : store.userTrades(userId, checkedLimit(limit))) {
            result.add(new Trade(record, marketRules(record.assetId())));
        }
        return result;
    }

    /** The user's latest journal entries, newest first. */
    public List<LedgerEntry> journal(String userId, int limit) {
        List<LedgerEntry> result = new ArrayList<>();
        for (JournalEntry entry : store.journal(userId, checkedLimit(limit))) {
            result.add(view(entry, asset(entry.assetId()).orElseThrow()));
        }
        return result;
    }

    /** The top {@code levels} price levels of each side at the market's current sequence. */
    public BookSnapshot depth(String assetId, int levels) {
        MarketRules rules = requireMarket(assetId);
        DepthAt depth = depthAt(assetId, levels);
        return new BookSnapshot(assetId, depth.sequence(), levels(depth.depth().bids(), rules),
                levels(depth.depth().asks(), rules), depth.takenAt());
    }

    /** The whole aggregated depth at the market's current sequence, also saved in the store. */
    public BookSnapshot snapshot(String assetId) {
        MarketRules rules = requireMarket(assetId);
        DepthAt depth = depthAt(assetId, Integer.MAX_VALUE);
        store.saveSnapshot(new DepthSnapshot(assetId, depth.sequence(), storedLevels(depth.depth().bids()),
                storedLevels(depth.depth().asks()), depth.takenAt()));
        return new BookSnapshot(assetId, depth.sequence(), levels(depth.depth().bids(), rules),
                levels(depth.depth().asks(), rules), depth.takenAt());
    }

    private MarketRules requireMarket(String assetId) {
        MarketRules rules = marketRules(assetId);
        if (rules == null) {
            throw new IllegalArgumentException("no market " + assetId);
        }
        return rules;
    }

    private DepthAt depthAt(String assetId, int levels) {
        if (levels < 0) {
            throw new IllegalArgumentException("levels must not be negative: " + levels);
        }
        return store.inMarket(assetId, new MarketWork<>() {
            @Override
            public DepthAt run(MarketSession session) {
                MarketState state = market(assetId);
                BookDepth depth = state.depth(session, levels);
                return new DepthAt(depth, state.sequence(), clock.instant());
            }

            @Override
            public void rolledBack() {
                market(assetId).invalidate();
            }
        });
    }

    private record DepthAt(BookDepth depth, long sequence, Instant takenAt) {
    }

    /**
     * Checks every invariant: the store's ({@link Audit}) and, per market, that the book is uncrossed and
     * equals a book rebuilt from the store.
     */
    public AuditReport audit() {
        List<String> breaks = new ArrayList<>(Audit.storeBreaks(store));
        for (Asset asset : store.assets()) {
            if (!asset.isMarket()) {
                continue;
            }
            List<String> marketBreaks = new ArrayList<>();
            store.inMarket(asset.id(), new MarketWork<Void>() {
                @Override
                public Void run(MarketSession session) {
                    marketBreaks.clear();
                    market(asset.id()).audit(session, marketBreaks);
                    return null;
                }

                @Override
                public void rolledBack() {
                    market(asset.id()).invalidate();
                }
            });
            breaks.addAll(marketBreaks);
        }
        return new AuditReport(breaks);
    }

    /** Adds a listener for events committed from now on. */
    public void addListener(TradingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(TradingListener listener) {
        listeners.remove(listener);
    }

    // ------------------------------------------------------------------------------------------------
    // Inside
    // ------------------------------------------------------------------------------------------------

    String feeAccount() {
        return feeAccount;
    }

    /** A new id made at {@code now}, a time read from the engine's clock. */
    UUID nextId(Instant now) {
        return timedIds != null ? timedIds.nextId(now.toEpochMilli()) : ids.nextId();
    }

    Instant now() {
        return clock.instant();
    }

    /** The user's book id, or 0 when the user does not exist. */
    long userNumber(String userId, MarketSession session) {
        Long known = userNumbers.get(userId);
        if (known != null) {
            return known;
        }
        return session.userExists(userId) ? knownUserNumber(userId) : 0;
    }

    /** Whether a command's outcome is needed for events: some listener is registered. */
    boolean publishesEvents() {
        return !listeners.isEmpty();
    }

    void indexLive(LiveOrder order) {
        liveOrders.put(order);
    }

    void unindexLive(LiveOrder order) {
        liveOrders.remove(order);
    }

    /** The book id of a user known to exist (an order of theirs is stored). */
    long knownUserNumber(String userId) {
        return userNumbers.computeIfAbsent(userId, id -> lastUserNumber.incrementAndGet());
    }

    private boolean userExists(String userId, LedgerSession session) {
        if (userNumbers.containsKey(userId)) {
            return true;
        }
        if (session.userExists(userId)) {
            knownUserNumber(userId);
            return true;
        }
        return false;
    }

    private MarketState market(String assetId) {
        MarketState state = marketState(assetId);
        if (state == null) {
            throw new IllegalArgumentException("no market " + assetId);
        }
        return state;
    }

    /** The engine's state of a market, or null when there is no such market. */
    private MarketState marketState(String assetId) {
        MarketState state = markets.get(assetId);
        if (state != null) {
            return state;
        }
        MarketRules rules = marketRules(assetId);
        return rules == null ? null : markets.computeIfAbsent(assetId, id -> new MarketState(this, id, rules));
    }

    /** The market's rules for conversions, or null when there is no such market. */
    private MarketRules marketRules(String assetId) {
        MarketRules cached = rulesCache.get(assetId);
        if (cached != null) {
            return cached;
        }
        Asset token = asset(assetId).orElse(null);
        if (token == null || !token.isMarket()) {
            return null;
        }
        Asset quote = asset(token.quoteAssetId()).orElse(null);
        MarketRules rules = MarketRules.of(token, quote);
        rulesCache.put(assetId, rules);
        return rules;
    }

    private RejectReason unknownMarket(String assetId) {
        if (marketRules(assetId) != null) {
            return null;
        }
        return asset(assetId).isPresent() ? RejectReason.NOT_A_MARKET : RejectReason.UNKNOWN_ASSET;
    }

    private Balance balanceView(BalanceRecord record) {
        Asset asset = asset(record.assetId()).orElseThrow();
        return new Balance(record.userId(), record.assetId(), asset.amount(record.availableMinor()),
                asset.amount(record.lockedMinor()));
    }

    private static LedgerEntry view(JournalEntry entry, Asset asset) {
        return new LedgerEntry(entry.id(), entry.userId(), entry.assetId(), entry.kind(),
                asset.amount(entry.amountMinor()), entry.tradeId(), entry.orderId(), entry.idempotencyKey(),
                entry.createdAt());
    }

    private static List<BookSnapshot.Level> levels(List<DepthLevel> levels, MarketRules rules) {
        List<BookSnapshot.Level> result = new ArrayList<>(levels.size());
        for (DepthLevel level : levels) {
            result.add(new BookSnapshot.Level(rules.price(level.priceTicks()), rules.quantity(level.totalLots()),
                    level.orderCount()));
        }
        return result;
    }

    private static List<DepthSnapshot.Level> storedLevels(List<DepthLevel> levels) {
        List<DepthSnapshot.Level> result = new ArrayList<>(levels.size());
        for (DepthLevel level : levels) {
            result.add(new DepthSnapshot.Level(level.priceTicks(), level.totalLots(), level.orderCount()));
        }
        return result;
    }

    private static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_QUERY_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_QUERY_LIMIT + ": " + limit);
        }
        return limit;
    }

    private void publish(MarketChanges changes, MarketRules rules) {
        if (changes == null || listeners.isEmpty()) {
            return;
        }
        List<TradingEvent> events = new ArrayList<>();
        for (TradeRecord trade : changes.trades()) {
            events.add(new TradingEvent.TradeExecuted(new Trade(trade, rules)));
        }
        for (OrderRecord order : changes.orders()) {
            events.add(new TradingEvent.OrderUpdated(new Order(order, rules)));
        }
        for (BalanceDelta delta : changes.balanceDeltas()) {
            Asset asset = delta.assetId().equals(rules.quote().id()) ? rules.quote() : rules.token();
            events.add(new TradingEvent.BalanceChanged(delta.userId(), delta.assetId(),
                    asset.amount(delta.availableMinor()), asset.amount(delta.lockedMinor())));
        }
        deliver(events);
    }

    private void deliver(List<TradingEvent> events) {
        RuntimeException failure = null;
        for (TradingEvent event : events) {
            for (TradingListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    failure = firstOf(failure, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The first failure, with later ones suppressed in it (a listener may throw one instance again). */
    private static RuntimeException firstOf(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        if (first != next) {
            first.addSuppressed(next);
        }
        return first;
    }

    /**
     * One market command as a store work: runs against the market's cached state, remembers the outcome
     * it applied, forgets the cached book when its unit is rolled back, and publishes after commit.
     */
    private abstract class MarketCommand<R> implements MarketWork<R>, MarketState.ChangesSink {
        /** Null for a command refused before it reached a market. */
        final MarketState state;
        private MarketChanges applied;
        /** The result once decided (run in a batch) or refused. */
        R result;

        MarketCommand(MarketState state) {
            this.state = state;
        }

        abstract R decide(MarketState state, MarketSession session);

        @Override
        public final R run(MarketSession session) {
            applied = null;
            return decide(state, session);
        }

        @Override
        public final void rolledBack() {
            applied = null;
            state.invalidate();
        }

        @Override
        public final void applied(MarketChanges changes) {
            applied = changes;
        }

        final R execute() {
            if (state == null) {
                return result;
            }
            R committed = store.inMarket(state.assetId(), this);
            publish(applied, state.sizes());
            return committed;
        }
    }

    /** A command answered without a unit: it was refused before it reached a market. */
    private final class Refused<R> extends MarketCommand<R> {
        Refused(R rejection) {
            super(null);
            result = rejection;
        }

        @Override
        R decide(MarketState state, MarketSession session) {
            throw new IllegalStateException("a refused command runs in no unit");
        }
    }

    /** Consecutive commands of one market as one work: their outcomes merged into one (see {@link #execute}). */
    private final class MarketBatch implements MarketWork<Void> {
        private final MarketState state;
        private final List<MarketCommand<? extends OrderResult>> commands;

        MarketBatch(MarketState state, List<MarketCommand<? extends OrderResult>> commands) {
            this.state = state;
            this.commands = commands;
        }

        @Override
        public Void run(MarketSession session) {
            state.openBatch(session);
            boolean closed = false;
            try {
                for (MarketCommand<? extends OrderResult> command : commands) {
                    if (command.state != null) {
                        decide(command, session);
                    }
                }
                state.closeBatch(session);
                closed = true;
            } finally {
                if (!closed) {
                    state.abandonBatch();
                }
            }
            return null;
        }

        private <R> void decide(MarketCommand<R> command, MarketSession session) {
            command.result = command.run(session);
        }

        @Override
        public void rolledBack() {
            for (MarketCommand<? extends OrderResult> command : commands) {
                if (command.state != null) {
                    command.rolledBack();
                }
            }
        }

        /** Publishes every command's events; returns {@code failure} or the first listener failure. */
        RuntimeException publish(RuntimeException failure) {
            for (MarketCommand<? extends OrderResult> command : commands) {
                if (command.state == null) {
                    continue;
                }
                try {
                    TradingEngine.this.publish(command.applied, state.sizes());
                } catch (RuntimeException listenerFailed) {
                    failure = firstOf(failure, listenerFailed);
                }
            }
            return failure;
        }
    }

    /**
     * Builds an engine. Required: {@link #store} and {@link #feeAccount}. Defaults: the system clock and
     * UUIDv7 ids from it, no listeners. Not thread-safe; build on one thread.
     */
    public static final class Builder {
        private TradingStore store;
        private String feeAccount;
        private InstantSource clock = new MillisecondClock();
        private IdGenerator ids;
        private final List<TradingListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** Where assets, orders, trades, the journal and balances live. Required. */
        public Builder store(TradingStore tradingStore) {
            this.store = Objects.requireNonNull(tradingStore, "store");
            return this;
        }

        /** The user that receives every fee; it must exist in the store. Required. */
        public Builder feeAccount(String userId) {
            this.feeAccount = Objects.requireNonNull(userId, "feeAccount");
            return this;
        }

        /**
         * The time source of orders, trades and journal entries. Default: the system clock at millisecond
         * precision (commands within one millisecond share a time; their ids and sequences order them).
         */
        public Builder clock(InstantSource instantSource) {
            this.clock = Objects.requireNonNull(instantSource, "clock");
            return this;
        }

        /** The id source. Default: {@link IdGenerator#uuidV7} over the clock. */
        public Builder ids(IdGenerator idGenerator) {
            this.ids = Objects.requireNonNull(idGenerator, "ids");
            return this;
        }

        public Builder listener(TradingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @throws IllegalStateException when the store or the fee account is missing, or the fee account
         *                               is not a user of the store
         */
        public TradingEngine build() {
            if (store == null) {
                throw new IllegalStateException("a store is required");
            }
            if (feeAccount == null) {
                throw new IllegalStateException("a fee account is required");
            }
            if (!store.userExists(feeAccount)) {
                throw new IllegalStateException("the fee account " + feeAccount + " is not a user of the store");
            }
            return new TradingEngine(this);
        }
    }
}
