-- Legacy (deprecated but supported) group window aggregation in GROUP BY with the
-- auxiliary *_START / *_END / *_ROWTIME / *_PROCTIME functions.

CREATE TABLE meter_readings (
  meter_id STRING,
  kwh DOUBLE,
  read_at TIMESTAMP(3),
  proc AS PROCTIME(),
  WATERMARK FOR read_at AS read_at - INTERVAL '1' MINUTE
) WITH ('connector' = 'datagen');

SELECT meter_id,
       TUMBLE_START(read_at, INTERVAL '1' HOUR) AS hour_start,
       TUMBLE_END(read_at, INTERVAL '1' HOUR) AS hour_end,
       SUM(kwh) AS total_kwh
FROM meter_readings
GROUP BY TUMBLE(read_at, INTERVAL '1' HOUR), meter_id;

SELECT meter_id,
       TUMBLE_ROWTIME(read_at, INTERVAL '15' MINUTE) AS rt,
       AVG(kwh)
FROM meter_readings
GROUP BY meter_id, TUMBLE(read_at, INTERVAL '15' MINUTE);

SELECT TUMBLE_PROCTIME(proc, INTERVAL '10' SECOND) AS pt, COUNT(*)
FROM meter_readings
GROUP BY TUMBLE(proc, INTERVAL '10' SECOND);

SELECT meter_id,
       HOP_START(read_at, INTERVAL '5' MINUTE, INTERVAL '1' HOUR) AS win_start,
       HOP_END(read_at, INTERVAL '5' MINUTE, INTERVAL '1' HOUR) AS win_end,
       MAX(kwh) AS peak
FROM meter_readings
GROUP BY HOP(read_at, INTERVAL '5' MINUTE, INTERVAL '1' HOUR), meter_id;

SELECT HOP_ROWTIME(read_at, INTERVAL '1' MINUTE, INTERVAL '10' MINUTE), COUNT(DISTINCT meter_id)
FROM meter_readings
GROUP BY HOP(read_at, INTERVAL '1' MINUTE, INTERVAL '10' MINUTE);

SELECT meter_id,
       SESSION_START(read_at, INTERVAL '30' MINUTE) AS session_start,
       SESSION_END(read_at, INTERVAL '30' MINUTE) AS session_end,
       SESSION_ROWTIME(read_at, INTERVAL '30' MINUTE) AS session_rowtime,
       COUNT(*) AS readings
FROM meter_readings
GROUP BY SESSION(read_at, INTERVAL '30' MINUTE), meter_id;

SELECT meter_id, SESSION_PROCTIME(proc, INTERVAL '5' SECOND), SUM(kwh)
FROM meter_readings
GROUP BY meter_id, SESSION(proc, INTERVAL '5' SECOND);

-- aggregate over the result of a legacy window using its rowtime
SELECT meter_id,
       TUMBLE_START(rt, INTERVAL '1' DAY) AS day_start,
       SUM(hour_kwh) AS day_kwh
FROM (
  SELECT meter_id,
         TUMBLE_ROWTIME(read_at, INTERVAL '1' HOUR) AS rt,
         SUM(kwh) AS hour_kwh
  FROM meter_readings
  GROUP BY TUMBLE(read_at, INTERVAL '1' HOUR), meter_id
)
GROUP BY TUMBLE(rt, INTERVAL '1' DAY), meter_id;
