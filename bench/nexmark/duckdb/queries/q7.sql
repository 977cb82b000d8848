-- Nexmark q7 (highest bid): bids whose price is the maximum of a 10 s TUMBLE window and whose time
-- lies in [window_end - 10 s, window_end] (both ends inclusive, as BETWEEN is; so a bid exactly at
-- window_end can match the previous window's maximum too). Regular join: every match is emitted.
-- Result: auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3), extra VARCHAR.
WITH windowed AS (
  SELECT price, epoch_ms("dateTime") - epoch_ms("dateTime") % 10000 AS window_start
  FROM bid
),
top_bid AS (
  SELECT MAX(price) AS maxprice, window_start + 10000 AS window_end
  FROM windowed
  GROUP BY window_start
)
SELECT b.auction, b.bidder, b.price, b."dateTime", b.extra
FROM bid AS b
JOIN top_bid AS t ON b.price = t.maxprice
WHERE epoch_ms(b."dateTime") BETWEEN t.window_end - 10000 AND t.window_end
ORDER BY ALL;
