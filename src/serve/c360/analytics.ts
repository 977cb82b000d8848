import {
  choicesParam,
  column,
  decimalParam,
  desc,
  integerParam,
  type QuerySpec,
} from "../endpoints/index.ts";
import { badParameter } from "../rest/api-error.ts";
import { CUSTOMER_STATUSES, type Customer } from "./customers.ts";

/** Analytics: customer profiles, filtered by status and health. */

const profileParams = {
  limit: integerParam({
    description: "At most this many profiles.",
    minimum: 1,
    maximum: 1000,
    default: 100,
  }),
  customer_status: choicesParam(
    CUSTOMER_STATUSES,
    "Only customers with one of these statuses; repeat the parameter for several (`?customer_status=Active&customer_status=At Risk`).",
  ),
  min_health_score: decimalParam("customer_health_score", {
    description: "Only customers whose health score is at least this (1 to 5, two decimals at most).",
    minimum: 1,
    maximum: 5,
  }),
  max_health_score: decimalParam("customer_health_score", {
    description: "Only customers whose health score is at most this (1 to 5, two decimals at most).",
    minimum: 1,
    maximum: 5,
  }),
};

export const customerProfiles: QuerySpec<Customer, typeof profileParams> = {
  path: "analytics/customer-profiles",
  summary: "Customer profiles, healthiest first, filtered by status and health score",
  description:
    "Profiles of the customers matching every filter given, ordered by customer_health_score (highest " +
    "first), then total_spent (highest first), then customer_id.",
  params: profileParams,
  validate: (p) =>
    p.min_health_score !== undefined &&
    p.max_health_score !== undefined &&
    p.min_health_score > p.max_health_score
      ? badParameter("min_health_score", "must not be above max_health_score")
      : undefined,
  where: (c, p) =>
    (p.customer_status === undefined || p.customer_status.some((s) => s === c.customer_status)) &&
    (p.min_health_score === undefined ||
      (c.customer_health_score !== null && c.customer_health_score >= p.min_health_score)) &&
    (p.max_health_score === undefined ||
      (c.customer_health_score !== null && c.customer_health_score <= p.max_health_score)),
  select: {
    customer_id: column("customer_id"),
    first_name: column("first_name"),
    last_name: column("last_name"),
    email: column("email"),
    customer_segment: column("customer_segment"),
    preferred_channel: column("preferred_channel"),
    generation_segment: column("generation_segment"),
    age_years: column("age_years"),
    city: column("city"),
    state: column("state"),
    country: column("country"),
    loyalty_tier: column("loyalty_tier"),
    points_balance: column("points_balance"),
    lifetime_value: column("lifetime_value"),
    total_transactions: column("total_transactions"),
    total_spent: column("total_spent"),
    avg_order_value: column("avg_order_value"),
    first_purchase_date: column("first_purchase_date"),
    last_purchase_date: column("last_purchase_date"),
    customer_status: column("customer_status"),
    customer_health_score: column("customer_health_score"),
    churn_risk_flag: column("churn_risk_flag"),
    total_app_sessions: column("total_app_sessions"),
    app_engagement_score: column("app_engagement_score"),
    is_digital_native: column("is_digital_native"),
    total_support_tickets: column("total_support_tickets"),
    avg_satisfaction: column("avg_satisfaction"),
  },
  orderBy: [desc("customer_health_score"), desc("total_spent")],
  limit: (p) => p.limit,
};
