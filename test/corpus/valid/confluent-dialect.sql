-- @dialect confluent
-- Confluent Cloud for Apache Flink style: no 'connector' option, the $rowtime system
-- column, DISTRIBUTED BY ... INTO n BUCKETS, changelog.mode, Schema Registry formats.

CREATE TABLE orders_raw (
  order_id STRING,
  customer_id STRING,
  amount DECIMAL(10, 2),
  status STRING
) DISTRIBUTED BY HASH(order_id) INTO 6 BUCKETS
WITH (
  'changelog.mode' = 'append',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'scan.startup.mode' = 'earliest-offset',
  'kafka.retention.time' = '7 d'
);

CREATE TABLE IF NOT EXISTS orders_latest (
  order_id STRING NOT NULL,
  customer_id STRING,
  amount DECIMAL(10, 2),
  status STRING,
  updated_at TIMESTAMP_LTZ(3),
  PRIMARY KEY (order_id) NOT ENFORCED
) DISTRIBUTED BY HASH(order_id) INTO 3 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'value.fields-include' = 'all',
  'kafka.retention.time' = '0',
  'kafka.cleanup-policy' = 'compact',
  'scan.bounded.mode' = 'unbounded'
);

CREATE TABLE order_events_json (
  event_id STRING,
  order_id STRING,
  event_type STRING,
  event_time TIMESTAMP_LTZ(3),
  WATERMARK FOR event_time AS event_time - INTERVAL '10' SECOND
) DISTRIBUTED INTO 4 BUCKETS
WITH (
  'value.format' = 'json-registry',
  'scan.startup.mode' = 'latest-offset'
);

CREATE TABLE customer_totals (
  customer_id STRING NOT NULL,
  order_count BIGINT,
  total_amount DECIMAL(38, 2),
  PRIMARY KEY (customer_id) NOT ENFORCED
) DISTRIBUTED BY (customer_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry'
);

ALTER TABLE orders_raw MODIFY WATERMARK FOR `$rowtime` AS `$rowtime` - INTERVAL '5' SECOND;

ALTER TABLE orders_raw SET ('scan.startup.mode' = 'latest-offset');

SET 'sql.state-ttl' = '12 h';

SET 'sql.local-time-zone' = 'UTC';

SET 'client.statement-name' = 'orders-latest-dedup';

SELECT order_id, amount, $rowtime FROM orders_raw;

SELECT order_id, `$rowtime` AS arrived_at FROM orders_raw WHERE `$rowtime` > TO_TIMESTAMP_LTZ(1704067200000, 3);

-- keep the latest row per key by record timestamp
INSERT INTO orders_latest
SELECT order_id, customer_id, amount, status, $rowtime
FROM (
  SELECT *, $rowtime,
         ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY $rowtime DESC) AS row_num
  FROM orders_raw
  WHERE order_id IS NOT NULL
)
WHERE row_num = 1;

INSERT INTO customer_totals
SELECT customer_id, COUNT(*), SUM(amount)
FROM orders_latest
WHERE customer_id IS NOT NULL
GROUP BY customer_id;

SELECT window_start, window_end, COUNT(*) AS orders_per_minute
FROM TABLE(TUMBLE(TABLE orders_raw, DESCRIPTOR($rowtime), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;

SELECT order_id FROM orders_raw /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */;

SELECT /*+ STATE_TTL('o' = '1 d') */ o.order_id, e.event_type
FROM orders_latest o
JOIN order_events_json e ON o.order_id = e.order_id;

CREATE TABLE big_orders
DISTRIBUTED BY HASH(order_id) INTO 2 BUCKETS
WITH ('changelog.mode' = 'append')
AS SELECT order_id, amount FROM orders_raw WHERE amount > 500;

CREATE TABLE orders_raw_copy
LIKE orders_raw (INCLUDING ALL EXCLUDING OPTIONS);

CREATE FUNCTION tax_rate AS 'com.example.TaxRate' USING JAR 'confluent-artifact://cfa-abc123/ver-1';

SHOW TABLES;

DESCRIBE EXTENDED orders_raw;

DROP TABLE IF EXISTS orders_raw_copy;
