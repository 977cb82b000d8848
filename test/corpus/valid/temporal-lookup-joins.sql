-- Temporal joins: event-time against a versioned table, processing-time against a
-- lookup source, and a versioned view built by deduplication.

CREATE TABLE fx_orders (
  order_id STRING,
  currency STRING,
  amount DECIMAL(12, 2),
  order_time TIMESTAMP(3),
  proc_time AS PROCTIME(),
  WATERMARK FOR order_time AS order_time - INTERVAL '15' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'fx-orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);

-- versioned table: primary key plus event-time attribute
CREATE TABLE fx_rates (
  currency STRING NOT NULL,
  rate DECIMAL(10, 6),
  valid_from TIMESTAMP(3),
  WATERMARK FOR valid_from AS valid_from - INTERVAL '15' SECOND,
  PRIMARY KEY (currency) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'fx-rates',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);

-- lookup source
CREATE TABLE customer_dim (
  customer_key STRING,
  country STRING,
  tier STRING,
  PRIMARY KEY (customer_key) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:mysql://localhost:3306/crm',
  'table-name' = 'customers',
  'lookup.cache' = 'PARTIAL',
  'lookup.partial-cache.max-rows' = '10000'
);

-- append-only rate history turned into a versioned view
CREATE TABLE fx_rate_history (
  currency STRING,
  rate DECIMAL(10, 6),
  changed_at TIMESTAMP(3),
  WATERMARK FOR changed_at AS changed_at
) WITH ('connector' = 'datagen');

SELECT o.order_id, o.amount * r.rate AS amount_eur, r.valid_from
FROM fx_orders AS o
JOIN fx_rates FOR SYSTEM_TIME AS OF o.order_time AS r
  ON o.currency = r.currency;

SELECT o.order_id, r.rate
FROM fx_orders o
LEFT JOIN fx_rates FOR SYSTEM_TIME AS OF o.order_time r
  ON r.currency = o.currency;

SELECT o.order_id, c.country, c.tier
FROM fx_orders AS o
JOIN customer_dim FOR SYSTEM_TIME AS OF o.proc_time AS c
  ON o.order_id = c.customer_key;

SELECT o.order_id, c.country
FROM fx_orders AS o
LEFT JOIN customer_dim FOR SYSTEM_TIME AS OF o.proc_time AS c
  ON o.order_id = c.customer_key AND c.tier = 'gold';

CREATE VIEW versioned_rates AS
SELECT currency, rate, changed_at
FROM (
  SELECT *,
         ROW_NUMBER() OVER (PARTITION BY currency ORDER BY changed_at DESC) AS rownum
  FROM fx_rate_history
)
WHERE rownum = 1;

SELECT o.order_id, o.amount, v.rate
FROM fx_orders o
JOIN versioned_rates FOR SYSTEM_TIME AS OF o.order_time AS v
  ON o.currency = v.currency;

-- temporal join whose probe side is a subquery with its own proctime
SELECT b.order_id, c.tier
FROM (SELECT order_id, PROCTIME() AS pt FROM fx_orders) AS b
JOIN customer_dim FOR SYSTEM_TIME AS OF b.pt AS c
  ON b.order_id = c.customer_key;
