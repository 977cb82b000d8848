CREATE TABLE IF NOT EXISTS int_c360_customer_transactions (
  transaction_id STRING NOT NULL,
  customer_id STRING,
  customer_segment STRING,
  preferred_channel STRING,
  transaction_date TIMESTAMP(3),
  channel STRING,
  channel_group STRING,
  total_amount DECIMAL(10, 2),
  discount_amount DECIMAL(10, 2),
  order_size_category STRING,
  items_purchased BIGINT,
  total_quantity INT,
  unique_categories BIGINT,
  unique_brands BIGINT,
  used_preferred_channel INT,
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
