-- One row per transaction (the seed keyed this table by customer, which kept only each customer's
-- latest transaction): its items and their products, and the buying customer.
INSERT INTO int_c360_customer_transactions
WITH transaction_summary AS (
  SELECT
    t.transaction_id,
    t.customer_id,
    t.transaction_date,
    t.channel,
    t.channel_group,
    t.total_amount,
    t.discount_amount,
    t.order_size_category,
    COUNT(i.item_id) AS items_purchased,
    SUM(i.quantity) AS total_quantity,
    COUNT(DISTINCT p.category) AS unique_categories,
    COUNT(DISTINCT p.brand) AS unique_brands
  FROM src_c360_transactions t
  JOIN src_c360_transaction_items i ON t.transaction_id = i.transaction_id
  JOIN src_c360_products p ON i.product_id = p.product_id
  GROUP BY t.transaction_id, t.customer_id, t.transaction_date, t.channel, t.channel_group,
    t.total_amount, t.discount_amount, t.order_size_category
)
SELECT
  ts.transaction_id,
  ts.customer_id,
  c.customer_segment,
  c.preferred_channel,
  ts.transaction_date,
  ts.channel,
  ts.channel_group,
  ts.total_amount,
  ts.discount_amount,
  ts.order_size_category,
  ts.items_purchased,
  ts.total_quantity,
  ts.unique_categories,
  ts.unique_brands,
  CASE WHEN c.preferred_channel = ts.channel THEN 1 ELSE 0 END AS used_preferred_channel
FROM transaction_summary ts
JOIN src_c360_customers c ON ts.customer_id = c.customer_id;
