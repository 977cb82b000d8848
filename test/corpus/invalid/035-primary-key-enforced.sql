-- error: Flink only supports PRIMARY KEY ... NOT ENFORCED; an enforced primary key is rejected
-- at: 5:3
CREATE TABLE enforced_key (
  id BIGINT,
  PRIMARY KEY (id)
) WITH ('connector' = 'blackhole');
