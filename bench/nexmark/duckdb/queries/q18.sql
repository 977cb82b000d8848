-- Nexmark q18 (find last bid): the latest bid per (bidder, auction). Flink's rowtime dedup
-- keep-last replaces the kept row when the new one's time is >= the kept one's, so on equal
-- times the later arrival (higher rowid) wins.
-- Result: auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
-- dateTime TIMESTAMP(3), extra VARCHAR.
WITH ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY "dateTime" DESC, rowid DESC) AS rank_number
  FROM bid
)
SELECT auction, bidder, price, channel, url, "dateTime", extra
FROM ranked
WHERE rank_number = 1
ORDER BY ALL;
