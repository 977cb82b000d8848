CREATE TABLE IF NOT EXISTS src_c360_products (
  product_id STRING NOT NULL,
  product_name STRING,
  category STRING,
  brand STRING,
  price DECIMAL(10, 2),
  cost DECIMAL(10, 2),
  gross_margin DECIMAL(10, 2),
  price_segment STRING,
  category_group STRING,
  PRIMARY KEY (product_id) NOT ENFORCED
) DISTRIBUTED BY HASH(product_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'kafka.cleanup-policy' = 'delete',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'key.avro-registry.schema-context' = '.flink-dev',
  'value.avro-registry.schema-context' = '.flink-dev',
  'value.fields-include' = 'all'
);
