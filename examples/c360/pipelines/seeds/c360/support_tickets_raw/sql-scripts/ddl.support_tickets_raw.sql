-- The support_tickets topic as the retail generator writes it (append, one record per change; the
-- record timestamp, $rowtime, is when the change happened). Not produced by this project.
CREATE TABLE IF NOT EXISTS support_tickets_raw (
  ticket_id STRING NOT NULL,
  customer_id STRING NOT NULL,
  created_date TIMESTAMP(3) NOT NULL,
  resolved_date TIMESTAMP(3),
  category STRING,
  priority STRING,
  status STRING,
  channel STRING,
  satisfaction_score INT
) DISTRIBUTED BY HASH(ticket_id) INTO 1 BUCKETS
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
