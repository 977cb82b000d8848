-- error: a second WHERE clause; combine conditions with AND
-- at: 3:56
SELECT order_id FROM customer_orders WHERE amount > 10 WHERE status = 'open';
