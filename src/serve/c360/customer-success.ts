import { avg, column, count, countWhere, desc, inSequence, type QuerySpec, sum } from "../endpoints/index.ts";
import { type Customer, TENURE_SEGMENTS } from "./customers.ts";

/** Customer success: how support goes, and how customers do as they age with the shop. */

export const supportInsights: QuerySpec<Customer> = {
  path: "customer-success/support-insights",
  summary: "Tickets, satisfaction and value per support satisfaction level",
  description:
    "Customers with at least one support ticket, per support_satisfaction_level (Highly Satisfied: " +
    "average score ≥ 4, Satisfied: ≥ 3, Needs Attention otherwise or unscored): customers, average " +
    "tickets per customer, average satisfaction score, urgent tickets in total, and the average " +
    "lifetime value. Largest group first.",
  where: (c) => c.total_support_tickets !== null && c.total_support_tickets > 0,
  groupBy: ["support_satisfaction_level"],
  select: {
    support_satisfaction_level: column("support_satisfaction_level"),
    customer_count: count(),
    avg_tickets_per_customer: avg("total_support_tickets"),
    avg_satisfaction_score: avg("avg_satisfaction"),
    total_urgent_tickets: sum("urgent_support_tickets"),
    avg_customer_value: avg("lifetime_value"),
  },
  orderBy: [desc("customer_count")],
};

export const lifecycleAnalysis: QuerySpec<Customer> = {
  path: "customer-success/lifecycle-analysis",
  summary: "Purchases, spend, health and activity per tenure",
  description:
    "Per customer_tenure_segment, from New (0-30 days since registration) to Veteran (1+ years): " +
    "customers, average transactions, total spent and health score, and how many are Active (bought in " +
    "the last 30 days).",
  groupBy: ["customer_tenure_segment"],
  select: {
    customer_tenure_segment: column("customer_tenure_segment"),
    customer_count: count(),
    avg_transactions: avg("total_transactions"),
    avg_total_spent: avg("total_spent"),
    avg_health_score: avg("customer_health_score"),
    active_customers: countWhere((c) => c.customer_status === "Active"),
  },
  orderBy: [inSequence("customer_tenure_segment", TENURE_SEGMENTS)],
};
