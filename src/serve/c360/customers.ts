import type { RecordOf, Shape } from "../endpoints/index.ts";

/** The product's table: one row per reachable customer (examples/c360, views/c360/customer_analytics). */
export const CUSTOMER_VIEW = "customer_analytics_c360";

/** The view's columns as the business endpoints read them. */
export const CUSTOMER_SHAPE = {
  customer_id: "string",
  first_name: "string",
  last_name: "string",
  email: "string",
  customer_segment: "string",
  preferred_channel: "string",
  generation_segment: "string",
  age_years: "integer",
  city: "string",
  state: "string",
  country: "string",
  days_since_registration: "integer",
  customer_tenure_segment: "string",
  loyalty_tier: "string",
  points_balance: "integer",
  lifetime_value: "decimal",
  value_segment: "string",
  redemption_rate: "double",
  total_transactions: "integer",
  total_spent: "decimal",
  avg_order_value: "double",
  first_purchase_date: "timestamp",
  last_purchase_date: "timestamp",
  days_since_last_purchase: "integer",
  channels_used: "integer",
  customer_status: "string",
  recency_score: "integer",
  frequency_score: "integer",
  monetary_score: "integer",
  customer_health_score: "decimal",
  rfm_segment: "string",
  total_app_sessions: "integer",
  total_session_minutes: "integer",
  avg_session_duration: "double",
  app_engagement_score: "double",
  last_app_use_date: "date",
  unique_device_types: "integer",
  total_support_tickets: "integer",
  resolved_support_tickets: "integer",
  avg_satisfaction: "double",
  last_ticket_date: "timestamp",
  urgent_support_tickets: "integer",
  support_satisfaction_level: "string",
  is_app_user: "integer",
  is_digital_native: "integer",
  has_urgent_issues: "integer",
  churn_risk_flag: "integer",
  satisfaction_risk_flag: "integer",
  channel_expansion_opportunity: "integer",
  tier_upgrade_opportunity: "integer",
  app_adoption_opportunity: "integer",
} as const satisfies Shape;

export type Customer = RecordOf<typeof CUSTOMER_SHAPE>;

/** The view's value domains the endpoints order or filter by. */
export const CUSTOMER_STATUSES = ["Active", "At Risk", "Churned", "Never Purchased"] as const;
export const LOYALTY_TIERS = ["Platinum", "Gold", "Silver", "Bronze"] as const;
export const TENURE_SEGMENTS = [
  "New (0-30 days)",
  "Recent (31-90 days)",
  "Established (3-12 months)",
  "Veteran (1+ years)",
] as const;
