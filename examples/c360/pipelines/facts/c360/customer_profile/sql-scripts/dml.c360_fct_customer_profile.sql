-- One row per customer: who they are, their loyalty standing, and what they bought, asked and did
-- in the app. Everything here is a fact about the past; judgements relative to today (recency,
-- status, scores) are made in the view, from the engine's clock.
INSERT INTO c360_fct_customer_profile
WITH activity AS (
  -- A customer's transactions, support tickets and app sessions as one stream, each row carrying its
  -- own kind's columns (the others NULL): one aggregate per customer then computes every metric, and
  -- the customer's row is joined twice (loyalty, metrics) instead of once per kind — each join keeps
  -- its left input's rows, so every join less is one copy less of every customer.
  SELECT
    customer_id,
    CAST('transaction' AS STRING) AS activity,
    total_amount,
    transaction_date,
    channel,
    used_preferred_channel,
    CAST(NULL AS STRING) AS ticket_status,
    CAST(NULL AS STRING) AS ticket_priority,
    CAST(NULL AS INT) AS satisfaction_score,
    CAST(NULL AS TIMESTAMP(3)) AS ticket_created_date,
    CAST(NULL AS INT) AS session_duration_minutes,
    CAST(NULL AS INT) AS pages_viewed,
    CAST(NULL AS INT) AS actions_taken,
    CAST(NULL AS DATE) AS session_date,
    CAST(NULL AS STRING) AS device_type
  FROM int_c360_customer_transactions
  UNION ALL
  SELECT
    customer_id,
    CAST('ticket' AS STRING),
    CAST(NULL AS DECIMAL(10, 2)),
    CAST(NULL AS TIMESTAMP(3)),
    CAST(NULL AS STRING),
    CAST(NULL AS INT),
    status,
    priority,
    satisfaction_score,
    created_date,
    CAST(NULL AS INT),
    CAST(NULL AS INT),
    CAST(NULL AS INT),
    CAST(NULL AS DATE),
    CAST(NULL AS STRING)
  FROM src_c360_support_tickets
  UNION ALL
  SELECT
    customer_id,
    CAST('session' AS STRING),
    CAST(NULL AS DECIMAL(10, 2)),
    CAST(NULL AS TIMESTAMP(3)),
    CAST(NULL AS STRING),
    CAST(NULL AS INT),
    CAST(NULL AS STRING),
    CAST(NULL AS STRING),
    CAST(NULL AS INT),
    CAST(NULL AS TIMESTAMP(3)),
    session_duration_minutes,
    pages_viewed,
    actions_taken,
    session_date,
    device_type
  FROM src_c360_app_usage
),
-- Aggregates skip NULLs, so each metric sees only its own kind's rows, as a GROUP BY per kind would.
activity_metrics AS (
  SELECT
    customer_id,
    COUNT(*) FILTER (WHERE activity = 'transaction') AS total_transactions,
    CAST(SUM(total_amount) AS DECIMAL(12, 2)) AS total_spent,
    AVG(CAST(total_amount AS DOUBLE)) AS avg_order_value,
    MIN(transaction_date) AS first_purchase_date,
    MAX(transaction_date) AS last_purchase_date,
    COUNT(DISTINCT channel) AS channels_used,
    CAST(SUM(used_preferred_channel) AS BIGINT) AS preferred_channel_purchases,
    COUNT(*) FILTER (WHERE activity = 'ticket') AS total_support_tickets,
    COUNT(*) FILTER (WHERE activity = 'ticket' AND ticket_status = 'resolved') AS resolved_support_tickets,
    AVG(CAST(satisfaction_score AS DOUBLE)) AS avg_satisfaction,
    MAX(ticket_created_date) AS last_ticket_date,
    COUNT(*) FILTER (WHERE activity = 'ticket' AND ticket_priority = 'urgent') AS urgent_support_tickets,
    COUNT(*) FILTER (WHERE activity = 'session') AS total_app_sessions,
    CAST(SUM(session_duration_minutes) AS BIGINT) AS total_session_minutes,
    AVG(CAST(session_duration_minutes AS DOUBLE)) AS avg_session_duration,
    SUM(session_duration_minutes) * 0.3 + SUM(pages_viewed) * 0.4 + SUM(actions_taken) * 0.3 AS engagement,
    MAX(session_date) AS last_app_use_date,
    COUNT(DISTINCT device_type) AS unique_device_types
  FROM activity
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
  COALESCE(m.total_transactions, 0) AS total_transactions,
  COALESCE(m.total_spent, 0) AS total_spent,
  m.avg_order_value,
  m.first_purchase_date,
  m.last_purchase_date,
  COALESCE(m.channels_used, 0) AS channels_used,
  COALESCE(m.preferred_channel_purchases, 0) AS preferred_channel_purchases,
  COALESCE(m.total_app_sessions, 0) AS total_app_sessions,
  COALESCE(m.total_session_minutes, 0) AS total_session_minutes,
  m.avg_session_duration,
  CAST(COALESCE(m.engagement, 0) AS DOUBLE) AS app_engagement_score,
  m.last_app_use_date,
  COALESCE(m.unique_device_types, 0) AS unique_device_types,
  COALESCE(m.total_support_tickets, 0) AS total_support_tickets,
  COALESCE(m.resolved_support_tickets, 0) AS resolved_support_tickets,
  m.avg_satisfaction,
  m.last_ticket_date,
  COALESCE(m.urgent_support_tickets, 0) AS urgent_support_tickets
FROM src_c360_customers c
LEFT JOIN src_c360_loyalty_program l ON c.customer_id = l.customer_id
LEFT JOIN activity_metrics m ON c.customer_id = m.customer_id;
