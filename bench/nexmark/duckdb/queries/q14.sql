-- Nexmark q14 (calculation): converted prices in a band, classified by UTC hour of day.
-- Result: auction BIGINT, bidder BIGINT, price DECIMAL(23, 3), bidTimeType VARCHAR,
-- dateTime TIMESTAMP(3), extra VARCHAR, c_counts BIGINT.
-- Nexmark's count_char UDF counts the occurrences of one character (0 for a NULL string).
CREATE OR REPLACE TEMP MACRO count_char(s, c) AS coalesce(length(s) - length(replace(s, c, '')), 0);

WITH converted AS (
  SELECT *, CAST(0.908 * CAST(price AS DECIMAL(20, 0)) AS DECIMAL(23, 3)) AS euros, hour("dateTime") AS h
  FROM bid
)
SELECT auction, bidder, euros AS price,
       CASE
         WHEN h >= 8 AND h <= 18 THEN 'dayTime'
         WHEN h <= 6 OR h >= 20 THEN 'nightTime'
         ELSE 'otherTime'
       END AS bidTimeType,
       "dateTime", extra, CAST(count_char(extra, 'c') AS BIGINT) AS c_counts
FROM converted
WHERE euros > 1000000 AND euros < 50000000
ORDER BY ALL;
