CREATE TABLE IF NOT EXISTS src_c360_transactions (
  transaction_id STRING NOT NULL,
  customer_id STRING,
  transaction_date TIMESTAMP(3),
  channel STRING,
  payment_method STRING,
  subtotal DECIMAL(10, 2),
  discount_amount DECIMAL(10, 2),
  total_amount DECIMAL(10, 2),
  channel_group STRING,
  has_discount INT,
  order_size_category STRING,
  PRIMARY KEY (transaction_id) NOT ENFORCED
) DISTRIBUTED BY HASH(transaction_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'kafka.cleanup-policy' = 'delete',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'key.avro-registry.schema-context' = '.flink-dev',
  'value.avro-registry.schema-context' = '.flink-dev',
  'value.fields-include' = 'all'
);
