-- The app_usage topic as the retail generator writes it (append, one record per change; the
-- record timestamp, $rowtime, is when the change happened). Not produced by this project.
CREATE TABLE IF NOT EXISTS app_usage_raw (
  usage_id STRING NOT NULL,
  customer_id STRING NOT NULL,
  session_date DATE,
  session_start TIMESTAMP(3) NOT NULL,
  session_duration_minutes INT,
  pages_viewed INT,
  actions_taken INT,
  device_type STRING,
  app_version STRING
) DISTRIBUTED BY HASH(usage_id) INTO 1 BUCKETS
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
