-- error: FORTNIGHT is not an interval unit (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND ...)
-- at: 3:34
SELECT order_time + INTERVAL '1' FORTNIGHT FROM customer_orders;
