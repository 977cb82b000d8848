-- error: table customer_orders already exists and IF NOT EXISTS was not given
-- at: 13:14
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

CREATE TABLE customer_orders (
  id BIGINT
) WITH ('connector' = 'blackhole');
