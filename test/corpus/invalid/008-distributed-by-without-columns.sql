-- error: DISTRIBUTED BY needs a parenthesised column list (or use DISTRIBUTED INTO n BUCKETS)
-- at: 6:18
CREATE TABLE bucketed (
  id BIGINT,
  name STRING
) DISTRIBUTED BY INTO 4 BUCKETS
WITH ('connector' = 'blackhole');
