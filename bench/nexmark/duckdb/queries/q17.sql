-- Nexmark q17 (auction statistics): per auction and UTC day.
-- Result: auction BIGINT, day VARCHAR, total_bids, rank1_bids, rank2_bids, rank3_bids, min_price,
-- max_price, avg_price, sum_price (all BIGINT). Flink's AVG and SUM over BIGINT are BIGINT; AVG
-- truncates the quotient.
SELECT
  auction,
  strftime("dateTime", '%Y-%m-%d') AS day,
  COUNT(*) AS total_bids,
  COUNT(*) FILTER (WHERE price < 10000) AS rank1_bids,
  COUNT(*) FILTER (WHERE price >= 10000 AND price < 1000000) AS rank2_bids,
  COUNT(*) FILTER (WHERE price >= 1000000) AS rank3_bids,
  MIN(price) AS min_price,
  MAX(price) AS max_price,
  CAST(SUM(price) // COUNT(price) AS BIGINT) AS avg_price,
  CAST(SUM(price) AS BIGINT) AS sum_price
FROM bid
GROUP BY auction, day
ORDER BY ALL;
