-- customer.analytics.C360: one row per reachable customer with the judgements Marketing, Product
-- and Finance act on. "Today" is the engine's clock (LOCALTIMESTAMP), never a record's timestamp.
INSERT INTO customer_analytics_c360
WITH aged AS (
  SELECT
    p.*,
    TIMESTAMPDIFF(YEAR, CAST(date_of_birth AS TIMESTAMP(3)), LOCALTIMESTAMP) AS age_years,
    TIMESTAMPDIFF(DAY, registration_date, LOCALTIMESTAMP) AS days_since_registration,
    TIMESTAMPDIFF(DAY, last_purchase_date, LOCALTIMESTAMP) AS days_since_last_purchase
  FROM c360_fct_customer_profile p
  WHERE email IS NOT NULL
),
scored AS (
  SELECT
    aged.*,
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
  customer_id,
  first_name,
  last_name,
  email,
  customer_segment,
  preferred_channel,
  CASE
    WHEN age_years IS NULL THEN 'Unknown'
    WHEN age_years < 25 THEN 'Gen Z'
    WHEN age_years < 40 THEN 'Millennial'
    WHEN age_years < 55 THEN 'Gen X'
    ELSE 'Boomer+'
  END AS generation_segment,
  age_years,
  city,
  state,
  country,
  days_since_registration,
  CASE
    WHEN days_since_registration <= 30 THEN 'New (0-30 days)'
    WHEN days_since_registration <= 90 THEN 'Recent (31-90 days)'
    WHEN days_since_registration <= 365 THEN 'Established (3-12 months)'
    ELSE 'Veteran (1+ years)'
  END AS customer_tenure_segment,
  loyalty_tier,
  points_balance,
  lifetime_value,
  value_segment,
  redemption_rate,
  total_transactions,
  total_spent,
  avg_order_value,
  first_purchase_date,
  last_purchase_date,
  days_since_last_purchase,
  channels_used,
  customer_status,
  recency_score,
  frequency_score,
  monetary_score,
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
  total_app_sessions,
  total_session_minutes,
  avg_session_duration,
  app_engagement_score,
  last_app_use_date,
  unique_device_types,
  total_support_tickets,
  resolved_support_tickets,
  avg_satisfaction,
  last_ticket_date,
  urgent_support_tickets,
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
