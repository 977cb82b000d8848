-- Nexmark q4 (average price per category): highest bid of each auction within its
-- lifetime, then the average of those per category. Needs ddl.sql.

CREATE TABLE nexmark_q4 (
  id BIGINT,
  final BIGINT
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q4
SELECT winners.category, AVG(winners.final)
FROM (
  SELECT MAX(b.price) AS final, a.category
  FROM auction a, bid b
  WHERE a.id = b.auction
    AND b.`dateTime` BETWEEN a.`dateTime` AND a.expires
  GROUP BY a.id, a.category
) winners
GROUP BY winners.category;
