-- Nexmark q2 (selection): bids on auctions whose id is a multiple of 123.
-- Result: auction BIGINT, price BIGINT.
SELECT auction, price
FROM bid
WHERE auction % 123 = 0
ORDER BY ALL;
