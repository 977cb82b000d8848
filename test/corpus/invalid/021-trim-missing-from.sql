-- error: TRIM(BOTH 'x' ...) needs FROM before the string to trim
-- at: 3:22
SELECT TRIM(BOTH 'x' status) FROM customer_orders;
