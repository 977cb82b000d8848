-- error: GROUP must be followed by BY
-- at: 3:52
SELECT status, COUNT(*) FROM customer_orders GROUP status;
