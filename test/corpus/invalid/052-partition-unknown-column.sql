-- error: PARTITIONED BY names dt, which is not a column of the table
-- at: 6:19
CREATE TABLE parted (
  id BIGINT,
  day_str STRING
) PARTITIONED BY (dt)
WITH ('connector' = 'filesystem', 'path' = 'file:///tmp/parted', 'format' = 'csv');
