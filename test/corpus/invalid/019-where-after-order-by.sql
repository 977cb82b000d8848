-- error: WHERE cannot follow ORDER BY
-- at: 3:58
SELECT order_id FROM customer_orders ORDER BY order_time WHERE amount > 1;
