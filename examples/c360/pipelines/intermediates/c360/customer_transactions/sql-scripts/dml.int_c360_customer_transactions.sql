-- One row per transaction (the seed keyed this table by customer, which kept only each customer's
-- latest transaction): its items and their products, and the buying customer. Items are summed per
-- transaction before the transaction joins them, so the join and aggregate state is keyed by one id
-- (not by every transaction column) and holds item rows narrowed to what the summary needs.
INSERT INTO int_c360_customer_transactions
WITH item_summary AS (
  SELECT
    i.transaction_id,
    COUNT(i.item_id) AS items_purchased,
    SUM(i.quantity) AS total_quantity,
    COUNT(DISTINCT p.category) AS unique_categories,
    COUNT(DISTINCT p.brand) AS unique_brands
  FROM src_c360_transaction_items i
  JOIN src_c360_products p ON i.product_id = p.product_id
  GROUP BY i.transaction_id
)
SELECT
  t.transaction_id,
  t.customer_id,
  c.customer_segment,
  c.preferred_channel,
  t.transaction_date,
  t.channel,
  t.channel_group,
  t.total_amount,
  t.discount_amount,
  t.order_size_category,
  s.items_purchased,
  s.total_quantity,
  s.unique_categories,
  s.unique_brands,
  CASE WHEN c.preferred_channel = t.channel THEN 1 ELSE 0 END AS used_preferred_channel
FROM src_c360_transactions t
JOIN item_summary s ON t.transaction_id = s.transaction_id
JOIN src_c360_customers c ON t.customer_id = c.customer_id;
