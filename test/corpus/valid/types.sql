-- Every Flink data type in DDL, with nullability and nesting.

CREATE TABLE all_types (
  c_char CHAR(10),
  c_char_default CHAR,
  c_varchar VARCHAR(255),
  c_string STRING,
  c_boolean BOOLEAN NOT NULL,
  c_binary BINARY(16),
  c_varbinary VARBINARY(64),
  c_bytes BYTES,
  c_decimal DECIMAL(38, 18),
  c_decimal_p DECIMAL(10),
  c_decimal_default DECIMAL,
  c_dec DEC(12, 4),
  c_numeric NUMERIC(5, 2),
  c_tinyint TINYINT,
  c_smallint SMALLINT,
  c_int INT NOT NULL,
  c_integer INTEGER NULL,
  c_bigint BIGINT,
  c_float FLOAT,
  c_real REAL,
  c_double DOUBLE,
  c_double_precision DOUBLE PRECISION,
  c_date DATE,
  c_time TIME,
  c_time_p TIME(3),
  c_timestamp TIMESTAMP,
  c_timestamp_p TIMESTAMP(9),
  c_timestamp_without TIMESTAMP(3) WITHOUT TIME ZONE,
  c_timestamp_local TIMESTAMP(3) WITH LOCAL TIME ZONE,
  c_timestamp_local_default TIMESTAMP WITH LOCAL TIME ZONE,
  c_timestamp_ltz TIMESTAMP_LTZ(6),
  c_timestamp_ltz_default TIMESTAMP_LTZ,
  c_interval_ds INTERVAL DAY(2) TO SECOND(3),
  c_interval_day INTERVAL DAY,
  c_interval_hour_min INTERVAL HOUR TO MINUTE,
  c_interval_second INTERVAL SECOND(6),
  c_interval_ym INTERVAL YEAR TO MONTH,
  c_interval_year INTERVAL YEAR(4),
  c_interval_month INTERVAL MONTH,
  c_array ARRAY<INT>,
  c_array_postfix INT ARRAY,
  c_array_not_null ARRAY<STRING NOT NULL> NOT NULL,
  c_map MAP<STRING, BIGINT>,
  c_map_nested MAP<STRING, ARRAY<DOUBLE>>,
  c_multiset MULTISET<STRING>,
  c_multiset_postfix STRING MULTISET,
  c_row ROW<id BIGINT, label STRING>,
  c_row_comments ROW<id BIGINT 'the identifier', label STRING 'display text'>,
  c_row_parens ROW(x INT, y INT),
  c_row_not_null ROW<a INT NOT NULL, b STRING> NOT NULL,
  c_nested ROW<
    meta MAP<STRING, ROW<since DATE, seen ARRAY<TIMESTAMP(3)>>>,
    points ARRAY<ROW<x DOUBLE, y DOUBLE>>,
    bag MULTISET<ROW<k STRING, v INT>>
  >,
  `time` TIME(0),
  `timestamp` TIMESTAMP(3),
  `value` STRING,
  `array` INT ARRAY
) WITH ('connector' = 'blackhole');

CREATE TABLE postfix_nesting (
  matrix INT ARRAY ARRAY,
  matrix_not_null INT NOT NULL ARRAY NOT NULL,
  tags_bag STRING MULTISET ARRAY
) WITH ('connector' = 'blackhole');

SELECT c_row.id, c_row_comments.label, c_row_parens.x, c_nested.points[1].x, c_nested.meta['k'].since,
       c_array[1], c_array_postfix[2], c_map['a'], CARDINALITY(c_multiset), c_interval_ds, c_interval_ym
FROM all_types;

SELECT matrix[1][2], matrix_not_null[1], CARDINALITY(tags_bag) FROM postfix_nesting;

SELECT CAST(NULL AS ROW<a INT, b ARRAY<STRING>>), CAST(NULL AS MAP<INT, MULTISET<STRING>>),
       CAST(NULL AS INTERVAL DAY TO SECOND(3)), CAST(NULL AS INTERVAL YEAR TO MONTH),
       CAST(NULL AS TIMESTAMP_LTZ(9)), CAST(NULL AS BINARY), CAST(NULL AS VARBINARY), CAST(NULL AS VARCHAR);
