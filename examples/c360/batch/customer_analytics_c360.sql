-- Customer 360 as one batch query on DuckDB: the same logic as the streaming pipeline, computed
-- from the raw tables in one pass. `headwater parity` loads every raw record into a table named
-- like its topic, with two extra columns — `_rowtime` (the record timestamp) and `_seq` (arrival
-- order, which breaks ties between equal timestamps as the streaming deduplication does) — plus a
-- one-row table `clock(now TIMESTAMP)` holding the engine's clock, then compares this result with
-- the streaming view row for row.
CREATE OR REPLACE TEMP VIEW customer_analytics_c360 AS
WITH
latest_customers AS (
  SELECT * FROM customers_raw
  QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY _rowtime DESC, _seq DESC) = 1
),
src_c360_customers AS (
  SELECT customer_id, first_name, last_name, NULLIF(LOWER(TRIM(email)), '') AS email, customer_segment,
    preferred_channel, date_of_birth, registration_date, city, state, country
  FROM latest_customers
),
src_c360_loyalty_program AS (
  SELECT customer_id, loyalty_tier, points_balance, lifetime_value,
    CAST(points_redeemed_ytd AS DOUBLE) / NULLIF(points_earned_ytd, 0) AS redemption_rate,
    CASE
      WHEN lifetime_value < 1000 THEN 'Low Value'
      WHEN lifetime_value < 5000 THEN 'Medium Value'
      WHEN lifetime_value < 10000 THEN 'High Value'
      ELSE 'VIP'
    END AS value_segment
  FROM loyalty_program_raw
  QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY _rowtime DESC, _seq DESC) = 1
),
src_c360_support_tickets AS (
  SELECT * FROM support_tickets_raw
  QUALIFY ROW_NUMBER() OVER (PARTITION BY ticket_id ORDER BY _rowtime DESC, _seq DESC) = 1
),
src_c360_app_usage AS (
  SELECT * FROM app_usage_raw
  QUALIFY ROW_NUMBER() OVER (PARTITION BY usage_id ORDER BY _rowtime DESC, _seq DESC) = 1
),
latest_transactions AS (
  SELECT * FROM transactions_raw
  QUALIFY ROW_NUMBER() OVER (PARTITION BY transaction_id ORDER BY _rowtime DESC, _seq DESC) = 1
),
src_c360_transactions AS (
  SELECT transaction_id, customer_id, transaction_date, channel, total_amount
  FROM latest_transactions
  WHERE status = 'completed'
),
src_c360_transaction_items AS (
  SELECT * FROM transaction_items_raw
  QUALIFY ROW_NUMBER() OVER (PARTITION BY item_id ORDER BY _rowtime DESC, _seq DESC) = 1
),
latest_products AS (
  SELECT * FROM products_raw
  QUALIFY ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY _rowtime DESC, _seq DESC) = 1
),
src_c360_products AS (
  SELECT product_id FROM latest_products WHERE status = 'active'
),
-- A transaction counts once it has at least one item of a product on sale (inner joins), and
-- only for a known customer.
int_c360_customer_transactions AS (
  SELECT t.transaction_id, t.customer_id, t.transaction_date, t.channel, t.total_amount,
    CASE WHEN c.preferred_channel = t.channel THEN 1 ELSE 0 END AS used_preferred_channel
  FROM src_c360_transactions t
  JOIN src_c360_customers c ON t.customer_id = c.customer_id
  WHERE EXISTS (
    SELECT 1 FROM src_c360_transaction_items i JOIN src_c360_products p ON i.product_id = p.product_id
    WHERE i.transaction_id = t.transaction_id
  )
),
transaction_metrics AS (
  SELECT customer_id,
    COUNT(*) AS total_transactions,
    CAST(SUM(total_amount) AS DECIMAL(12, 2)) AS total_spent,
    AVG(CAST(total_amount AS DOUBLE)) AS avg_order_value,
    MIN(transaction_date) AS first_purchase_date,
    MAX(transaction_date) AS last_purchase_date,
    COUNT(DISTINCT channel) AS channels_used
  FROM int_c360_customer_transactions
  GROUP BY customer_id
),
support_summary AS (
  SELECT customer_id,
    COUNT(*) AS total_support_tickets,
    COUNT(*) FILTER (WHERE status = 'resolved') AS resolved_support_tickets,
    AVG(CAST(satisfaction_score AS DOUBLE)) AS avg_satisfaction,
    MAX(created_date) AS last_ticket_date,
    COUNT(*) FILTER (WHERE priority = 'urgent') AS urgent_support_tickets
  FROM src_c360_support_tickets
  GROUP BY customer_id
),
app_usage_summary AS (
  SELECT customer_id,
    COUNT(*) AS total_app_sessions,
    SUM(session_duration_minutes) AS total_session_minutes,
    AVG(CAST(session_duration_minutes AS DOUBLE)) AS avg_session_duration,
    CAST(SUM(session_duration_minutes) * 0.3 + SUM(pages_viewed) * 0.4 + SUM(actions_taken) * 0.3 AS DOUBLE) AS engagement,
    MAX(session_date) AS last_app_use_date,
    COUNT(DISTINCT device_type) AS unique_device_types
  FROM src_c360_app_usage
  GROUP BY customer_id
),
aged AS (
  SELECT c.*, l.loyalty_tier, l.points_balance, l.lifetime_value, l.value_segment, l.redemption_rate,
    COALESCE(tm.total_transactions, 0) AS total_transactions,
    COALESCE(tm.total_spent, 0) AS total_spent,
    tm.avg_order_value, tm.first_purchase_date, tm.last_purchase_date,
    COALESCE(tm.channels_used, 0) AS channels_used,
    COALESCE(a.total_app_sessions, 0) AS total_app_sessions,
    COALESCE(a.total_session_minutes, 0) AS total_session_minutes,
    a.avg_session_duration,
    COALESCE(a.engagement, 0) AS app_engagement_score,
    a.last_app_use_date,
    COALESCE(a.unique_device_types, 0) AS unique_device_types,
    COALESCE(s.total_support_tickets, 0) AS total_support_tickets,
    COALESCE(s.resolved_support_tickets, 0) AS resolved_support_tickets,
    s.avg_satisfaction, s.last_ticket_date,
    COALESCE(s.urgent_support_tickets, 0) AS urgent_support_tickets,
    datesub('year', CAST(c.date_of_birth AS TIMESTAMP), (SELECT now FROM clock)) AS age_years,
    datesub('day', c.registration_date, (SELECT now FROM clock)) AS days_since_registration,
    datesub('day', tm.last_purchase_date, (SELECT now FROM clock)) AS days_since_last_purchase
  FROM src_c360_customers c
  LEFT JOIN src_c360_loyalty_program l ON c.customer_id = l.customer_id
  LEFT JOIN transaction_metrics tm ON c.customer_id = tm.customer_id
  LEFT JOIN support_summary s ON c.customer_id = s.customer_id
  LEFT JOIN app_usage_summary a ON c.customer_id = a.customer_id
  WHERE c.email IS NOT NULL
),
scored AS (
  SELECT aged.*,
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
    END AS monetary_score,
    CASE
      WHEN days_since_last_purchase IS NULL THEN 'Never Purchased'
      WHEN days_since_last_purchase <= 30 THEN 'Active'
      WHEN days_since_last_purchase <= 90 THEN 'At Risk'
      ELSE 'Churned'
    END AS customer_status
  FROM aged
)
SELECT
  customer_id, first_name, last_name, email, customer_segment, preferred_channel,
  CASE
    WHEN age_years IS NULL THEN 'Unknown'
    WHEN age_years < 25 THEN 'Gen Z'
    WHEN age_years < 40 THEN 'Millennial'
    WHEN age_years < 55 THEN 'Gen X'
    ELSE 'Boomer+'
  END AS generation_segment,
  CAST(age_years AS INTEGER) AS age_years, city, state, country,
  CAST(days_since_registration AS INTEGER) AS days_since_registration,
  CASE
    WHEN days_since_registration <= 30 THEN 'New (0-30 days)'
    WHEN days_since_registration <= 90 THEN 'Recent (31-90 days)'
    WHEN days_since_registration <= 365 THEN 'Established (3-12 months)'
    ELSE 'Veteran (1+ years)'
  END AS customer_tenure_segment,
  loyalty_tier, points_balance, lifetime_value, value_segment, redemption_rate,
  total_transactions, total_spent, avg_order_value, first_purchase_date, last_purchase_date,
  CAST(days_since_last_purchase AS INTEGER) AS days_since_last_purchase,
  channels_used, customer_status, recency_score, frequency_score, monetary_score,
  CAST((recency_score + frequency_score + monetary_score) / 3.0 AS DECIMAL(3, 2)) AS customer_health_score,
  CASE
    WHEN recency_score >= 4 AND frequency_score >= 4 AND monetary_score >= 4 THEN 'Champions'
    WHEN recency_score >= 3 AND frequency_score >= 3 AND monetary_score >= 4 THEN 'Loyal Customers'
    WHEN recency_score >= 4 AND frequency_score <= 2 AND monetary_score >= 3 THEN 'Big Spenders'
    WHEN recency_score >= 4 AND frequency_score >= 3 AND monetary_score <= 2 THEN 'Potential Loyalists'
    WHEN recency_score <= 2 AND frequency_score >= 3 AND monetary_score >= 3 THEN 'At Risk'
    WHEN recency_score <= 2 AND frequency_score <= 2 THEN 'Hibernating'
    ELSE 'Others'
  END AS rfm_segment,
  total_app_sessions, total_session_minutes, avg_session_duration, app_engagement_score,
  last_app_use_date, unique_device_types, total_support_tickets, resolved_support_tickets,
  avg_satisfaction, last_ticket_date, urgent_support_tickets,
  CASE
    WHEN total_support_tickets = 0 THEN 'No Contact'
    WHEN avg_satisfaction >= 4 THEN 'Highly Satisfied'
    WHEN avg_satisfaction >= 3 THEN 'Satisfied'
    ELSE 'Needs Attention'
  END AS support_satisfaction_level,
  CASE WHEN total_app_sessions > 0 THEN 1 ELSE 0 END AS is_app_user,
  CASE WHEN preferred_channel IN ('online', 'mobile') THEN 1 ELSE 0 END AS is_digital_native,
  CASE WHEN urgent_support_tickets > 0 THEN 1 ELSE 0 END AS has_urgent_issues,
  CASE WHEN customer_status IN ('At Risk', 'Churned') THEN 1 ELSE 0 END AS churn_risk_flag,
  CASE WHEN avg_satisfaction < 3 THEN 1 ELSE 0 END AS satisfaction_risk_flag,
  CASE WHEN channels_used = 1 AND total_transactions > 3 THEN 1 ELSE 0 END AS channel_expansion_opportunity,
  CASE WHEN loyalty_tier IN ('Bronze', 'Silver') AND lifetime_value > 2000 THEN 1 ELSE 0 END AS tier_upgrade_opportunity,
  CASE WHEN total_app_sessions = 0 AND customer_status = 'Active' THEN 1 ELSE 0 END AS app_adoption_opportunity
FROM scored;
