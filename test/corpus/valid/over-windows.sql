-- OVER aggregations (inline and named windows), deduplication and Top-N with ROW_NUMBER.

CREATE TABLE sensor_events (
  device STRING,
  site STRING,
  temperature DOUBLE,
  humidity DOUBLE,
  ts TIMESTAMP(3),
  pt AS PROCTIME(),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

SELECT device, ts, temperature,
       AVG(temperature) OVER (PARTITION BY device ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) AS avg_last_11
FROM sensor_events;

SELECT device, ts,
       MAX(temperature) OVER (
         PARTITION BY device
         ORDER BY ts
         RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW
       ) AS max_last_hour
FROM sensor_events;

SELECT device, ts,
       COUNT(*) OVER (PARTITION BY device ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS seen_so_far,
       SUM(temperature) OVER (PARTITION BY device ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_sum
FROM sensor_events;

SELECT device, ts,
       MIN(humidity) OVER (PARTITION BY site ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
FROM sensor_events;

SELECT device, ts, SUM(temperature) OVER (ORDER BY ts ROWS 5 PRECEDING) AS last_six
FROM sensor_events;

SELECT device, pt,
       COUNT(device) OVER (PARTITION BY device ORDER BY pt RANGE INTERVAL '10' MINUTE PRECEDING)
FROM sensor_events;

SELECT device, ts,
       AVG(temperature) OVER w AS avg_temp,
       MAX(humidity) OVER w AS max_humidity,
       COUNT(*) OVER w AS n
FROM sensor_events
WINDOW w AS (
  PARTITION BY device
  ORDER BY ts
  ROWS BETWEEN 100 PRECEDING AND CURRENT ROW
);

-- deduplication: first row per device (processing time) and last row per device (event time)
SELECT device, site, temperature
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY device ORDER BY pt ASC) AS row_num
  FROM sensor_events
)
WHERE row_num = 1;

SELECT device, site, temperature, ts
FROM (
  SELECT device, site, temperature, ts,
         ROW_NUMBER() OVER (PARTITION BY device ORDER BY ts DESC) AS row_num
  FROM sensor_events
)
WHERE row_num = 1;

-- Top-N per site
SELECT site, device, temperature, rk
FROM (
  SELECT site, device, temperature,
         ROW_NUMBER() OVER (PARTITION BY site ORDER BY temperature DESC, device) AS rk
  FROM sensor_events
) ranked
WHERE rk <= 3;

-- Top-N without ranking number in the output
SELECT site, device, temperature
FROM (
  SELECT site, device, temperature,
         ROW_NUMBER() OVER (PARTITION BY site ORDER BY temperature ASC) AS rk
  FROM sensor_events
)
WHERE rk <= 5 AND temperature > -40;
