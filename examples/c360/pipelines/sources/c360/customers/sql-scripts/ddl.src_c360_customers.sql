CREATE TABLE IF NOT EXISTS src_c360_customers (
  customer_id STRING NOT NULL,
  first_name STRING,
  last_name STRING,
  email STRING COMMENT 'lower-cased and trimmed; NULL when missing or blank',
  phone STRING,
  date_of_birth DATE,
  gender STRING,
  registration_date TIMESTAMP(3),
  customer_segment STRING,
  preferred_channel STRING,
  city STRING,
  state STRING,
  country STRING,
  missing_email_flag INT,
  missing_phone_flag INT,
  PRIMARY KEY (customer_id) NOT ENFORCED
) DISTRIBUTED BY HASH(customer_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'kafka.cleanup-policy' = 'delete',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'key.avro-registry.schema-context' = '.flink-dev',
  'value.avro-registry.schema-context' = '.flink-dev',
  'value.fields-include' = 'all'
);
