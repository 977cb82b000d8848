-- error: target table order_sinks does not exist; did you mean order_sink?
-- at: 18:13
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

INSERT INTO order_sinks SELECT order_id, customer_id, amount FROM customer_orders;
