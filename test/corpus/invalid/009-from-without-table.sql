-- error: FROM is followed by WHERE; a table reference is missing
-- at: 3:22
SELECT order_id FROM WHERE order_id > 1;
