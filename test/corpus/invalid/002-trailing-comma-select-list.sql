-- error: trailing comma at the end of the select list; FROM cannot start a select item
-- at: 3:26
SELECT order_id, status, FROM customer_orders;
