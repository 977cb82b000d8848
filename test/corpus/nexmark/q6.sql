-- Nexmark q6 (average selling price by seller): average of the winning prices of
-- each seller's last 10 closed auctions. Binds and parses; Flink's planner rejects the
-- OVER aggregation over the updating Top-1 result (FLINK-19059), so it is not in the
-- upstream benchmark run. Needs ddl.sql.

CREATE TABLE nexmark_q6 (
  seller BIGINT,
  avg_price BIGINT
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q6
SELECT
  w.seller,
  AVG(w.price) OVER (PARTITION BY w.seller ORDER BY w.`dateTime` ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)
FROM (
  SELECT id, seller, price, `dateTime`
  FROM (
    SELECT a.id, a.seller, b.price, b.`dateTime`,
           ROW_NUMBER() OVER (PARTITION BY a.id, a.seller ORDER BY b.price DESC) AS rownum
    FROM auction AS a, bid AS b
    WHERE a.id = b.auction
      AND b.`dateTime` BETWEEN a.`dateTime` AND a.expires
  )
  WHERE rownum <= 1
) AS w;
