-- error: LIMIT takes an unsigned integer, not a string literal
-- at: 3:44
SELECT order_id FROM customer_orders LIMIT 'ten';
