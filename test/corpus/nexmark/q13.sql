-- Nexmark q13 (bounded side input join): enrich bids from a static file with a
-- processing-time temporal (lookup) join. Needs ddl.sql.

CREATE TABLE side_input (
  `key` BIGINT,
  `value` VARCHAR
) WITH (
  'connector' = 'filesystem',
  'path' = 'file:///tmp/nexmark/side_input.txt',
  'format' = 'csv'
);

CREATE TABLE nexmark_q13 (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  `dateTime` TIMESTAMP(3),
  `value` VARCHAR
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q13
SELECT
  b.auction,
  b.bidder,
  b.price,
  b.`dateTime`,
  s.`value`
FROM (SELECT *, PROCTIME() AS p_time FROM bid) b
JOIN side_input FOR SYSTEM_TIME AS OF b.p_time AS s
  ON MOD(b.auction, 10000) = s.`key`;
