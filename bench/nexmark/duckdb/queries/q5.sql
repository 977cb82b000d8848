-- Nexmark q5 (hot items): per HOP window (slide 2 s, size 10 s), the auctions with the most bids.
-- Result: auction BIGINT, num BIGINT (one row per window and tied top auction).
-- Flink aligns hopping windows to the epoch: an event at t belongs to the size / slide = 5 windows
-- starting at (t - t % 2000) - k * 2000, k = 0..4 (timestamps are positive, so % is a floor).
WITH hopped AS (
  SELECT auction, (epoch_ms("dateTime") - epoch_ms("dateTime") % 2000) - k * 2000 AS window_start
  FROM bid CROSS JOIN range(5) AS steps(k)
),
per_auction AS (
  SELECT auction, window_start, COUNT(*) AS num
  FROM hopped
  GROUP BY auction, window_start
),
max_per_window AS (
  SELECT window_start, MAX(num) AS maxn
  FROM per_auction
  GROUP BY window_start
)
SELECT p.auction, p.num
FROM per_auction AS p
JOIN max_per_window AS m ON p.window_start = m.window_start AND p.num >= m.maxn
ORDER BY ALL;
