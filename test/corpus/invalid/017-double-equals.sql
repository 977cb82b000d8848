-- error: two '=' in a row; the second '=' cannot start an expression
-- at: 3:55
SELECT order_id FROM customer_orders WHERE order_id = = 1;
