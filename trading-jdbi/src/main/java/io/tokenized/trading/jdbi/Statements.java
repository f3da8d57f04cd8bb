package io.tokenized.trading.jdbi;

/**
 * Every SQL statement of the store, rendered once with the configured schema and the user id type, so
 * no statement depends on {@code search_path} and the hot path renders no templates. User ids travel as
 * text and are cast to the column type in SQL (text or uuid, as the migrations created them).
 *
 * <p>Immutable and thread-safe.
 */
final class Statements {

    static final String ASSET_COLUMNS = "id, kind, name, scale, quote_asset_id, tick_size, lot_size, min_quantity, "
            + "maker_fee_bps, taker_fee_bps, status, sequence";
    /** Timestamps come back as epoch microseconds: cheaper to map than text by far when a book is rebuilt. */
    static final String ORDER_COLUMNS = "id, user_id::text, asset_id, book_id, client_order_id, side, type, "
            + "time_in_force, post_only, self_trade_prevention, price, stop_price, quantity, requested_quantity, "
            + "requested_price, requested_stop_price, quote_budget, filled_quantity, filled_quote, locked_amount, "
            + "locked_asset_id, status, cancel_reason, oco_sibling_id, sequence, priority, " + micros("created_at")
            + ", " + micros("updated_at");
    static final String TRADE_COLUMNS = "id, asset_id, sequence, price, quantity, quote_amount, maker_order_id, "
            + "taker_order_id, maker_user_id::text, taker_user_id::text, taker_side, maker_fee, taker_fee, "
            + micros("executed_at");
    static final String JOURNAL_COLUMNS = "id, user_id::text, asset_id, kind, amount, trade_id, order_id, "
            + "idempotency_key, reverses_id, " + micros("created_at");
    static final String LIVE = "'PENDING', 'OPEN', 'PARTIALLY_FILLED'";

    final String schemaVersion;
    final String userIdType;
    private final String ordersTable;

    final String lockMarket;
    final String asset;
    final String assets;
    final String insertAsset;
    final String updateMarket;
    final String sequence;

    final String userExists;

    /** The market lock, then (a statement of its own, so a snapshot taken after the lock) the market row. */
    final String lockMarketThenAsset;
    /** Positional variants, for statements sent together in one {@link RoundTrip}. */
    final String updateMarketPositional;
    final String ensureBalancesPositional;
    final String lockBalancesPositional;

    final String balance;
    final String ensureBalances;
    final String lockBalances;
    final String updateBalances;
    final String balancesOfUser;
    final String allBalances;

    final String upsertOrder;
    final String orderById;
    final String orderByClientId;
    final String liveOrders;
    final String liveOrdersInPriorityOrder;
    final String openOrdersOfUser;
    final String orderState;

    final String insertTrade;
    final String lastTradePrice;
    final String marketTrades;
    final String userTrades;
    final String tradeExists;

    final String insertJournal;
    final String journalByKey;
    final String journalOfUser;
    final String journalExists;

    final String snapshotFromOrders;
    final String insertSnapshot;
    final String snapshotHeaders;
    final String snapshotHeaderAt;
    final String snapshotLevels;

    final String journalTotals;
    final String orderFills;
    final String tradeLegTotals;

    Statements(String schema, String userIdType, String authSchema, String authTable, String authIdColumn) {
        String s = quote(schema) + ".";
        String user = "cast(:userId as " + userIdType + ")";
        this.userIdType = userIdType;
        this.ordersTable = s + "orders";
        this.schemaVersion = "select version, success from " + s + "trading_schema_history "
                + "order by installed_rank desc";

        this.lockMarket = "select 1 from pg_advisory_xact_lock(:key)";
        this.asset = "select " + ASSET_COLUMNS + " from " + s + "tokenized_assets where id = :id";
        this.assets = "select " + ASSET_COLUMNS + " from " + s + "tokenized_assets order by id collate \"C\"";
        this.insertAsset = "insert into " + s + "tokenized_assets (id, kind, name, scale, quote_asset_id, tick_size, "
                + "lot_size, min_quantity, maker_fee_bps, taker_fee_bps, status, sequence) values (:id, :kind, :name, "
                + ":scale, :quoteAssetId, :tickSize, :lotSize, :minQuantity, :makerFeeBps, :takerFeeBps, :status, 0)";
        this.updateMarket = "update " + s + "tokenized_assets set sequence = :sequence, status = :status, "
                + "updated_at = now() where id = :id";
        this.sequence = "select sequence from " + s + "tokenized_assets where id = :id";

        this.userExists = "select exists (select 1 from " + quote(authSchema) + "." + quote(authTable) + " where "
                + quote(authIdColumn) + " = " + user + ")";

        String keys = "unnest(cast(:userIds as text[]), cast(:assetIds as text[])) as k(user_id, asset_id)";
        this.balance = "select available, locked from " + s + "user_balances where user_id = " + user
                + " and asset_id = :assetId";
        this.ensureBalances = "insert into " + s + "user_balances (user_id, asset_id) select cast(k.user_id as "
                + userIdType + "), k.asset_id from " + keys + " order by 1, 2 on conflict do nothing";
        // FOR UPDATE after ORDER BY: rows are locked in the sorted order, one order for every unit.
        this.lockBalances = "select user_id::text, asset_id, available, locked from " + s + "user_balances "
                + "where (user_id, asset_id) in (select cast(k.user_id as " + userIdType + "), k.asset_id from "
                + keys + ") order by user_id, asset_id for update";
        this.updateBalances = "update " + s + "user_balances b set available = b.available + d.available, "
                + "locked = b.locked + d.locked, updated_at = now() from unnest(cast(:userIds as text[]), "
                + "cast(:assetIds as text[]), cast(:available as numeric[]), cast(:locked as numeric[])) "
                + "as d(user_id, asset_id, available, locked) where b.user_id = cast(d.user_id as " + userIdType
                + ") and b.asset_id = d.asset_id";
        this.lockMarketThenAsset = RoundTrip.positional(lockMarket) + ";\n" + RoundTrip.positional(asset);
        this.updateMarketPositional = RoundTrip.positional(updateMarket);
        this.ensureBalancesPositional = RoundTrip.positional(ensureBalances);
        this.lockBalancesPositional = RoundTrip.positional(lockBalances);
        this.balancesOfUser = "select user_id::text, asset_id, available, locked from " + s + "user_balances "
                + "where user_id = " + user + " order by asset_id collate \"C\"";
        this.allBalances = "select user_id::text, asset_id, available, locked from " + s + "user_balances";

        // What an order is (side, type, requested terms, ...) is written once; a conflict updates its state.
        this.upsertOrder = "insert into " + s + "orders (id, user_id, asset_id, book_id, client_order_id, side, type, "
                + "time_in_force, post_only, self_trade_prevention, price, stop_price, quantity, requested_quantity, "
                + "requested_price, requested_stop_price, quote_budget, filled_quantity, filled_quote, locked_amount, "
                + "locked_asset_id, status, cancel_reason, oco_sibling_id, sequence, priority, created_at, updated_at) "
                + "values (:id, " + user + ", :assetId, :bookId, :clientOrderId, :side, :type, :timeInForce, "
                + ":postOnly, :selfTradePrevention, :price, :stopPrice, :quantity, :requestedQuantity, "
                + ":requestedPrice, :requestedStopPrice, :quoteBudget, :filledQuantity, :filledQuote, :lockedAmount, "
                + ":lockedAssetId, :status, :cancelReason, cast(:ocoSiblingId as uuid), :sequence, :priority, "
                + ":createdAt, :updatedAt) "
                + "on conflict (id) do update set price = excluded.price, "
                + "stop_price = excluded.stop_price, quantity = excluded.quantity, "
                + "filled_quantity = excluded.filled_quantity, filled_quote = excluded.filled_quote, "
                + "locked_amount = excluded.locked_amount, status = excluded.status, "
                + "cancel_reason = excluded.cancel_reason, oco_sibling_id = excluded.oco_sibling_id, "
                + "priority = excluded.priority, updated_at = excluded.updated_at";
        this.orderById = "select " + ORDER_COLUMNS + " from " + s + "orders where id = :id";
        this.orderByClientId = "select " + ORDER_COLUMNS + " from " + s + "orders where user_id = " + user
                + " and client_order_id = :clientOrderId";
        // Two arms so each uses its partial index (open book, pending stops) instead of scanning all orders.
        this.liveOrders = "select " + ORDER_COLUMNS + " from " + s + "orders where asset_id = :assetId and status in "
                + "('OPEN', 'PARTIALLY_FILLED') union all select " + ORDER_COLUMNS + " from " + s + "orders "
                + "where asset_id = :assetId and status = 'PENDING'";
        this.liveOrdersInPriorityOrder = "select * from (" + liveOrders + ") live "
                + "order by status = 'PENDING', priority, book_id";
        this.openOrdersOfUser = "select " + ORDER_COLUMNS + " from " + s + "orders where user_id = " + user
                + " and status in (" + LIVE + ") order by created_at, id";
        this.orderState = "select status, " + micros("updated_at") + " from " + s + "orders where id = :id";

        this.insertTrade = "insert into " + s + "trades (id, asset_id, sequence, price, quantity, quote_amount, "
                + "maker_order_id, taker_order_id, maker_user_id, taker_user_id, taker_side, maker_fee, taker_fee, "
                + "executed_at) values (:id, :assetId, :sequence, :price, :quantity, :quoteAmount, :makerOrderId, "
                + ":takerOrderId, cast(:makerUserId as " + userIdType + "), cast(:takerUserId as " + userIdType
                + "), :takerSide, :makerFee, :takerFee, :executedAt)";
        this.lastTradePrice = "select price from " + s + "trades where asset_id = :assetId "
                + "order by sequence desc, id desc limit 1";
        this.marketTrades = "select " + TRADE_COLUMNS + " from " + s + "trades where asset_id = :assetId "
                + "order by sequence desc, id desc limit :limit";
        this.userTrades = "select " + TRADE_COLUMNS + " from " + s + "trades where maker_user_id = " + user
                + " or taker_user_id = " + user + " order by executed_at desc, sequence desc, id desc limit :limit";
        this.tradeExists = "select exists (select 1 from " + s + "trades where id = :id)";

        this.insertJournal = "insert into " + s + "transactions (id, user_id, asset_id, kind, amount, trade_id, "
                + "order_id, idempotency_key, reverses_id, created_at) values (:id, " + user + ", :assetId, :kind, "
                + ":amount, cast(:tradeId as uuid), cast(:orderId as uuid), :idempotencyKey, cast(:reversesId as uuid), :createdAt)";
        this.journalByKey = "select " + JOURNAL_COLUMNS + " from " + s + "transactions where user_id = " + user
                + " and idempotency_key = :idempotencyKey";
        this.journalOfUser = "select " + JOURNAL_COLUMNS + " from " + s + "transactions where user_id = " + user
                + " order by created_at desc, id desc limit :limit";
        this.journalExists = "select exists (select 1 from " + s + "transactions where id = :id)";

        this.snapshotFromOrders = "with levels as (select side, price, sum(quantity - filled_quantity) as quantity, "
                + "count(*) as orders from " + s + "orders where asset_id = :assetId and status in "
                + "('OPEN', 'PARTIALLY_FILLED') group by side, price) insert into " + s + "order_book_snapshots "
                + "(asset_id, sequence, bids, asks, taken_at) select :assetId, :sequence, "
                + "coalesce((select jsonb_agg(" + level() + " order by price desc) from levels where side = 'BUY'), "
                + "'[]'::jsonb), coalesce((select jsonb_agg(" + level() + " order by price) from levels "
                + "where side = 'SELL'), '[]'::jsonb), :takenAt on conflict (asset_id, sequence) do nothing";
        this.insertSnapshot = "insert into " + s + "order_book_snapshots (asset_id, sequence, bids, asks, taken_at) "
                + "values (:assetId, :sequence, cast(:bids as jsonb), cast(:asks as jsonb), :takenAt) "
                + "on conflict (asset_id, sequence) do nothing";
        this.snapshotHeaders = "select id, sequence, " + micros("taken_at") + " from " + s + "order_book_snapshots "
                + "where asset_id = :assetId order by sequence desc limit :limit";
        this.snapshotHeaderAt = "select id, sequence, " + micros("taken_at") + " from " + s
                + "order_book_snapshots where asset_id = :assetId and sequence <= :sequence "
                + "order by sequence desc limit 1";
        this.snapshotLevels = "select 0 as side, e.ordinality, e.value ->> 'price', e.value ->> 'quantity', "
                + "(e.value ->> 'orders')::int from " + s + "order_book_snapshots n cross join lateral "
                + "jsonb_array_elements(n.bids) with ordinality as e where n.id = :id union all "
                + "select 1, e.ordinality, e.value ->> 'price', e.value ->> 'quantity', (e.value ->> 'orders')::int "
                + "from " + s + "order_book_snapshots n cross join lateral jsonb_array_elements(n.asks) "
                + "with ordinality as e where n.id = :id order by 1, 2";

        this.journalTotals = "select user_id::text, asset_id, kind, sum(amount), count(*) from " + s + "transactions "
                + "group by user_id, asset_id, kind";
        this.orderFills = "select o.id, o.asset_id, o.quantity, o.filled_quantity, o.filled_quote, t.quantity, "
                + "t.quote_amount from " + s + "orders o left join (select order_id, sum(quantity) as quantity, "
                + "sum(quote_amount) as quote_amount from (select maker_order_id as order_id, quantity, quote_amount "
                + "from " + s + "trades union all select taker_order_id, quantity, quote_amount from " + s + "trades) x "
                + "group by order_id) t on t.order_id = o.id where o.filled_quantity > 0 or t.order_id is not null";
        this.tradeLegTotals = "select trade_id, asset_id, sum(amount), count(*) from " + s + "transactions "
                + "where trade_id is not null group by trade_id, asset_id";
    }

    /** The COPY that streams a market's live orders for a rebuild (see {@link LiveOrderCopy}). */
    String liveOrdersCopy(String assetId) {
        return LiveOrderCopy.sql(ordersTable, assetId);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String micros(String column) {
        return "cast(extract(epoch from " + column + ") * 1000000 as bigint)";
    }

    private static String level() {
        return "jsonb_build_object('price', trim_scale(price), 'quantity', trim_scale(quantity), 'orders', orders)";
    }
}
