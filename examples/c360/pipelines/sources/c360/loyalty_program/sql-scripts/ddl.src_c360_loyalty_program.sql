CREATE TABLE IF NOT EXISTS src_c360_loyalty_program (
  customer_id STRING NOT NULL,
  loyalty_tier STRING,
  points_balance INT,
  points_earned_ytd INT,
  points_redeemed_ytd INT,
  tier_start_date DATE,
  lifetime_value DECIMAL(10, 2),
  net_points_ytd INT,
  redemption_rate DOUBLE COMMENT 'points redeemed / points earned this year; NULL when none earned',
  tier_rank INT,
  value_segment STRING,
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
