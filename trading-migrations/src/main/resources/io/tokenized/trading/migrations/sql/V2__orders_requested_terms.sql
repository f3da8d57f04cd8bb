-- The terms an order was placed with: its quantity, limit price and stop price. A reduce lowers
-- orders.quantity and a move changes orders.price (or orders.stop_price of a pending stop), so without
-- them a client that retries its placement after an amend would be told its client order id was reused
-- for another request.
-- Every object of ours is qualified with ${trading_schema}; the auth tables are not touched.

alter table ${trading_schema}.orders
    add column requested_quantity numeric(38, 18),
    add column requested_price numeric(38, 18),
    add column requested_stop_price numeric(38, 18);

-- rows of version 1 kept no trace of an amend: their current terms are the best record of the request
update ${trading_schema}.orders
   set requested_quantity = quantity, requested_price = price, requested_stop_price = stop_price;

alter table ${trading_schema}.orders
    add constraint orders_requested_quantity_positive check (requested_quantity is null or requested_quantity > 0),
    -- like quantity, absent for a market buy sized by a quote budget
    add constraint orders_requested_quantity_with_quantity check ((requested_quantity is null) = (quantity is null)),
    -- a reduce only lowers the quantity
    add constraint orders_quantity_within_requested check (quantity is null or quantity <= requested_quantity),
    add constraint orders_requested_price_positive check (requested_price is null or requested_price > 0),
    add constraint orders_requested_stop_price_positive
        check (requested_stop_price is null or requested_stop_price > 0),
    -- a move changes the limit or stop price but never adds or removes one
    add constraint orders_requested_price_with_price check ((requested_price is null) = (price is null)),
    add constraint orders_requested_stop_price_with_stop_price
        check ((requested_stop_price is null) = (stop_price is null));
