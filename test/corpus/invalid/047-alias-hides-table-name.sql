-- error: customer_orders is aliased as o, so customer_orders.status is not visible
-- at: 13:51
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

SELECT o.order_id FROM customer_orders AS o WHERE customer_orders.status = 'open';
