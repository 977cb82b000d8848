-- Nexmark q20 (expand bid with auction): bids joined with their auction, category 10 only.
-- Result: auction, bidder, price BIGINT, channel, url VARCHAR, bid_dateTime TIMESTAMP(3),
-- bid_extra, itemName, description VARCHAR, initialBid, reserve BIGINT, auction_dateTime,
-- expires TIMESTAMP(3), seller, category BIGINT, auction_extra VARCHAR.
SELECT b.auction, b.bidder, b.price, b.channel, b.url, b."dateTime" AS bid_dateTime, b.extra AS bid_extra,
       a.itemName, a.description, a.initialBid, a.reserve, a."dateTime" AS auction_dateTime, a.expires,
       a.seller, a.category, a.extra AS auction_extra
FROM bid AS b
JOIN auction AS a ON b.auction = a.id
WHERE a.category = 10
ORDER BY ALL;
