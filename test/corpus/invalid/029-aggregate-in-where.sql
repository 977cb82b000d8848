-- error: aggregate SUM is not allowed in WHERE; use HAVING
-- at: 13:47
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

SELECT customer_id FROM customer_orders WHERE SUM(amount) > 100 GROUP BY customer_id;
