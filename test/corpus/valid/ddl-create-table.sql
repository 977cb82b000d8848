-- CREATE TABLE in the shapes the Flink grammar allows: physical, computed and
-- metadata columns, comments, constraints, watermarks, partitions, distribution,
-- options, LIKE and CREATE TABLE AS SELECT.

CREATE TABLE shop_orders (
  order_id BIGINT NOT NULL COMMENT 'unique order number',
  customer_id STRING COMMENT 'who placed the order',
  product_id STRING,
  quantity INT,
  unit_price DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  line_amount AS quantity * unit_price COMMENT 'quantity times unit price',
  proc_time AS PROCTIME(),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND,
  PRIMARY KEY (order_id) NOT ENFORCED
) COMMENT 'orders placed in the web shop'
WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'shop-orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);

CREATE TABLE IF NOT EXISTS shop_customers (
  customer_id STRING PRIMARY KEY NOT ENFORCED,
  full_name STRING,
  email VARCHAR(320),
  signup_date DATE
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://localhost:5432/shop',
  'table-name' = 'customers'
);

CREATE TABLE product_catalog (
  product_id STRING NOT NULL,
  title STRING,
  list_price DECIMAL(10, 2),
  CONSTRAINT pk_product PRIMARY KEY (product_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://localhost:5432/shop',
  'table-name' = 'products'
);

CREATE TABLE page_views (
  `user` BIGINT,
  url STRING,
  `partition` INT METADATA VIRTUAL,
  record_offset BIGINT METADATA FROM 'offset' VIRTUAL,
  view_ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
  headers MAP<STRING, BYTES> METADATA,
  WATERMARK FOR view_ts AS view_ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'page-views',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'avro'
);

-- strictly ascending watermark on a computed TIMESTAMP_LTZ column
CREATE TABLE sensor_readings (
  sensor_id INT,
  reading DOUBLE,
  epoch_millis BIGINT,
  ts AS TO_TIMESTAMP_LTZ(epoch_millis, 3),
  WATERMARK FOR ts AS ts
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '100'
);

CREATE TABLE daily_sales (
  sale_day STRING,
  region STRING,
  revenue DECIMAL(12, 2)
) PARTITIONED BY (sale_day, region)
WITH (
  'connector' = 'filesystem',
  'path' = 'file:///tmp/daily_sales',
  'format' = 'parquet'
);

SHOW PARTITIONS daily_sales;

SHOW PARTITIONS daily_sales PARTITION (sale_day = '2024-06-01', region = 'EU');

CREATE TABLE clicks_by_session (
  click_id BIGINT,
  session_id STRING,
  clicked_at TIMESTAMP(3)
) DISTRIBUTED BY HASH(session_id) INTO 8 BUCKETS
WITH (
  'connector' = 'kafka',
  'topic' = 'clicks',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);

CREATE TABLE clicks_by_user (
  click_id BIGINT,
  user_id BIGINT
) DISTRIBUTED BY (user_id)
WITH ('connector' = 'blackhole');

CREATE TABLE clicks_four_buckets (
  click_id BIGINT,
  user_id BIGINT
) DISTRIBUTED INTO 4 BUCKETS
WITH ('connector' = 'blackhole');

CREATE TABLE clicks_range (
  click_id BIGINT,
  user_id BIGINT
) DISTRIBUTED BY RANGE(user_id, click_id) INTO 16 BUCKETS
WITH ('connector' = 'blackhole');

CREATE TEMPORARY TABLE scratch_numbers (
  n INT,
  label STRING
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '10'
);

CREATE TABLE default_catalog.default_database.audit_events (
  event_id STRING,
  `event type` STRING COMMENT 'column name with a space',
  payload ROW<actor STRING, action STRING>,
  created_at TIMESTAMP(3)
) WITH ('connector' = 'blackhole');

CREATE TABLE `default_catalog`.`default_database`.`order` (
  `select` INT,
  `from` STRING,
  `$rowtime` TIMESTAMP(3)
) WITH ('connector' = 'blackhole');

-- LIKE with merge options: keep schema, replace options
CREATE TABLE shop_orders_debug (
  debug_note AS 'copied for debugging'
) WITH (
  'connector' = 'print'
)
LIKE shop_orders (INCLUDING ALL EXCLUDING OPTIONS);

CREATE TABLE page_views_latest (
  WATERMARK FOR view_ts AS view_ts - INTERVAL '10' SECOND
) WITH (
  'scan.startup.mode' = 'latest-offset'
)
LIKE page_views (
  INCLUDING GENERATED
  INCLUDING METADATA
  OVERWRITING OPTIONS
  OVERWRITING WATERMARKS
);

CREATE TABLE sales_archive
WITH (
  'connector' = 'filesystem',
  'path' = 'file:///tmp/sales_archive',
  'format' = 'csv'
)
LIKE daily_sales (EXCLUDING ALL);

-- CREATE TABLE AS SELECT
CREATE TABLE bulk_orders
WITH ('connector' = 'blackhole')
AS SELECT order_id, customer_id, quantity, line_amount
FROM shop_orders
WHERE quantity >= 100;

CREATE TABLE order_quantity_by_id (
  PRIMARY KEY (order_id) NOT ENFORCED
) DISTRIBUTED BY HASH(order_id) INTO 4 BUCKETS
WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'order-quantities',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
)
AS SELECT order_id, SUM(quantity) AS total_quantity
FROM shop_orders
GROUP BY order_id;

CREATE TABLE IF NOT EXISTS reordered_orders (
  quantity, order_id
) WITH ('connector' = 'blackhole')
AS SELECT order_id, quantity FROM shop_orders;
