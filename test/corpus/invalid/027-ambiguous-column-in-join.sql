-- error: column order_id is ambiguous: both customer_orders and customers have it
-- at: 18:8
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');
CREATE TABLE customers (
  customer_id STRING,
  name STRING,
  order_id BIGINT
) WITH ('connector' = 'datagen');

SELECT order_id, name
FROM customer_orders o
JOIN customers c ON o.customer_id = c.customer_id;
