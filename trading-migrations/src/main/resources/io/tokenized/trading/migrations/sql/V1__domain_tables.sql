-- Domain tables of the trading library, beside a host's auth tables.
-- Every object of ours is qualified with ${trading_schema}. The auth user table is named only in the
-- REFERENCES clauses at the end, which run only when ${create_user_foreign_keys} is true.
-- Amounts are numeric(38,18): exact decimals as the API shows them, never floating point.

create table ${trading_schema}.tokenized_assets (
    id             text        not null primary key,
    kind           text        not null,
    name           text        not null,
    scale          integer     not null,
    quote_asset_id text        references ${trading_schema}.tokenized_assets (id) on delete restrict,
    tick_size      numeric(38, 18),
    lot_size       numeric(38, 18),
    min_quantity   numeric(38, 18),
    maker_fee_bps  integer     not null default 0,
    taker_fee_bps  integer     not null default 0,
    status         text        not null default 'ACTIVE',
    sequence       bigint      not null default 0,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint tokenized_assets_code_format check (id ~ '^[A-Z][A-Z0-9]{0,31}$'),
    constraint tokenized_assets_kind_known check (kind in ('CASH', 'TOKEN')),
    constraint tokenized_assets_scale_range check (scale between 0 and 18),
    constraint tokenized_assets_fees_range check (maker_fee_bps between 0 and 10000
                                                 and taker_fee_bps between 0 and 10000),
    constraint tokenized_assets_status_known check (status in ('ACTIVE', 'HALTED', 'DELISTED')),
    constraint tokenized_assets_sequence_not_negative check (sequence >= 0),
    -- cash has no market; a token is a market quoted in another asset, with positive trading rules
    -- (spelled out as "is not null": a check that evaluates to null passes)
    constraint tokenized_assets_market_rules check (
        (kind = 'CASH' and quote_asset_id is null and tick_size is null and lot_size is null and min_quantity is null)
        or (kind = 'TOKEN' and quote_asset_id is not null and quote_asset_id <> id
            and tick_size is not null and lot_size is not null and min_quantity is not null
            and tick_size > 0 and lot_size > 0 and min_quantity > 0))
);

create table ${trading_schema}.orders (
    id                    uuid            not null primary key,
    user_id               ${user_id_type} not null,
    asset_id              text            not null references ${trading_schema}.tokenized_assets (id) on delete restrict,
    book_id               bigint          not null,
    client_order_id       text,
    side                  text            not null,
    type                  text            not null,
    time_in_force         text            not null,
    post_only             boolean         not null default false,
    self_trade_prevention text            not null default 'CANCEL_TAKER',
    price                 numeric(38, 18),
    stop_price            numeric(38, 18),
    quantity              numeric(38, 18),
    quote_budget          numeric(38, 18),
    filled_quantity       numeric(38, 18) not null default 0,
    filled_quote          numeric(38, 18) not null default 0,
    locked_amount         numeric(38, 18) not null default 0,
    locked_asset_id       text            references ${trading_schema}.tokenized_assets (id) on delete restrict,
    status                text            not null,
    cancel_reason         text,
    oco_sibling_id        uuid,
    sequence              bigint          not null,
    priority              bigint          not null,
    created_at            timestamptz     not null default now(),
    updated_at            timestamptz     not null default now(),
    constraint orders_book_id_unique unique (asset_id, book_id),
    constraint orders_client_order_id_unique unique (user_id, client_order_id),
    constraint orders_side_known check (side in ('BUY', 'SELL')),
    constraint orders_type_known check (type in ('LIMIT', 'MARKET', 'STOP_LIMIT', 'STOP_MARKET')),
    constraint orders_time_in_force_known check (time_in_force in ('GTC', 'IOC', 'FOK')),
    constraint orders_self_trade_prevention_known check (
        self_trade_prevention in ('CANCEL_TAKER', 'CANCEL_MAKER', 'CANCEL_BOTH')),
    constraint orders_status_known check (status in ('PENDING', 'OPEN', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED')),
    constraint orders_price_positive check (price is null or price > 0),
    constraint orders_stop_price_positive check (stop_price is null or stop_price > 0),
    constraint orders_quantity_positive check (quantity is null or quantity > 0),
    constraint orders_quote_budget_positive check (quote_budget is null or quote_budget > 0),
    -- an order is sized by quantity, or (a market buy) by a quote budget
    constraint orders_sized check (quantity is not null or quote_budget is not null),
    constraint orders_limit_has_price check (type not in ('LIMIT', 'STOP_LIMIT') or price is not null),
    constraint orders_stop_has_stop_price check (type not in ('STOP_LIMIT', 'STOP_MARKET') or stop_price is not null),
    constraint orders_filled_within_quantity check (
        filled_quantity >= 0 and (quantity is null or filled_quantity <= quantity)),
    constraint orders_filled_quote_not_negative check (filled_quote >= 0),
    constraint orders_locked_not_negative check (locked_amount >= 0),
    constraint orders_lock_names_asset check (locked_amount = 0 or locked_asset_id is not null),
    -- priority is the order's queue ticket (taken at or after its placing sequence); 0 for an order that
    -- never took a queue place (filled or cancelled on arrival)
    constraint orders_sequence_not_negative check (sequence >= 0 and (priority = 0 or priority >= sequence))
);

-- the open book of a market, in matching order
create index orders_open_book_idx on ${trading_schema}.orders (asset_id, side, price, priority)
    where status in ('OPEN', 'PARTIALLY_FILLED');
-- stops waiting for their trigger price
create index orders_pending_stops_idx on ${trading_schema}.orders (asset_id, sequence)
    where status = 'PENDING';
create index orders_user_created_idx on ${trading_schema}.orders (user_id, created_at desc);
create index orders_user_open_idx on ${trading_schema}.orders (user_id)
    where status in ('PENDING', 'OPEN', 'PARTIALLY_FILLED');

create table ${trading_schema}.trades (
    id             uuid            not null primary key,
    asset_id       text            not null references ${trading_schema}.tokenized_assets (id) on delete restrict,
    sequence       bigint          not null,
    price          numeric(38, 18) not null,
    quantity       numeric(38, 18) not null,
    quote_amount   numeric(38, 18) not null,
    maker_order_id uuid            not null references ${trading_schema}.orders (id) on delete restrict,
    taker_order_id uuid            not null references ${trading_schema}.orders (id) on delete restrict,
    maker_user_id  ${user_id_type} not null,
    taker_user_id  ${user_id_type} not null,
    taker_side     text            not null,
    maker_fee      numeric(38, 18) not null default 0,
    taker_fee      numeric(38, 18) not null default 0,
    executed_at    timestamptz     not null,
    constraint trades_amounts_positive check (price > 0 and quantity > 0 and quote_amount > 0),
    constraint trades_taker_side_known check (taker_side in ('BUY', 'SELL')),
    constraint trades_fees_not_negative check (maker_fee >= 0 and taker_fee >= 0),
    constraint trades_distinct_orders check (maker_order_id <> taker_order_id)
);

create index trades_asset_executed_idx on ${trading_schema}.trades (asset_id, executed_at desc);
create index trades_asset_sequence_idx on ${trading_schema}.trades (asset_id, sequence);
create index trades_maker_user_executed_idx on ${trading_schema}.trades (maker_user_id, executed_at desc);
create index trades_taker_user_executed_idx on ${trading_schema}.trades (taker_user_id, executed_at desc);

-- the append-only journal: every movement of ownership, never updated, never deleted
create table ${trading_schema}.transactions (
    id              uuid            not null primary key,
    user_id         ${user_id_type} not null,
    asset_id        text            not null references ${trading_schema}.tokenized_assets (id) on delete restrict,
    kind            text            not null,
    amount          numeric(38, 18) not null,
    trade_id        uuid            references ${trading_schema}.trades (id) on delete restrict,
    order_id        uuid,
    idempotency_key text,
    reverses_id     uuid            references ${trading_schema}.transactions (id) on delete restrict,
    created_at      timestamptz     not null default now(),
    constraint transactions_idempotency_key_unique unique (user_id, idempotency_key),
    constraint transactions_kind_known check (kind in ('DEPOSIT', 'WITHDRAWAL', 'TRADE', 'FEE', 'REVERSAL')),
    -- signed: + credits the user's total balance, - debits it
    constraint transactions_amount_not_zero check (amount <> 0),
    constraint transactions_reversal_names_entry check ((kind = 'REVERSAL') = (reverses_id is not null))
);

create index transactions_user_created_idx on ${trading_schema}.transactions (user_id, created_at desc);
create index transactions_trade_idx on ${trading_schema}.transactions (trade_id);
create index transactions_asset_idx on ${trading_schema}.transactions (asset_id);

create function ${trading_schema}.transactions_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'transactions is append-only: % refused; record a reversing entry instead', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger transactions_append_only
    before update or delete on ${trading_schema}.transactions
    for each row execute function ${trading_schema}.transactions_refuse_change();

-- truncate bypasses row triggers; refuse it too
create trigger transactions_no_truncate
    before truncate on ${trading_schema}.transactions
    for each statement execute function ${trading_schema}.transactions_refuse_change();

create table ${trading_schema}.user_balances (
    user_id    ${user_id_type} not null,
    asset_id   text            not null references ${trading_schema}.tokenized_assets (id) on delete restrict,
    available  numeric(38, 18) not null default 0,
    locked     numeric(38, 18) not null default 0,
    updated_at timestamptz     not null default now(),
    constraint user_balances_pkey primary key (user_id, asset_id),
    constraint user_balances_available_not_negative check (available >= 0),
    constraint user_balances_locked_not_negative check (locked >= 0)
);

create index user_balances_asset_idx on ${trading_schema}.user_balances (asset_id);

create table ${trading_schema}.order_book_snapshots (
    id       bigint generated always as identity primary key,
    asset_id text        not null references ${trading_schema}.tokenized_assets (id) on delete restrict,
    sequence bigint      not null,
    bids     jsonb       not null,
    asks     jsonb       not null,
    taken_at timestamptz not null,
    constraint order_book_snapshots_sequence_unique unique (asset_id, sequence),
    constraint order_book_snapshots_levels_are_arrays check (
        jsonb_typeof(bids) = 'array' and jsonb_typeof(asks) = 'array')
);

-- Financial records outlive a deleted login: deleting a user who traded is refused.
do
$$
begin
    if ${create_user_foreign_keys} then
        alter table ${trading_schema}.orders add constraint orders_user_fk foreign key (user_id)
            references ${auth_user_schema}.${auth_user_table} (${auth_user_id_column}) on delete restrict;
        alter table ${trading_schema}.trades add constraint trades_maker_user_fk foreign key (maker_user_id)
            references ${auth_user_schema}.${auth_user_table} (${auth_user_id_column}) on delete restrict;
        alter table ${trading_schema}.trades add constraint trades_taker_user_fk foreign key (taker_user_id)
            references ${auth_user_schema}.${auth_user_table} (${auth_user_id_column}) on delete restrict;
        alter table ${trading_schema}.transactions add constraint transactions_user_fk foreign key (user_id)
            references ${auth_user_schema}.${auth_user_table} (${auth_user_id_column}) on delete restrict;
        alter table ${trading_schema}.user_balances add constraint user_balances_user_fk foreign key (user_id)
            references ${auth_user_schema}.${auth_user_table} (${auth_user_id_column}) on delete restrict;
    end if;
end
$$;
