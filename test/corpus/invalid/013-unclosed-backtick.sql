-- error: quoted identifier opened with a backtick is never closed
-- at: 3:8
SELECT `order_id FROM customer_orders;
