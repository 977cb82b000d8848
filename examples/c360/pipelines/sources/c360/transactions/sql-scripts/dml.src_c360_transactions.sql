-- Completed transactions only, judged on each transaction's latest status: one that is later
-- refunded or cancelled leaves this table.
INSERT INTO src_c360_transactions
SELECT
  transaction_id,
  customer_id,
  transaction_date,
  channel,
  payment_method,
  subtotal,
  discount_amount,
  total_amount,
  CASE channel
    WHEN 'online' THEN 'Digital'
    WHEN 'mobile' THEN 'Digital'
    WHEN 'store' THEN 'Physical'
    ELSE 'Other'
  END AS channel_group,
  CASE WHEN discount_amount > 0 THEN 1 ELSE 0 END AS has_discount,
  CASE
    WHEN total_amount < 50 THEN 'Small'
    WHEN total_amount < 150 THEN 'Medium'
    WHEN total_amount < 300 THEN 'Large'
    ELSE 'XLarge'
  END AS order_size_category
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY transaction_id ORDER BY $rowtime DESC) AS row_num
  FROM transactions_raw
)
WHERE row_num = 1 AND status = 'completed';
