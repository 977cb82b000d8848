-- error: sink column order_id is BIGINT but the query gives a STRING (status)
-- at: 18:31
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

INSERT INTO order_sink SELECT status, customer_id, amount FROM customer_orders;
