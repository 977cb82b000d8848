import {
  avg,
  column,
  count,
  desc,
  inSequence,
  type QuerySpec,
  ratio,
  sum,
  total,
} from "../endpoints/index.ts";
import { type Customer, LOYALTY_TIERS } from "./customers.ts";
import type { CustomerMargin } from "./sales.ts";

/** Finance: where the value and the revenue are, and what they earn. */

export const customerLifetimeValue: QuerySpec<Customer> = {
  path: "finance/customer-lifetime-value",
  summary: "Lifetime value, revenue and purchases per value segment",
  description:
    "Per value_segment (null without a loyalty membership): customers, average lifetime value, " +
    "total_revenue (Σ total_spent) and the average number of transactions per customer. Highest average " +
    "lifetime value first.",
  groupBy: ["value_segment"],
  select: {
    value_segment: column("value_segment"),
    customer_count: count(),
    avg_lifetime_value: avg("lifetime_value"),
    total_revenue: sum("total_spent"),
    avg_transactions_per_customer: avg("total_transactions"),
  },
  orderBy: [desc("avg_lifetime_value")],
};

export const revenueAnalysis: QuerySpec<Customer> = {
  path: "finance/revenue-analysis",
  summary: "Revenue per customer segment and its share of the total",
  description:
    "Per customer_segment: customers, total_revenue (Σ total_spent), average revenue per customer, and " +
    "the segment's percentage of all customers' revenue (two decimals). Highest revenue first.",
  groupBy: ["customer_segment"],
  select: {
    customer_segment: column("customer_segment"),
    customer_count: count(),
    total_revenue: sum("total_spent"),
    avg_revenue_per_customer: avg("total_spent"),
    percentage_of_total_revenue: ratio(sum("total_spent"), total(sum("total_spent")), {
      digits: 2,
      percent: true,
    }),
  },
  orderBy: [desc("total_revenue")],
};

export const rfmSegmentation: QuerySpec<Customer> = {
  path: "finance/rfm-segmentation",
  summary: "Customers and spend per recency, frequency and monetary score",
  description:
    "Per combination of recency_score, frequency_score and monetary_score (1-5 each): customers, " +
    "average total spent, and the business segment the combination falls in (Champions, Loyal " +
    "Customers, Big Spenders, Potential Loyalists, At Risk, Hibernating, Others). Highest scores first.",
  groupBy: ["recency_score", "frequency_score", "monetary_score", "rfm_segment"],
  select: {
    recency_score: column("recency_score"),
    frequency_score: column("frequency_score"),
    monetary_score: column("monetary_score"),
    customer_count: count(),
    avg_total_spent: avg("total_spent"),
    business_segment: column("rfm_segment"),
  },
  orderBy: [desc("recency_score"), desc("frequency_score"), desc("monetary_score")],
};

export const profitabilityMetrics: QuerySpec<CustomerMargin> = {
  path: "finance/profitability-metrics",
  summary: "Revenue, cost of goods and gross margin per loyalty tier",
  description:
    "Per loyalty tier (Platinum, Gold, Silver, Bronze, then null for customers without one): customers, " +
    "total_revenue (Σ total_spent, what they paid), and — from the items of their counted transactions " +
    "joined with the products on sale (int_c360_customer_transactions, src_c360_transaction_items, " +
    "src_c360_products; the view holds no costs) — item_revenue (Σ line_total), cost_of_goods " +
    "(Σ quantity × cost), gross_profit, the gross margin as a percentage of item revenue (one decimal) " +
    "and the average gross profit per customer. The seed's cost_to_serve is not given: no cost of " +
    "support or fulfilment is recorded anywhere in the product's data.",
  groupBy: ["loyalty_tier"],
  select: {
    customer_tier: column("loyalty_tier"),
    customer_count: count(),
    total_revenue: sum("total_spent"),
    item_revenue: sum("item_revenue"),
    cost_of_goods: sum("cost_of_goods"),
    gross_profit: sum("gross_profit"),
    avg_profit_margin_pct: ratio(sum("gross_profit"), sum("item_revenue"), { digits: 1, percent: true }),
    gross_profit_per_customer: avg("gross_profit"),
  },
  orderBy: [inSequence("customer_tier", LOYALTY_TIERS)],
};
