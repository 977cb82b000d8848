-- Literals of every kind, operators, precedence, identifiers and comments in odd places.

CREATE TABLE readings (
  id INT,
  name STRING,
  amount DECIMAL(10, 2),
  ratio DOUBLE,
  flag BOOLEAN,
  payload BYTES,
  d DATE,
  t TIME(0),
  ts TIMESTAMP(3),
  ts_ltz TIMESTAMP_LTZ(3),
  `order` INT,
  `group by` STRING,
  `$rowtime` TIMESTAMP(3)
) WITH ('connector' = 'datagen');

SELECT 1, -5, +7, 0, 2147483647, 9223372036854775807, 1.50, -0.001, 1e3, 2.5E-3, 1.0E+10, .5;

SELECT 'text', 'it''s', '', 'multi
line', U&'\0041\00e9', U&'!0041' UESCAPE '!';

SELECT X'0AFF', x'', X'deadbeef';

SELECT TRUE, FALSE, UNKNOWN, NULL, CAST(NULL AS INT);

SELECT DATE '2024-01-01', TIME '12:00:00', TIME '23:59:59.999', TIMESTAMP '2024-01-01 00:00:00.000',
       TIMESTAMP '2024-02-29 13:45:30';

SELECT CAST('2024-01-01 00:00:00.000' AS TIMESTAMP_LTZ(3)), TO_TIMESTAMP_LTZ(1704067200000, 3);

SELECT INTERVAL '1' DAY, INTERVAL '3' HOUR, INTERVAL '45' MINUTE, INTERVAL '10' SECOND,
       INTERVAL '10' SECOND(3), INTERVAL '1.5' SECOND, INTERVAL '2' YEAR, INTERVAL '7' MONTH;

SELECT INTERVAL '1 2:03' DAY TO MINUTE, INTERVAL '2-3' YEAR TO MONTH, INTERVAL '4 05:06:07.008' DAY TO SECOND(3),
       INTERVAL '10 11' DAY TO HOUR, INTERVAL '12:30' HOUR TO MINUTE, INTERVAL '01:02:03' HOUR TO SECOND,
       INTERVAL '15:30' MINUTE TO SECOND, INTERVAL '100' DAY(3), INTERVAL '-1' DAY;

SELECT INTERVAL '5' MINUTES, INTERVAL '2' HOURS, INTERVAL '3' DAYS, INTERVAL '30' SECONDS;

SELECT ts + INTERVAL '1' HOUR, ts - INTERVAL '2' DAY, d + INTERVAL '1' MONTH, ts_ltz - INTERVAL '1' SECOND FROM readings;

SELECT id + 1 * 2, (id + 1) * 2, id - -1, - id, -(id + 1), 10 / 4, 10 % 3, MOD(10, 3), amount * 2 - ratio / 4
FROM readings;

SELECT NOT flag AND id > 0 OR name IS NULL, NOT (flag OR id = 1), flag = TRUE AND NOT FALSE FROM readings;

SELECT id = 1, id <> 2, id != 3, id < 4, id <= 5, id > 6, id >= 7 FROM readings;

SELECT 'a' || 'b' || name, name || CAST(id AS STRING) FROM readings;

SELECT CASE id WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END,
       CASE WHEN amount > 100 THEN 'big' WHEN amount > 10 THEN 'medium' END,
       CASE WHEN flag THEN 1 ELSE 0 END
FROM readings;

SELECT name IS NULL, name IS NOT NULL, flag IS TRUE, flag IS NOT TRUE, flag IS FALSE, flag IS NOT FALSE,
       flag IS UNKNOWN, flag IS NOT UNKNOWN, id IS DISTINCT FROM 3, id IS NOT DISTINCT FROM NULL
FROM readings;

SELECT id BETWEEN 1 AND 10, id NOT BETWEEN 1 AND 10, id BETWEEN ASYMMETRIC 1 AND 10,
       id BETWEEN SYMMETRIC 10 AND 1, id NOT BETWEEN SYMMETRIC 10 AND 1
FROM readings;

SELECT name LIKE 'a%', name NOT LIKE '_b%', name LIKE '100!%' ESCAPE '!', name SIMILAR TO '(ab|cd)%',
       name NOT SIMILAR TO '[0-9]+', name SIMILAR TO 'x!_%' ESCAPE '!'
FROM readings;

SELECT id IN (1, 2, 3), id NOT IN (4, 5), name IN ('a', 'b') FROM readings;

-- keywords and odd names as identifiers
SELECT `order`, `group by`, `$rowtime`, readings.`order` AS `select` FROM readings;

SELECT r.`order` + 1 AS `order plus one`, r.`group by` AS `weird ``quoted`` name` FROM readings r WHERE FALSE;

SELECT /* inline comment */ id -- trailing comment
, /* another
     multi-line comment */ name
FROM /* before table */ readings /* after table */
WHERE id > /* inside expression */ 0;

SELECT
  -- leading comment line
  id
FROM readings -- comment at end of statement line
;
