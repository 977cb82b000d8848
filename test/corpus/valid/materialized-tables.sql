-- Materialized tables (Flink 1.20+): create with freshness / refresh mode, alter, drop.

CREATE TABLE raw_payments (
  payment_id BIGINT,
  merchant_id STRING NOT NULL,
  amount DECIMAL(12, 2),
  paid_at TIMESTAMP(3),
  WATERMARK FOR paid_at AS paid_at - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

CREATE MATERIALIZED TABLE merchant_daily_totals
COMMENT 'payments per merchant and day'
PARTITIONED BY (ds)
WITH (
  'format' = 'json',
  'partition.fields.ds.date-formatter' = 'yyyy-MM-dd'
)
FRESHNESS = INTERVAL '1' HOUR
REFRESH_MODE = FULL
AS SELECT
  merchant_id,
  DATE_FORMAT(paid_at, 'yyyy-MM-dd') AS ds,
  SUM(amount) AS total_amount,
  COUNT(*) AS payment_count
FROM raw_payments
GROUP BY merchant_id, DATE_FORMAT(paid_at, 'yyyy-MM-dd');

CREATE MATERIALIZED TABLE merchant_totals (
  CONSTRAINT pk_merchant PRIMARY KEY (merchant_id) NOT ENFORCED
)
FRESHNESS = INTERVAL '30' SECOND
REFRESH_MODE = CONTINUOUS
AS SELECT merchant_id, SUM(amount) AS lifetime_amount, MAX(paid_at) AS last_paid_at
FROM raw_payments
GROUP BY merchant_id;

CREATE MATERIALIZED TABLE large_payments
FRESHNESS = INTERVAL '10' MINUTE
AS SELECT payment_id, merchant_id, amount
FROM raw_payments
WHERE amount > 1000;

CREATE MATERIALIZED TABLE default_catalog.default_database.payment_counts
FRESHNESS = INTERVAL '1' DAY
AS SELECT merchant_id, COUNT(*) AS cnt FROM raw_payments GROUP BY merchant_id;

ALTER MATERIALIZED TABLE merchant_totals SUSPEND;

ALTER MATERIALIZED TABLE merchant_totals RESUME;

ALTER MATERIALIZED TABLE merchant_totals RESUME WITH ('sink.parallelism' = '2');

ALTER MATERIALIZED TABLE merchant_daily_totals REFRESH;

ALTER MATERIALIZED TABLE merchant_daily_totals REFRESH PARTITION (ds = '2024-06-01');

DROP MATERIALIZED TABLE large_payments;

DROP MATERIALIZED TABLE IF EXISTS large_payments;
