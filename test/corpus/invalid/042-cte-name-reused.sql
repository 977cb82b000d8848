-- error: the WITH clause defines big_orders twice
-- at: 14:6
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

WITH big_orders AS (SELECT order_id FROM customer_orders WHERE amount > 100),
     big_orders AS (SELECT order_id FROM customer_orders WHERE amount > 1000)
SELECT order_id FROM big_orders;
