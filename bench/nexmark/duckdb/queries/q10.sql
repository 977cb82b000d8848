-- Nexmark q10 (log to file system): the rows the partitioned file sink would write, with their
-- partition values (day, hour:minute of the UTC event time).
-- Result: auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3), extra VARCHAR,
-- dt VARCHAR, hm VARCHAR.
SELECT auction, bidder, price, "dateTime", extra,
       strftime("dateTime", '%Y-%m-%d') AS dt,
       strftime("dateTime", '%H:%M') AS hm
FROM bid
ORDER BY ALL;
