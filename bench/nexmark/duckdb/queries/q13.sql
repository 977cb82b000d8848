-- Nexmark q13 (bounded side input join): the side input file is static, so the processing-time
-- lookup join is a plain inner join on MOD(auction, 10000) = key.
-- Result: auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3), value VARCHAR.
SELECT b.auction, b.bidder, b.price, b."dateTime", s.value
FROM bid AS b
JOIN side_input AS s ON b.auction % 10000 = s.key
ORDER BY ALL;
