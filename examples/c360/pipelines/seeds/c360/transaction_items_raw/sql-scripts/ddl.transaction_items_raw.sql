-- The transaction_items topic as the retail generator writes it (append, one record per change; the
-- record timestamp, $rowtime, is when the change happened). Not produced by this project.
CREATE TABLE IF NOT EXISTS transaction_items_raw (
  item_id STRING NOT NULL,
  transaction_id STRING NOT NULL,
  product_id STRING NOT NULL,
  quantity INT NOT NULL,
  unit_price DECIMAL(10, 2) NOT NULL,
  line_total DECIMAL(10, 2) NOT NULL,
  discount_applied DECIMAL(10, 2) NOT NULL
) DISTRIBUTED BY HASH(item_id) INTO 1 BUCKETS
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
