import { t } from "../../sql/types/constructors.ts";
import {
  avg,
  column,
  computed,
  count,
  desc,
  integerParam,
  percentWhere,
  type QuerySpec,
  ratio,
  sum,
} from "../endpoints/index.ts";
import type { Customer } from "./customers.ts";
import type { CategoryPurchase } from "./sales.ts";

/** Product: who uses the app, whom to offer more, which categories sell. */

export const digitalEngagementAnalysis: QuerySpec<Customer> = {
  path: "product/digital-engagement-analysis",
  summary: "App use and digital preference per generation",
  description:
    "Per generation_segment (Gen Z, Millennial, Gen X, Boomer+, Unknown without a birth date): customers, " +
    "app users (at least one app session), digital natives (preferred channel online or mobile), the " +
    "average app engagement score, and app users as a percentage of the generation (one decimal). " +
    "Highest adoption first.",
  groupBy: ["generation_segment"],
  select: {
    generation_segment: column("generation_segment"),
    total_customers: count(),
    app_users: sum("is_app_user"),
    digital_natives: sum("is_digital_native"),
    avg_engagement_score: avg("app_engagement_score"),
    app_adoption_rate_pct: percentWhere((c) => c.is_app_user === 1),
  },
  orderBy: [desc("app_adoption_rate_pct")],
};

const OPPORTUNITIES = [
  ["channel_expansion_opportunity", "Channel Expansion"],
  ["tier_upgrade_opportunity", "Tier Upgrade"],
  ["app_adoption_opportunity", "App Adoption"],
] as const;

const crossSellParams = {
  limit: integerParam({
    description: "At most this many customers.",
    minimum: 1,
    maximum: 1000,
    default: 50,
  }),
};

export const crossSellOpportunities: QuerySpec<Customer, typeof crossSellParams> = {
  path: "product/cross-sell-opportunities",
  summary: "Customers with an opportunity to sell more, biggest spenders first",
  description:
    "Customers with at least one opportunity flag, each named in `opportunities`: Channel Expansion " +
    "(buys through one channel only, more than 3 transactions), Tier Upgrade (Bronze or Silver with a " +
    "lifetime value above 2000), App Adoption (Active, never used the app). Ordered by total_spent " +
    "(highest first), then customer_id.",
  params: crossSellParams,
  where: (c) => OPPORTUNITIES.some(([flag]) => c[flag] === 1),
  select: {
    customer_id: column("customer_id"),
    first_name: column("first_name"),
    last_name: column("last_name"),
    email: column("email"),
    customer_segment: column("customer_segment"),
    loyalty_tier: column("loyalty_tier"),
    channels_used: column("channels_used"),
    total_spent: column("total_spent"),
    opportunities: computed(t.array(t.string(false), false), (c) =>
      OPPORTUNITIES.filter(([flag]) => c[flag] === 1).map(([, name]) => name),
    ),
  },
  orderBy: [desc("total_spent")],
  limit: (p) => p.limit,
};

export const categoryInsights: QuerySpec<CategoryPurchase> = {
  path: "product/category-insights",
  summary: "Buyers, orders, revenue and repeat buying per product category",
  description:
    "Per product category, from the items of counted transactions (int_c360_customer_transactions joined " +
    "with src_c360_transaction_items and the products on sale, src_c360_products; the view holds no " +
    "categories): customers who bought it, orders containing it, units, total_revenue (Σ line_total of " +
    "its items), avg_order_value (its revenue per order containing it) and repeat_purchase_rate_pct (the " +
    "percentage of its customers who bought it in two or more orders, one decimal). Highest revenue first.",
  groupBy: ["category"],
  select: {
    category: column("category"),
    customer_count: count(),
    order_count: sum("orders"),
    units_sold: sum("units"),
    total_revenue: sum("revenue"),
    avg_order_value: ratio(sum("revenue"), sum("orders"), { digits: 2 }),
    repeat_purchase_rate_pct: percentWhere((p) => p.orders >= 2),
  },
  orderBy: [desc("total_revenue")],
};
