-- The customers topic as the retail generator writes it (append, one record per change; the
-- record timestamp, $rowtime, is when the change happened). Not produced by this project.
CREATE TABLE IF NOT EXISTS customers_raw (
  customer_id STRING NOT NULL,
  first_name STRING,
  last_name STRING,
  email STRING,
  phone STRING,
  date_of_birth DATE,
  gender STRING,
  registration_date TIMESTAMP(3) NOT NULL,
  customer_segment STRING,
  preferred_channel STRING,
  address_line1 STRING,
  city STRING,
  state STRING,
  zip_code STRING,
  country STRING
) DISTRIBUTED BY HASH(customer_id) INTO 1 BUCKETS
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
