-- error: string literal is never closed
-- at: 3:53
SELECT order_id FROM customer_orders WHERE status = 'open;
