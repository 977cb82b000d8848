-- error: aggregate functions cannot be nested (MAX(COUNT(...)))
-- at: 13:12
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

SELECT MAX(COUNT(amount)) FROM customer_orders;
