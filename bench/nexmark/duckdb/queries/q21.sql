-- Nexmark q21 (add channel id): well-known channels map to fixed ids, others take the URL's
-- channel_id parameter. Flink's REGEXP_EXTRACT is NULL when nothing matches; DuckDB's
-- regexp_extract returns '' then, so the match is tested explicitly.
-- Result: auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, channel_id VARCHAR.
WITH extracted AS (
  SELECT *, CASE
              WHEN regexp_matches(url, '(&|^)channel_id=([^&]*)')
              THEN regexp_extract(url, '(&|^)channel_id=([^&]*)', 2)
            END AS url_channel_id
  FROM bid
)
SELECT auction, bidder, price, channel,
       CASE lower(channel)
         WHEN 'apple' THEN '0'
         WHEN 'google' THEN '1'
         WHEN 'facebook' THEN '2'
         WHEN 'baidu' THEN '3'
         ELSE url_channel_id
       END AS channel_id
FROM extracted
WHERE url_channel_id IS NOT NULL OR lower(channel) IN ('apple', 'google', 'facebook', 'baidu')
ORDER BY ALL;
