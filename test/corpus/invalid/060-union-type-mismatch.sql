-- error: UNION column 1 mixes BIGINT and DATE, which have no common type
-- at: 14:1
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

SELECT order_id FROM customer_orders
UNION
SELECT order_date FROM customer_orders;
