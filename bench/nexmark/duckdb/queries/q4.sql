-- Nexmark q4 (average price per category): final state after all retractions.
-- Result: id BIGINT (the category), final BIGINT.
-- Flink's AVG over BIGINT is BIGINT: the sum divided by the count, truncated (DuckDB's // truncates too).
WITH winners AS (
  SELECT MAX(b.price) AS final, a.category
  FROM auction AS a
  JOIN bid AS b ON a.id = b.auction
  WHERE b."dateTime" BETWEEN a."dateTime" AND a.expires
  GROUP BY a.id, a.category
)
SELECT category AS id, CAST(SUM(final) // COUNT(final) AS BIGINT) AS final
FROM winners
GROUP BY category
ORDER BY ALL;
