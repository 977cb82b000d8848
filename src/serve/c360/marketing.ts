import {
  avg,
  column,
  count,
  countOf,
  decimalParam,
  desc,
  integerParam,
  percentWhere,
  type QuerySpec,
  ratio,
  sum,
} from "../endpoints/index.ts";
import type { Customer } from "./customers.ts";

/** Marketing: how healthy the base is, who is about to leave, how loyalty tiers and value segments do. */

export const customerHealthOverview: QuerySpec<Customer> = {
  path: "marketing/customer-health-overview",
  summary: "Customers, health score, spend and purchases per customer status",
  description:
    "Per customer_status (Active, At Risk, Churned, Never Purchased): how many customers, and their average " +
    "health score, total spent and number of transactions (averages rounded half up to 2 places). " +
    "Largest group first.",
  groupBy: ["customer_status"],
  select: {
    customer_status: column("customer_status"),
    customer_count: count(),
    avg_health_score: avg("customer_health_score"),
    avg_total_spent: avg("total_spent"),
    avg_transactions: avg("total_transactions"),
  },
  orderBy: [desc("customer_count")],
};

const churnRiskParams = {
  min_lifetime_value: decimalParam("lifetime_value", {
    description: "Only customers whose loyalty lifetime value is above this amount.",
    minimum: 0,
    default: 1000,
  }),
  limit: integerParam({
    description: "At most this many customers.",
    minimum: 1,
    maximum: 1000,
    default: 50,
  }),
};

export const churnRiskCustomers: QuerySpec<Customer, typeof churnRiskParams> = {
  path: "marketing/churn-risk-customers",
  summary: "Valuable customers at risk of churning, biggest spenders first",
  description:
    "Customers flagged churn_risk_flag = 1 (status At Risk or Churned) whose lifetime_value is above " +
    "min_lifetime_value, ordered by total_spent (highest first), then customer_id. risk_status is the " +
    "customer's status (At Risk: last purchase 31-90 days ago; Churned: longer ago).",
  params: churnRiskParams,
  where: (c, p) =>
    c.churn_risk_flag === 1 && c.lifetime_value !== null && c.lifetime_value > p.min_lifetime_value,
  select: {
    customer_id: column("customer_id"),
    first_name: column("first_name"),
    last_name: column("last_name"),
    email: column("email"),
    customer_segment: column("customer_segment"),
    loyalty_tier: column("loyalty_tier"),
    total_spent: column("total_spent"),
    last_purchase_date: column("last_purchase_date"),
    days_since_last_purchase: column("days_since_last_purchase"),
    customer_health_score: column("customer_health_score"),
    risk_status: column("customer_status"),
    lifetime_value: column("lifetime_value"),
  },
  orderBy: [desc("total_spent")],
  limit: (p) => p.limit,
};

export const loyaltyProgramMetrics: QuerySpec<Customer> = {
  path: "marketing/loyalty-program-metrics",
  summary: "Customers, value, spend, points and redemption per loyalty tier",
  description:
    "Per loyalty_tier (null for customers without a loyalty membership): how many customers, their " +
    "average lifetime value, total spent and points balance (whole points), and the average redemption " +
    "rate (points redeemed / earned this year) as a percentage with one decimal. Highest average " +
    "lifetime value first.",
  groupBy: ["loyalty_tier"],
  select: {
    loyalty_tier: column("loyalty_tier"),
    customer_count: count(),
    avg_lifetime_value: avg("lifetime_value"),
    avg_total_spent: avg("total_spent"),
    avg_points_balance: avg("points_balance", 0),
    avg_redemption_rate_pct: ratio(sum("redemption_rate"), countOf("redemption_rate"), {
      digits: 1,
      percent: true,
    }),
  },
  orderBy: [desc("avg_lifetime_value")],
};

export const customerSegmentation: QuerySpec<Customer> = {
  path: "marketing/customer-segmentation",
  summary: "Customers, value, health and churn risk per value segment",
  description:
    "Per value_segment (Low Value, Medium Value, High Value, VIP by lifetime value; null without a " +
    "loyalty membership): how many customers, their average lifetime value and health score, and the " +
    "percentage flagged at risk of churning. Computed from the view: the seed's placeholder health and " +
    "churn figures are gone. Largest segment first.",
  groupBy: ["value_segment"],
  select: {
    segment_name: column("value_segment"),
    customer_count: count(),
    avg_lifetime_value: avg("lifetime_value"),
    avg_health_score: avg("customer_health_score"),
    churn_risk_percentage: percentWhere((c) => c.churn_risk_flag === 1),
  },
  orderBy: [desc("customer_count")],
};
