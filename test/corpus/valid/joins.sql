-- Regular, interval, lateral and UNNEST joins.

CREATE TABLE rides (
  ride_id BIGINT,
  driver_id BIGINT,
  rider_id BIGINT,
  city STRING,
  fare DECIMAL(8, 2),
  tags ARRAY<STRING>,
  stops ARRAY<ROW<name STRING, lat DOUBLE, lon DOUBLE>>,
  attrs MAP<STRING, STRING>,
  started_at TIMESTAMP(3),
  WATERMARK FOR started_at AS started_at - INTERVAL '10' SECOND
) WITH ('connector' = 'datagen');

CREATE TABLE ride_payments (
  ride_id BIGINT,
  paid DECIMAL(8, 2),
  paid_at TIMESTAMP(3),
  WATERMARK FOR paid_at AS paid_at - INTERVAL '10' SECOND
) WITH ('connector' = 'datagen');

CREATE TABLE drivers (
  driver_id BIGINT,
  driver_name STRING,
  home_city STRING
) WITH ('connector' = 'datagen');

CREATE TABLE riders (
  rider_id BIGINT,
  rider_name STRING
) WITH ('connector' = 'datagen');

-- split_words(s STRING) is a table function emitting ROW<word STRING, len INT>
CREATE FUNCTION split_words AS 'com.example.udtf.SplitWords';

SELECT r.ride_id, d.driver_name
FROM rides r
INNER JOIN drivers d ON r.driver_id = d.driver_id;

SELECT r.ride_id, d.driver_name
FROM rides r
JOIN drivers d ON r.driver_id = d.driver_id AND r.city = d.home_city;

SELECT r.ride_id, d.driver_name FROM rides r LEFT JOIN drivers d ON r.driver_id = d.driver_id;

SELECT r.ride_id, d.driver_name FROM rides r LEFT OUTER JOIN drivers d ON r.driver_id = d.driver_id;

SELECT r.ride_id, d.driver_name FROM rides r RIGHT JOIN drivers d ON r.driver_id = d.driver_id;

SELECT r.ride_id, d.driver_name FROM rides r RIGHT OUTER JOIN drivers d ON r.driver_id = d.driver_id;

SELECT COALESCE(r.driver_id, d.driver_id) AS driver_id, r.ride_id, d.driver_name
FROM rides r
FULL OUTER JOIN drivers d ON r.driver_id = d.driver_id;

SELECT r.ride_id, d.driver_name FROM rides r FULL JOIN drivers d ON r.driver_id = d.driver_id;

SELECT r.ride_id, d.driver_name, u.rider_name
FROM rides r
JOIN drivers d ON r.driver_id = d.driver_id
LEFT JOIN riders u ON r.rider_id = u.rider_id;

-- comma join with the join condition in WHERE
SELECT r.ride_id, u.rider_name
FROM rides r, riders u
WHERE r.rider_id = u.rider_id;

SELECT d.driver_name, u.rider_name FROM drivers d CROSS JOIN riders u;

SELECT ride_id, driver_name FROM rides JOIN drivers USING (driver_id);

SELECT ride_id, rider_name FROM rides NATURAL JOIN riders;

-- interval join
SELECT r.ride_id, r.fare, p.paid
FROM rides r, ride_payments p
WHERE r.ride_id = p.ride_id
  AND p.paid_at BETWEEN r.started_at AND r.started_at + INTERVAL '1' HOUR;

SELECT r.ride_id, p.paid
FROM rides r
JOIN ride_payments p
  ON r.ride_id = p.ride_id
 AND p.paid_at >= r.started_at
 AND p.paid_at < r.started_at + INTERVAL '30' MINUTE;

-- array expansion
SELECT r.ride_id, tag
FROM rides r
CROSS JOIN UNNEST(r.tags) AS t (tag);

SELECT r.ride_id, t.tag, t.pos
FROM rides r
CROSS JOIN UNNEST(r.tags) WITH ORDINALITY AS t (tag, pos);

SELECT ride_id, s.name, s.lat, s.lon
FROM rides
CROSS JOIN UNNEST(stops) AS s (name, lat, lon);

SELECT ride_id, k, v FROM rides, UNNEST(attrs) AS m (k, v);

SELECT ride_id, tag FROM rides LEFT JOIN UNNEST(tags) AS t (tag) ON TRUE;

-- table functions
SELECT r.ride_id, w.word, w.len
FROM rides r, LATERAL TABLE(split_words(r.city)) AS w (word, len);

SELECT r.ride_id, word
FROM rides r
CROSS JOIN LATERAL TABLE(split_words(r.city)) AS T (word, len);

SELECT r.ride_id, w.word
FROM rides r
LEFT JOIN LATERAL TABLE(split_words(r.city)) AS w (word, len) ON TRUE;
