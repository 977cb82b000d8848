-- Nexmark q22 (URL directories): Flink's SPLIT_INDEX(url, '/', i) is the i-th (0-based) token
-- of the split keeping empty tokens, NULL past the end; DuckDB lists are 1-based and also NULL
-- past the end. 'https://host/d1/d2/d3/…' splits to ['https:', '', 'host', 'd1', …].
-- Result: auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, dir1, dir2, dir3 VARCHAR.
WITH parts AS (
  SELECT *, string_split(url, '/') AS tokens
  FROM bid
)
SELECT auction, bidder, price, channel, tokens[4] AS dir1, tokens[5] AS dir2, tokens[6] AS dir3
FROM parts
ORDER BY ALL;
