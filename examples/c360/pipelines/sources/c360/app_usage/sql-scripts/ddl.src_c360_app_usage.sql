CREATE TABLE IF NOT EXISTS src_c360_app_usage (
  usage_id STRING NOT NULL,
  customer_id STRING,
  session_date DATE,
  session_start TIMESTAMP(3),
  session_duration_minutes INT,
  pages_viewed INT,
  actions_taken INT,
  device_type STRING,
  app_version STRING,
  PRIMARY KEY (usage_id) NOT ENFORCED
) DISTRIBUTED BY HASH(usage_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'kafka.cleanup-policy' = 'delete',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'key.avro-registry.schema-context' = '.flink-dev',
  'value.avro-registry.schema-context' = '.flink-dev',
  'value.fields-include' = 'all'
);
