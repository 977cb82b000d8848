-- error: primary key is declared twice (on the column and on the table)
-- at: 6:3
CREATE TABLE two_keys (
  id BIGINT PRIMARY KEY NOT ENFORCED,
  name STRING,
  PRIMARY KEY (id) NOT ENFORCED
) WITH ('connector' = 'blackhole');
