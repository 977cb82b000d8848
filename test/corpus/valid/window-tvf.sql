-- Window table-valued functions: TUMBLE, HOP, CUMULATE, SESSION; positional and named
-- arguments, offsets; window aggregation, Top-N, deduplication and join.

CREATE TABLE trades (
  trade_id BIGINT,
  symbol STRING,
  venue STRING,
  price DECIMAL(10, 4),
  volume INT,
  trade_time TIMESTAMP(3),
  proc_time AS PROCTIME(),
  WATERMARK FOR trade_time AS trade_time - INTERVAL '2' SECOND
) WITH ('connector' = 'datagen');

CREATE TABLE quotes (
  symbol STRING,
  bid DECIMAL(10, 4),
  ask DECIMAL(10, 4),
  quote_time TIMESTAMP(3),
  WATERMARK FOR quote_time AS quote_time - INTERVAL '2' SECOND
) WITH ('connector' = 'datagen');

CREATE TABLE ticks (
  symbol STRING,
  last_price DECIMAL(10, 4),
  tick_time TIMESTAMP_LTZ(3),
  WATERMARK FOR tick_time AS tick_time - INTERVAL '1' SECOND
) WITH ('connector' = 'datagen');

SELECT * FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '1' MINUTE));

SELECT window_start, window_end, symbol, SUM(volume) AS total_volume, MAX(price) AS high
FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, symbol;

SELECT window_start, window_end, window_time, COUNT(*) AS trade_count
FROM TABLE(
  TUMBLE(
    DATA => TABLE trades,
    TIMECOL => DESCRIPTOR(trade_time),
    SIZE => INTERVAL '10' MINUTES))
GROUP BY window_start, window_end, window_time;

-- tumbling window with an offset
SELECT window_start, symbol, COUNT(*)
FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '1' DAY, INTERVAL '-8' HOUR))
GROUP BY window_start, window_end, symbol;

SELECT window_start, window_end, symbol, AVG(price) AS avg_price
FROM TABLE(HOP(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '5' MINUTES, INTERVAL '15' MINUTES))
GROUP BY window_start, window_end, symbol;

SELECT window_start, window_end, SUM(volume)
FROM TABLE(
  HOP(
    DATA => TABLE trades,
    TIMECOL => DESCRIPTOR(trade_time),
    SLIDE => INTERVAL '1' MINUTE,
    SIZE => INTERVAL '5' MINUTE,
    OFFSET => INTERVAL '30' SECOND))
GROUP BY window_start, window_end;

SELECT window_start, window_end, symbol, SUM(volume) AS cumulative_volume
FROM TABLE(CUMULATE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '1' HOUR, INTERVAL '1' DAY))
GROUP BY window_start, window_end, symbol;

SELECT window_start, window_end, COUNT(*)
FROM TABLE(
  CUMULATE(
    DATA => TABLE trades,
    TIMECOL => DESCRIPTOR(trade_time),
    STEP => INTERVAL '2' MINUTES,
    SIZE => INTERVAL '10' MINUTES))
GROUP BY window_start, window_end;

SELECT window_start, window_end, COUNT(*) AS burst
FROM TABLE(SESSION(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '30' SECOND))
GROUP BY window_start, window_end;

SELECT window_start, window_end, symbol, SUM(volume)
FROM TABLE(SESSION(TABLE trades PARTITION BY symbol, DESCRIPTOR(trade_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, symbol;

SELECT window_start, window_end, symbol, venue, COUNT(*)
FROM TABLE(SESSION(TABLE trades PARTITION BY (symbol, venue), DESCRIPTOR(trade_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, symbol, venue;

-- processing-time window
SELECT window_start, window_end, COUNT(*)
FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(proc_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;

-- window TVF over a TIMESTAMP_LTZ time attribute
SELECT window_start, window_end, window_time, symbol, MIN(last_price) AS low, MAX(last_price) AS high
FROM TABLE(TUMBLE(TABLE ticks, DESCRIPTOR(tick_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, window_time, symbol;

-- window aggregation with grouping sets
SELECT window_start, window_end, symbol, venue, SUM(volume)
FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '5' MINUTES))
GROUP BY window_start, window_end, GROUPING SETS ((symbol, venue), (symbol), ());

SELECT window_start, window_end, symbol, venue, SUM(volume)
FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '5' MINUTES))
GROUP BY window_start, window_end, ROLLUP (symbol, venue);

SELECT window_start, window_end, symbol, venue, SUM(volume)
FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '5' MINUTES))
GROUP BY window_start, window_end, CUBE (symbol, venue);

-- cascading window aggregation: window_time stays a time attribute
CREATE TEMPORARY VIEW minute_volumes AS
SELECT window_time AS rowtime, symbol, SUM(volume) AS minute_volume
FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, window_time, symbol;

SELECT window_start, window_end, SUM(minute_volume) AS hour_volume
FROM TABLE(TUMBLE(TABLE minute_volumes, DESCRIPTOR(rowtime), INTERVAL '1' HOUR))
GROUP BY window_start, window_end;

-- window Top-N after window aggregation
SELECT *
FROM (
  SELECT *,
         ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total_volume DESC) AS rn
  FROM (
    SELECT window_start, window_end, symbol, SUM(volume) AS total_volume
    FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '10' MINUTES))
    GROUP BY window_start, window_end, symbol
  )
)
WHERE rn <= 3;

-- window Top-N directly on the window TVF
SELECT *
FROM (
  SELECT trade_id, symbol, price, window_start, window_end,
         ROW_NUMBER() OVER (PARTITION BY window_start, window_end, symbol ORDER BY price DESC) AS rn
  FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '1' MINUTE))
)
WHERE rn <= 5;

-- window deduplication: keep the last trade per symbol and window
SELECT *
FROM (
  SELECT trade_id, symbol, price, trade_time, window_start, window_end,
         ROW_NUMBER() OVER (PARTITION BY window_start, window_end, symbol ORDER BY trade_time DESC) AS rn
  FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '1' MINUTE))
)
WHERE rn = 1;

-- window join
SELECT t.symbol, t.price, q.bid, q.ask, t.window_start, t.window_end
FROM (
  SELECT * FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '1' MINUTE))
) t
JOIN (
  SELECT symbol, bid, ask, window_start, window_end
  FROM TABLE(TUMBLE(TABLE quotes, DESCRIPTOR(quote_time), INTERVAL '1' MINUTE))
) q
ON t.symbol = q.symbol
AND t.window_start = q.window_start
AND t.window_end = q.window_end;

-- window anti join
SELECT symbol, trade_id, window_start, window_end
FROM (
  SELECT * FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(trade_time), INTERVAL '1' MINUTE))
) t
WHERE t.symbol NOT IN (
  SELECT q.symbol FROM (
    SELECT * FROM TABLE(TUMBLE(TABLE quotes, DESCRIPTOR(quote_time), INTERVAL '1' MINUTE))
  ) q
  WHERE t.window_start = q.window_start AND t.window_end = q.window_end
);
