-- error: column id is defined twice in CREATE TABLE
-- at: 6:3
CREATE TABLE dupes (
  id BIGINT,
  name STRING,
  id INT
) WITH ('connector' = 'blackhole');
