-- Nexmark q1 (currency conversion): price in euros.
-- Result: auction BIGINT, bidder BIGINT, price DECIMAL(23, 3), dateTime TIMESTAMP(3), extra VARCHAR.
-- Flink types 0.908 * BIGINT as DECIMAL(23, 3); DuckDB's exact decimal product is cast to that type.
SELECT auction, bidder, CAST(0.908 * CAST(price AS DECIMAL(20, 0)) AS DECIMAL(23, 3)) AS price, "dateTime", extra
FROM bid
ORDER BY ALL;
