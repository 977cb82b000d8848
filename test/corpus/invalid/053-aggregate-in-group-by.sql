-- error: an aggregate (COUNT) cannot be used as a GROUP BY key
-- at: 13:53
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

SELECT status FROM customer_orders GROUP BY status, COUNT(*);
