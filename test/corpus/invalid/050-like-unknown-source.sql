-- error: LIKE source table customer_order does not exist; did you mean customer_orders?
-- at: 15:6
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

CREATE TABLE orders_copy
WITH ('connector' = 'blackhole')
LIKE customer_order (EXCLUDING OPTIONS);
