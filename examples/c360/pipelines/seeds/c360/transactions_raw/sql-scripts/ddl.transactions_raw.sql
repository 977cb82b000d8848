-- The transactions topic as the retail generator writes it (append, one record per change; the
-- record timestamp, $rowtime, is when the change happened). Not produced by this project.
CREATE TABLE IF NOT EXISTS transactions_raw (
  transaction_id STRING NOT NULL,
  customer_id STRING NOT NULL,
  transaction_date TIMESTAMP(3) NOT NULL,
  channel STRING,
  store_id STRING,
  payment_method STRING,
  subtotal DECIMAL(10, 2) NOT NULL,
  tax_amount DECIMAL(10, 2) NOT NULL,
  discount_amount DECIMAL(10, 2) NOT NULL,
  total_amount DECIMAL(10, 2) NOT NULL,
  currency STRING,
  status STRING
) DISTRIBUTED BY HASH(transaction_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'append',
  'kafka.cleanup-policy' = 'delete',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'key.avro-registry.schema-context' = '.flink-dev',
  'value.avro-registry.schema-context' = '.flink-dev',
  'scan.startup.mode' = 'earliest-offset',
  'value.fields-include' = 'all'
);
