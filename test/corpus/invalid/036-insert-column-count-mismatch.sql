-- error: query returns 2 columns but order_sink has 3
-- at: 19:1
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');
CREATE TABLE order_sink (
  order_id BIGINT,
  customer_id STRING,
  amount DECIMAL(10, 2)
) WITH ('connector' = 'blackhole');

INSERT INTO order_sink
SELECT order_id, customer_id FROM customer_orders;
