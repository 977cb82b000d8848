CREATE TABLE IF NOT EXISTS src_c360_support_tickets (
  ticket_id STRING NOT NULL,
  customer_id STRING,
  created_date TIMESTAMP(3),
  resolved_date TIMESTAMP(3),
  category STRING,
  priority STRING,
  status STRING,
  channel STRING,
  satisfaction_score INT,
  PRIMARY KEY (ticket_id) NOT ENFORCED
) DISTRIBUTED BY HASH(ticket_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'kafka.cleanup-policy' = 'delete',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'key.avro-registry.schema-context' = '.flink-dev',
  'value.avro-registry.schema-context' = '.flink-dev',
  'value.fields-include' = 'all'
);
