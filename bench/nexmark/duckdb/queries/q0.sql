-- Nexmark q0 (pass-through): every bid.
-- Result: auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3), extra VARCHAR.
SELECT auction, bidder, price, "dateTime", extra
FROM bid
ORDER BY ALL;
