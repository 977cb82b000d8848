-- error: status is neither grouped nor aggregated
-- at: 13:21
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

SELECT customer_id, status, COUNT(*) FROM customer_orders GROUP BY customer_id;
