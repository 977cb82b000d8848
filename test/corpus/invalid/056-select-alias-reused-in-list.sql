-- error: dbl is an alias defined in the same select list and cannot be referenced there
-- at: 13:27
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

SELECT amount * 2 AS dbl, dbl + 1 AS dbl_plus_one FROM customer_orders;
