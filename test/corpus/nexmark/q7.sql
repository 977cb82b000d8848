-- Nexmark q7 (highest bid): bids that carry the highest price of the preceding
-- 10-second tumbling window. Needs ddl.sql.

CREATE TABLE nexmark_q7 (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  `dateTime` TIMESTAMP(3),
  extra VARCHAR
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q7
SELECT b.auction, b.bidder, b.price, b.`dateTime`, b.extra
FROM bid b
JOIN (
  SELECT MAX(price) AS maxprice, window_end AS `dateTime`
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end
) top_bid
ON b.price = top_bid.maxprice
WHERE b.`dateTime` BETWEEN top_bid.`dateTime` - INTERVAL '10' SECOND AND top_bid.`dateTime`;
