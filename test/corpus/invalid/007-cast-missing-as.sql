-- error: CAST needs AS between the value and the target type
-- at: 3:22
SELECT CAST(order_id STRING) FROM customer_orders;
