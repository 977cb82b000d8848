-- Nexmark q5 (hot items): auctions with the most bids in each sliding window
-- (10 s windows every 2 s). Needs ddl.sql.

CREATE TABLE nexmark_q5 (
  auction BIGINT,
  num BIGINT
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q5
SELECT per_auction.auction, per_auction.num
FROM (
  SELECT auction,
         COUNT(*) AS num,
         window_start AS starttime,
         window_end AS endtime
  FROM TABLE(HOP(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end
) AS per_auction
JOIN (
  SELECT MAX(counts.num) AS maxn, counts.starttime, counts.endtime
  FROM (
    SELECT COUNT(*) AS num,
           window_start AS starttime,
           window_end AS endtime
    FROM TABLE(HOP(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
    GROUP BY auction, window_start, window_end
  ) AS counts
  GROUP BY counts.starttime, counts.endtime
) AS max_per_window
ON per_auction.starttime = max_per_window.starttime
AND per_auction.endtime = max_per_window.endtime
AND per_auction.num >= max_per_window.maxn;
