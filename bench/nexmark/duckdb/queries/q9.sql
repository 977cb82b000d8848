-- Nexmark q9 (winning bids): each auction with its highest bid within its lifetime, earliest first
-- on equal prices. On a full tie (price and time) Flink's Top-1 keeps the row that reached it
-- first; the join emits in bid arrival order, so the bid's rowid (file order) breaks the tie.
-- Result: id, itemName, description, initialBid, reserve, dateTime, expires, seller, category,
-- extra (the auction), auction, bidder, price BIGINT, bid_dateTime TIMESTAMP(3), bid_extra VARCHAR.
WITH ranked AS (
  SELECT a.*, b.auction, b.bidder, b.price, b."dateTime" AS bid_dateTime, b.extra AS bid_extra,
         ROW_NUMBER() OVER (PARTITION BY a.id ORDER BY b.price DESC, b."dateTime" ASC, b.rowid ASC) AS rownum
  FROM auction AS a
  JOIN bid AS b ON a.id = b.auction
  WHERE b."dateTime" BETWEEN a."dateTime" AND a.expires
)
SELECT id, itemName, description, initialBid, reserve, "dateTime", expires, seller, category, extra,
       auction, bidder, price, bid_dateTime, bid_extra
FROM ranked
WHERE rownum = 1
ORDER BY ALL;
