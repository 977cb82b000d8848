-- Nexmark q8 (monitor new users): people who opened an auction in the 10 s TUMBLE window (epoch
-- aligned) in which they registered. GROUP BY without aggregates is DISTINCT.
-- Result: id BIGINT, name VARCHAR, stime TIMESTAMP(3) (the window start).
WITH new_people AS (
  SELECT DISTINCT id, name, epoch_ms("dateTime") - epoch_ms("dateTime") % 10000 AS starttime
  FROM person
),
new_auctions AS (
  SELECT DISTINCT seller, epoch_ms("dateTime") - epoch_ms("dateTime") % 10000 AS starttime
  FROM auction
)
SELECT np.id, np.name, make_timestamp(np.starttime * 1000) AS stime
FROM new_people AS np
JOIN new_auctions AS na ON np.id = na.seller AND np.starttime = na.starttime
ORDER BY ALL;
