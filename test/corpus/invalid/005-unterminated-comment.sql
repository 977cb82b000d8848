-- error: block comment /* is never closed
-- at: 3:17
SELECT order_id /* this comment never ends
FROM customer_orders;
