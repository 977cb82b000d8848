CREATE TABLE IF NOT EXISTS src_c360_transaction_items (
  item_id STRING NOT NULL,
  transaction_id STRING,
  product_id STRING,
  quantity INT,
  unit_price DECIMAL(10, 2),
  line_total DECIMAL(10, 2),
  PRIMARY KEY (item_id) NOT ENFORCED
) DISTRIBUTED BY HASH(item_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'kafka.cleanup-policy' = 'delete',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'key.avro-registry.schema-context' = '.flink-dev',
  'value.avro-registry.schema-context' = '.flink-dev',
  'value.fields-include' = 'all'
);
