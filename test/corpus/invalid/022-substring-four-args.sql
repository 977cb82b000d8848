-- error: SUBSTRING takes at most three arguments (string, start, length)
-- at: 3:30
SELECT SUBSTRING(status, 1, 2, 3) FROM customer_orders;
