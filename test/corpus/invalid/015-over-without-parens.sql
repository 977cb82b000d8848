-- error: OVER must be followed by a window name or a parenthesised window specification
-- at: 3:22
SELECT COUNT(*) OVER PARTITION BY customer_id ORDER BY order_time FROM customer_orders;
