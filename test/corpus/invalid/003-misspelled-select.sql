-- error: misspelled keyword SELEC at the start of the statement
-- at: 3:1
SELEC order_id FROM customer_orders;
