-- error: CASE expression is not closed with END
-- at: 3:55
SELECT CASE WHEN amount > 100 THEN 'big' ELSE 'small' FROM customer_orders;
