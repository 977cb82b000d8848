-- Nexmark q19 (Top-10 price per auction), with the rank number. Flink's append-only Top-N keeps
-- rows with equal prices in arrival order, so the earlier arrival (lower rowid) ranks first.
-- Result: auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
-- dateTime TIMESTAMP(3), extra VARCHAR, rank_number BIGINT.
WITH ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC, rowid ASC) AS rank_number
  FROM bid
)
SELECT auction, bidder, price, channel, url, "dateTime", extra, rank_number
FROM ranked
WHERE rank_number <= 10
ORDER BY ALL;
