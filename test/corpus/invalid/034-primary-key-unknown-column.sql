-- error: primary key column order_key is not a column of the table (did you mean order_id?)
-- at: 6:16
CREATE TABLE keyed (
  order_id BIGINT,
  total DECIMAL(10, 2),
  PRIMARY KEY (order_key) NOT ENFORCED
) WITH ('connector' = 'blackhole');
