-- Nexmark q11 (user sessions): bids per bidder in SESSION windows with a 10 s gap.
-- Flink gives each event the window [t, t + gap) and merges windows that intersect, ends
-- included (TimeWindow.intersects: start <= other.end && end >= other.start), so a bid exactly
-- 10 s after the previous one still extends the session. SESSION_END is last event + gap.
-- Result: bidder BIGINT, bid_count BIGINT, starttime TIMESTAMP(3), endtime TIMESTAMP(3).
WITH gaps AS (
  SELECT bidder, epoch_ms("dateTime") AS ts,
         epoch_ms("dateTime") - LAG(epoch_ms("dateTime")) OVER (PARTITION BY bidder ORDER BY "dateTime") AS gap
  FROM bid
),
sessions AS (
  -- The default RANGE frame takes all peers (equal ts) at once, so ties never split a session.
  SELECT bidder, ts,
         SUM(CASE WHEN gap IS NULL OR gap > 10000 THEN 1 ELSE 0 END) OVER (PARTITION BY bidder ORDER BY ts) AS session
  FROM gaps
)
SELECT bidder, COUNT(*) AS bid_count,
       make_timestamp(MIN(ts) * 1000) AS starttime,
       make_timestamp((MAX(ts) + 10000) * 1000) AS endtime
FROM sessions
GROUP BY bidder, session
ORDER BY ALL;
