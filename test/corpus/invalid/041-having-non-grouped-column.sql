-- error: HAVING refers to amount, which is neither grouped nor aggregated
-- at: 13:79
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

SELECT customer_id, COUNT(*) FROM customer_orders GROUP BY customer_id HAVING amount > 10;
