-- @dialect confluent
-- Customer 360 pipeline in Confluent Cloud Flink SQL, written for Headwater's corpus.
-- raw topics (append) -> deduplicated sources (upsert) -> transaction-grain
-- intermediate -> customer profile fact -> segment view. Columns follow the
-- c360 mock-data CSVs (customers, loyalty_program, support_tickets, app_usage,
-- transactions, transaction_items, products).

-- 1. raw topics ---------------------------------------------------------------

CREATE TABLE IF NOT EXISTS customers_raw (
  customer_id STRING,
  first_name STRING,
  last_name STRING,
  email STRING,
  phone STRING,
  date_of_birth DATE,
  gender STRING,
  registration_date TIMESTAMP(3),
  customer_segment STRING,
  preferred_channel STRING,
  address_line1 STRING,
  city STRING,
  state STRING,
  zip_code STRING,
  country STRING
) DISTRIBUTED BY HASH(customer_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'append',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'scan.startup.mode' = 'earliest-offset',
  'value.fields-include' = 'all'
);

CREATE TABLE IF NOT EXISTS loyalty_program_raw (
  customer_id STRING,
  loyalty_tier STRING,
  points_balance INT,
  points_earned_ytd INT,
  points_redeemed_ytd INT,
  tier_start_date DATE,
  lifetime_value DECIMAL(10, 2)
) DISTRIBUTED BY HASH(customer_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'append',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'value.fields-include' = 'all'
);

CREATE TABLE IF NOT EXISTS support_tickets_raw (
  ticket_id STRING,
  customer_id STRING,
  created_date TIMESTAMP(3),
  resolved_date TIMESTAMP(3),
  category STRING,
  priority STRING,
  status STRING,
  channel STRING,
  satisfaction_score INT
) DISTRIBUTED BY HASH(ticket_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'append',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'value.fields-include' = 'all'
);

CREATE TABLE IF NOT EXISTS app_usage_raw (
  usage_id STRING,
  customer_id STRING,
  session_date DATE,
  session_start TIMESTAMP(3),
  session_duration_minutes INT,
  pages_viewed INT,
  actions_taken INT,
  device_type STRING,
  app_version STRING
) DISTRIBUTED BY HASH(usage_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'append',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'value.fields-include' = 'all'
);

CREATE TABLE IF NOT EXISTS transactions_raw (
  transaction_id STRING,
  customer_id STRING,
  transaction_date TIMESTAMP(3),
  channel STRING,
  store_id STRING,
  payment_method STRING,
  subtotal DECIMAL(10, 2),
  tax_amount DECIMAL(10, 2),
  discount_amount DECIMAL(10, 2),
  total_amount DECIMAL(10, 2),
  currency STRING,
  status STRING
) DISTRIBUTED BY HASH(transaction_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'append',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'kafka.retention.time' = '0',
  'value.fields-include' = 'all'
);

CREATE TABLE IF NOT EXISTS transaction_items_raw (
  item_id STRING,
  transaction_id STRING,
  product_id STRING,
  quantity INT,
  unit_price DECIMAL(10, 2),
  line_total DECIMAL(10, 2),
  discount_applied DECIMAL(10, 2)
) DISTRIBUTED BY HASH(item_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'append',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'value.fields-include' = 'all'
);

CREATE TABLE IF NOT EXISTS products_raw (
  product_id STRING,
  product_name STRING,
  category STRING,
  subcategory STRING,
  brand STRING,
  price DECIMAL(10, 2),
  cost DECIMAL(10, 2),
  weight_kg DECIMAL(8, 3),
  dimensions STRING,
  color STRING,
  size STRING,
  created_date DATE,
  status STRING
) DISTRIBUTED BY HASH(product_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'append',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'value.fields-include' = 'all'
);

-- 2. deduplicated sources (upsert, keep the last record per key by $rowtime) -----

CREATE TABLE IF NOT EXISTS src_customers (
  customer_id STRING NOT NULL,
  first_name STRING,
  last_name STRING,
  email STRING,
  phone STRING,
  date_of_birth DATE,
  registration_date TIMESTAMP(3),
  customer_segment STRING,
  preferred_channel STRING,
  city STRING,
  state STRING,
  country STRING,
  age_years INT,
  days_since_registration INT,
  generation_segment STRING,
  PRIMARY KEY (customer_id) NOT ENFORCED
) DISTRIBUTED BY HASH(customer_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'value.fields-include' = 'all'
);

INSERT INTO src_customers
WITH latest_customers AS (
  SELECT *,
         $rowtime AS event_ts,
         ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY $rowtime DESC) AS row_num
  FROM customers_raw
  WHERE customer_id IS NOT NULL
)
SELECT
  customer_id,
  first_name,
  last_name,
  email,
  phone,
  date_of_birth,
  registration_date,
  customer_segment,
  preferred_channel,
  city,
  state,
  country,
  TIMESTAMPDIFF(YEAR, CAST(date_of_birth AS TIMESTAMP_LTZ(3)), event_ts) AS age_years,
  TIMESTAMPDIFF(DAY, CAST(registration_date AS TIMESTAMP_LTZ(3)), event_ts) AS days_since_registration,
  CASE
    WHEN TIMESTAMPDIFF(YEAR, CAST(date_of_birth AS TIMESTAMP_LTZ(3)), event_ts) < 25 THEN 'Gen Z'
    WHEN TIMESTAMPDIFF(YEAR, CAST(date_of_birth AS TIMESTAMP_LTZ(3)), event_ts) < 40 THEN 'Millennial'
    WHEN TIMESTAMPDIFF(YEAR, CAST(date_of_birth AS TIMESTAMP_LTZ(3)), event_ts) < 55 THEN 'Gen X'
    ELSE 'Boomer+'
  END AS generation_segment
FROM latest_customers
WHERE row_num = 1;

CREATE TABLE IF NOT EXISTS src_products (
  product_id STRING NOT NULL,
  product_name STRING,
  category STRING,
  brand STRING,
  price DECIMAL(10, 2),
  cost DECIMAL(10, 2),
  gross_margin DECIMAL(10, 2),
  price_segment STRING,
  category_group STRING,
  PRIMARY KEY (product_id) NOT ENFORCED
) DISTRIBUTED BY HASH(product_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry'
);

INSERT INTO src_products
SELECT
  product_id,
  product_name,
  category,
  brand,
  price,
  cost,
  CAST(price - cost AS DECIMAL(10, 2)) AS gross_margin,
  CASE
    WHEN price < 50 THEN 'Budget'
    WHEN price < 150 THEN 'Mid-Range'
    WHEN price < 300 THEN 'Premium'
    ELSE 'Luxury'
  END AS price_segment,
  CASE
    WHEN category IN ('Electronics', 'Computer') THEN 'Technology'
    WHEN category IN ('Apparel', 'Footwear', 'Accessories') THEN 'Fashion'
    WHEN category IN ('Home & Kitchen', 'Home & Garden', 'Home & Office') THEN 'Home'
    WHEN category IN ('Sports & Fitness', 'Health & Nutrition') THEN 'Health & Fitness'
    WHEN category IN ('Beauty', 'Personal Care') THEN 'Beauty & Personal Care'
    ELSE 'Other'
  END AS category_group
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY $rowtime DESC) AS row_num
  FROM products_raw
  WHERE product_id IS NOT NULL
)
WHERE row_num = 1 AND status = 'active';

CREATE TABLE IF NOT EXISTS src_transactions (
  transaction_id STRING NOT NULL,
  customer_id STRING,
  transaction_date TIMESTAMP(3),
  channel STRING,
  total_amount DECIMAL(10, 2),
  discount_amount DECIMAL(10, 2),
  channel_group STRING,
  has_discount INT,
  order_size_category STRING,
  PRIMARY KEY (transaction_id) NOT ENFORCED
) DISTRIBUTED BY HASH(transaction_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry'
);

INSERT INTO src_transactions
SELECT
  transaction_id,
  customer_id,
  transaction_date,
  channel,
  total_amount,
  discount_amount,
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
  WHERE transaction_id IS NOT NULL
)
WHERE row_num = 1 AND status = 'completed';

CREATE TABLE IF NOT EXISTS src_transaction_items (
  item_id STRING NOT NULL,
  transaction_id STRING,
  product_id STRING,
  quantity INT,
  unit_price DECIMAL(10, 2),
  line_total DECIMAL(10, 2),
  PRIMARY KEY (item_id) NOT ENFORCED
) DISTRIBUTED BY HASH(item_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry'
);

INSERT INTO src_transaction_items
SELECT item_id, transaction_id, product_id, quantity, unit_price, line_total
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY item_id ORDER BY $rowtime DESC) AS row_num
  FROM transaction_items_raw
  WHERE item_id IS NOT NULL
)
WHERE row_num = 1;

-- 3. intermediate: one row per transaction ------------------------------------

CREATE TABLE IF NOT EXISTS int_customer_transactions (
  transaction_id STRING NOT NULL,
  customer_id STRING,
  first_name STRING,
  last_name STRING,
  customer_segment STRING,
  preferred_channel STRING,
  transaction_date TIMESTAMP(3),
  channel STRING,
  channel_group STRING,
  total_amount DECIMAL(10, 2),
  items_purchased BIGINT,
  total_quantity INT,
  avg_item_price DECIMAL(10, 2),
  unique_categories BIGINT,
  purchased_categories MULTISET<STRING>,
  purchased_brands MULTISET<STRING>,
  used_preferred_channel INT,
  PRIMARY KEY (transaction_id) NOT ENFORCED
) DISTRIBUTED BY HASH(transaction_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry'
);

INSERT INTO int_customer_transactions
WITH transaction_summary AS (
  SELECT
    t.transaction_id,
    t.customer_id,
    t.transaction_date,
    t.channel,
    t.channel_group,
    t.total_amount,
    COUNT(i.product_id) AS items_purchased,
    SUM(i.quantity) AS total_quantity,
    CAST(AVG(i.unit_price) AS DECIMAL(10, 2)) AS avg_item_price,
    COUNT(DISTINCT p.category) AS unique_categories,
    COLLECT(p.category) AS purchased_categories,
    COLLECT(p.brand) AS purchased_brands
  FROM src_transactions t
  JOIN src_transaction_items i ON t.transaction_id = i.transaction_id
  JOIN src_products p ON i.product_id = p.product_id
  GROUP BY t.transaction_id, t.customer_id, t.transaction_date, t.channel, t.channel_group, t.total_amount
)
SELECT
  ts.transaction_id,
  ts.customer_id,
  c.first_name,
  c.last_name,
  c.customer_segment,
  c.preferred_channel,
  ts.transaction_date,
  ts.channel,
  ts.channel_group,
  ts.total_amount,
  ts.items_purchased,
  ts.total_quantity,
  ts.avg_item_price,
  ts.unique_categories,
  ts.purchased_categories,
  ts.purchased_brands,
  CASE WHEN c.preferred_channel = ts.channel THEN 1 ELSE 0 END AS used_preferred_channel
FROM transaction_summary ts
JOIN src_customers c ON ts.customer_id = c.customer_id;

-- 4. fact: one row per customer -----------------------------------------------

CREATE TABLE IF NOT EXISTS fct_customer_profile (
  customer_id STRING NOT NULL,
  first_name STRING,
  last_name STRING,
  email STRING,
  customer_segment STRING,
  generation_segment STRING,
  loyalty_tier STRING,
  lifetime_value DECIMAL(10, 2),
  total_transactions BIGINT,
  total_spent DECIMAL(38, 2),
  last_purchase_date TIMESTAMP_LTZ(3),
  days_since_last_purchase INT,
  total_tickets BIGINT,
  avg_satisfaction DOUBLE,
  urgent_tickets BIGINT,
  total_sessions BIGINT,
  engagement_score DOUBLE,
  customer_status STRING,
  recency_score INT,
  frequency_score INT,
  monetary_score INT,
  PRIMARY KEY (customer_id) NOT ENFORCED
) DISTRIBUTED BY HASH(customer_id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = 'upsert',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'value.fields-include' = 'all'
);

INSERT INTO fct_customer_profile
WITH loyalty AS (
  SELECT customer_id, loyalty_tier, lifetime_value
  FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY $rowtime DESC) AS row_num
    FROM loyalty_program_raw
  )
  WHERE row_num = 1
),
transaction_metrics AS (
  SELECT
    customer_id,
    COUNT(DISTINCT transaction_id) AS total_transactions,
    SUM(total_amount) AS total_spent,
    MAX(CAST(transaction_date AS TIMESTAMP_LTZ(3))) AS last_purchase
  FROM int_customer_transactions
  GROUP BY customer_id
),
support_summary AS (
  SELECT
    customer_id,
    COUNT(*) AS total_tickets,
    AVG(CAST(satisfaction_score AS DOUBLE)) AS avg_satisfaction,
    COUNT(*) FILTER (WHERE priority = 'urgent') AS urgent_tickets
  FROM support_tickets_raw
  GROUP BY customer_id
),
app_usage_summary AS (
  SELECT
    customer_id,
    COUNT(*) AS total_sessions,
    SUM(session_duration_minutes) * 0.3 + SUM(pages_viewed) * 0.4 + SUM(actions_taken) * 0.3 AS engagement_score
  FROM app_usage_raw
  GROUP BY customer_id
),
scored AS (
  SELECT
    c.customer_id,
    c.first_name,
    c.last_name,
    c.email,
    c.customer_segment,
    c.generation_segment,
    l.loyalty_tier,
    l.lifetime_value,
    COALESCE(tm.total_transactions, 0) AS total_transactions,
    COALESCE(tm.total_spent, 0) AS total_spent,
    tm.last_purchase,
    TIMESTAMPDIFF(DAY, tm.last_purchase, c.$rowtime) AS days_since_last_purchase,
    COALESCE(s.total_tickets, 0) AS total_tickets,
    s.avg_satisfaction,
    COALESCE(s.urgent_tickets, 0) AS urgent_tickets,
    COALESCE(a.total_sessions, 0) AS total_sessions,
    CAST(COALESCE(a.engagement_score, 0) AS DOUBLE) AS engagement_score
  FROM src_customers c
  LEFT JOIN loyalty l ON c.customer_id = l.customer_id
  LEFT JOIN transaction_metrics tm ON c.customer_id = tm.customer_id
  LEFT JOIN support_summary s ON c.customer_id = s.customer_id
  LEFT JOIN app_usage_summary a ON c.customer_id = a.customer_id
)
SELECT
  customer_id,
  first_name,
  last_name,
  email,
  customer_segment,
  generation_segment,
  loyalty_tier,
  lifetime_value,
  total_transactions,
  total_spent,
  last_purchase,
  days_since_last_purchase,
  total_tickets,
  avg_satisfaction,
  urgent_tickets,
  total_sessions,
  engagement_score,
  CASE
    WHEN days_since_last_purchase IS NULL THEN 'Never Purchased'
    WHEN days_since_last_purchase <= 30 THEN 'Active'
    WHEN days_since_last_purchase <= 90 THEN 'At Risk'
    ELSE 'Churned'
  END AS customer_status,
  CASE
    WHEN days_since_last_purchase IS NULL THEN 1
    WHEN days_since_last_purchase <= 30 THEN 5
    WHEN days_since_last_purchase <= 60 THEN 4
    WHEN days_since_last_purchase <= 90 THEN 3
    WHEN days_since_last_purchase <= 180 THEN 2
    ELSE 1
  END AS recency_score,
  CASE
    WHEN total_transactions >= 10 THEN 5
    WHEN total_transactions >= 5 THEN 4
    WHEN total_transactions >= 3 THEN 3
    WHEN total_transactions >= 1 THEN 2
    ELSE 1
  END AS frequency_score,
  CASE
    WHEN total_spent >= 1000 THEN 5
    WHEN total_spent >= 500 THEN 4
    WHEN total_spent >= 200 THEN 3
    WHEN total_spent >= 50 THEN 2
    ELSE 1
  END AS monetary_score
FROM scored;

-- 5. data product view ----------------------------------------------------------

CREATE VIEW customer_segments AS
SELECT
  customer_id,
  first_name,
  last_name,
  loyalty_tier,
  customer_status,
  CAST((recency_score + frequency_score + monetary_score) / 3.0 AS DECIMAL(10, 2)) AS customer_health_score,
  CASE
    WHEN recency_score >= 4 AND frequency_score >= 4 AND monetary_score >= 4 THEN 'Champion'
    WHEN recency_score >= 3 AND monetary_score >= 3 THEN 'Loyal'
    WHEN recency_score <= 2 AND monetary_score >= 4 THEN 'Cannot Lose'
    WHEN recency_score <= 2 THEN 'Hibernating'
    ELSE 'Needs Attention'
  END AS rfm_segment,
  CASE
    WHEN total_tickets = 0 THEN 'No Contact'
    WHEN avg_satisfaction >= 4 THEN 'Highly Satisfied'
    WHEN avg_satisfaction >= 3 THEN 'Satisfied'
    ELSE 'Needs Attention'
  END AS support_satisfaction_level,
  CASE WHEN total_sessions > 0 THEN 1 ELSE 0 END AS is_app_user,
  CASE WHEN loyalty_tier IN ('Bronze', 'Silver') AND lifetime_value > 2000 THEN 1 ELSE 0 END AS tier_upgrade_opportunity,
  $rowtime AS view_created_at
FROM fct_customer_profile
WHERE email IS NOT NULL AND email <> '';

SELECT rfm_segment, COUNT(*) AS customers, AVG(customer_health_score) AS avg_health
FROM customer_segments
GROUP BY rfm_segment;
