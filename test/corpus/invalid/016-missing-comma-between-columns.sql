-- error: missing comma between two column definitions
-- at: 5:3
CREATE TABLE pairs (
  a INT
  b STRING
) WITH ('connector' = 'blackhole');
