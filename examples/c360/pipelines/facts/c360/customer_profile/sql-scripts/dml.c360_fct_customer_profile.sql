-- One row per customer: who they are, their loyalty standing, and what they bought, asked and did
-- in the app. Everything here is a fact about the past; judgements relative to today (recency,
-- status, scores) are made in the view, from the engine's clock.
INSERT INTO c360_fct_customer_profile
WITH transaction_metrics AS (
  SELECT
    customer_id,
    COUNT(*) AS total_transactions,
    CAST(SUM(total_amount) AS DECIMAL(12, 2)) AS total_spent,
    AVG(CAST(total_amount AS DOUBLE)) AS avg_order_value,
    MIN(transaction_date) AS first_purchase_date,
    MAX(transaction_date) AS last_purchase_date,
    COUNT(DISTINCT channel) AS channels_used,
    CAST(SUM(used_preferred_channel) AS BIGINT) AS preferred_channel_purchases
  FROM int_c360_customer_transactions
  GROUP BY customer_id
),
support_summary AS (
  SELECT
    customer_id,
    COUNT(*) AS total_support_tickets,
    COUNT(*) FILTER (WHERE status = 'resolved') AS resolved_support_tickets,
    AVG(CAST(satisfaction_score AS DOUBLE)) AS avg_satisfaction,
    MAX(created_date) AS last_ticket_date,
    COUNT(*) FILTER (WHERE priority = 'urgent') AS urgent_support_tickets
  FROM src_c360_support_tickets
  GROUP BY customer_id
),
app_usage_summary AS (
  SELECT
    customer_id,
    COUNT(*) AS total_app_sessions,
    CAST(SUM(session_duration_minutes) AS BIGINT) AS total_session_minutes,
    AVG(CAST(session_duration_minutes AS DOUBLE)) AS avg_session_duration,
    SUM(session_duration_minutes) * 0.3 + SUM(pages_viewed) * 0.4 + SUM(actions_taken) * 0.3 AS engagement,
    MAX(session_date) AS last_app_use_date,
    COUNT(DISTINCT device_type) AS unique_device_types
  FROM src_c360_app_usage
  GROUP BY customer_id
)
SELECT
  c.customer_id,
  c.first_name,
  c.last_name,
  c.email,
  c.customer_segment,
  c.preferred_channel,
  c.date_of_birth,
  c.registration_date,
  c.city,
  c.state,
  c.country,
  l.loyalty_tier,
  l.points_balance,
  l.lifetime_value,
  l.value_segment,
  l.redemption_rate,
  COALESCE(tm.total_transactions, 0) AS total_transactions,
  COALESCE(tm.total_spent, 0) AS total_spent,
  tm.avg_order_value,
  tm.first_purchase_date,
  tm.last_purchase_date,
  COALESCE(tm.channels_used, 0) AS channels_used,
  COALESCE(tm.preferred_channel_purchases, 0) AS preferred_channel_purchases,
  COALESCE(a.total_app_sessions, 0) AS total_app_sessions,
  COALESCE(a.total_session_minutes, 0) AS total_session_minutes,
  a.avg_session_duration,
  CAST(COALESCE(a.engagement, 0) AS DOUBLE) AS app_engagement_score,
  a.last_app_use_date,
  COALESCE(a.unique_device_types, 0) AS unique_device_types,
  COALESCE(s.total_support_tickets, 0) AS total_support_tickets,
  COALESCE(s.resolved_support_tickets, 0) AS resolved_support_tickets,
  s.avg_satisfaction,
  s.last_ticket_date,
  COALESCE(s.urgent_support_tickets, 0) AS urgent_support_tickets
FROM src_c360_customers c
LEFT JOIN src_c360_loyalty_program l ON c.customer_id = l.customer_id
LEFT JOIN transaction_metrics tm ON c.customer_id = tm.customer_id
LEFT JOIN support_summary s ON c.customer_id = s.customer_id
LEFT JOIN app_usage_summary a ON c.customer_id = a.customer_id;
