-- error: TUMBLE needs a time attribute in DESCRIPTOR; status is a STRING
-- at: 14:53
CREATE TABLE customer_orders (
  order_id BIGINT,
  customer_id STRING,
  status STRING,
  amount DECIMAL(10, 2),
  order_date DATE,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

SELECT window_start, COUNT(*)
FROM TABLE(TUMBLE(TABLE customer_orders, DESCRIPTOR(status), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
