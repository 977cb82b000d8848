-- The loyalty_program topic as the retail generator writes it (append, one record per change; the
-- record timestamp, $rowtime, is when the change happened). Not produced by this project.
CREATE TABLE IF NOT EXISTS loyalty_program_raw (
  customer_id STRING NOT NULL,
  loyalty_tier STRING,
  points_balance INT,
  points_earned_ytd INT,
  points_redeemed_ytd INT,
  tier_start_date DATE,
  lifetime_value DECIMAL(10, 2) NOT NULL
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
