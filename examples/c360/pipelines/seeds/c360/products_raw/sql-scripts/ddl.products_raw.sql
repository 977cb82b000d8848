-- The products topic as the retail generator writes it (append, one record per change; the
-- record timestamp, $rowtime, is when the change happened). Not produced by this project.
CREATE TABLE IF NOT EXISTS products_raw (
  product_id STRING NOT NULL,
  product_name STRING,
  category STRING,
  subcategory STRING,
  brand STRING,
  price DECIMAL(10, 2) NOT NULL,
  cost DECIMAL(10, 2) NOT NULL,
  weight_kg DECIMAL(8, 3),
  dimensions STRING,
  color STRING,
  size STRING,
  created_date DATE NOT NULL,
  status STRING
) DISTRIBUTED BY HASH(product_id) INTO 1 BUCKETS
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
