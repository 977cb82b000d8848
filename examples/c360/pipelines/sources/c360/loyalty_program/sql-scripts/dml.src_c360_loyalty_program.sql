INSERT INTO src_c360_loyalty_program
SELECT
  customer_id,
  loyalty_tier,
  points_balance,
  points_earned_ytd,
  points_redeemed_ytd,
  tier_start_date,
  lifetime_value,
  points_earned_ytd - points_redeemed_ytd AS net_points_ytd,
  CAST(points_redeemed_ytd AS DOUBLE) / NULLIF(points_earned_ytd, 0) AS redemption_rate,
  CASE loyalty_tier
    WHEN 'Bronze' THEN 1
    WHEN 'Silver' THEN 2
    WHEN 'Gold' THEN 3
    WHEN 'Platinum' THEN 4
    ELSE 0
  END AS tier_rank,
  CASE
    WHEN lifetime_value < 1000 THEN 'Low Value'
    WHEN lifetime_value < 5000 THEN 'Medium Value'
    WHEN lifetime_value < 10000 THEN 'High Value'
    ELSE 'VIP'
  END AS value_segment
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY $rowtime DESC) AS row_num
  FROM loyalty_program_raw
)
WHERE row_num = 1;
