-- The quantity an order was placed with. A reduce lowers orders.quantity, so without it a client that
-- retries its placement after a reduce would be told its client order id was reused for another request.
-- Every object of ours is qualified with ${trading_schema}; the auth tables are not touched.

alter table ${trading_schema}.orders add column requested_quantity numeric(38, 18);

-- rows of version 1 kept no trace of a reduce: their current quantity is the best record of the request
update ${trading_schema}.orders set requested_quantity = quantity where quantity is not null;

alter table ${trading_schema}.orders
    add constraint orders_requested_quantity_positive check (requested_quantity is null or requested_quantity > 0),
    -- like quantity, absent for a market buy sized by a quote budget
    add constraint orders_requested_quantity_with_quantity check ((requested_quantity is null) = (quantity is null)),
    -- a reduce only lowers the quantity
    add constraint orders_quantity_within_requested check (quantity is null or quantity <= requested_quantity);
