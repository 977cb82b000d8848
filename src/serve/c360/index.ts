import type { TableView } from "../../engine/index.ts";
import { queryEndpoint, tableRelation } from "../endpoints/index.ts";
import type { ProductEndpoint } from "../rest/product-endpoint.ts";
import { healthEndpoint, metricsEndpoint } from "./admin.ts";
import { customerProfiles } from "./analytics.ts";
import { lifecycleAnalysis, supportInsights } from "./customer-success.ts";
import { CUSTOMER_SHAPE, CUSTOMER_VIEW } from "./customers.ts";
import { customerLifetimeValue, profitabilityMetrics, revenueAnalysis, rfmSegmentation } from "./finance.ts";
import {
  churnRiskCustomers,
  customerHealthOverview,
  customerSegmentation,
  loyaltyProgramMetrics,
} from "./marketing.ts";
import { categoryInsights, crossSellOpportunities, digitalEngagementAnalysis } from "./product-team.ts";
import { categoryPurchases, customerMargins, SALES_TABLES } from "./sales.ts";

/** The product these endpoints belong to. */
export const C360_PRODUCT_ID = "customer.analytics.C360";

/** Every table the endpoints read: the view, and the transaction-grain tables behind two of them. */
export const C360_TABLES = [CUSTOMER_VIEW, ...Object.values(SALES_TABLES)] as const;

/**
 * The business endpoints of customer.analytics.C360 (the seed's c360_api: marketing, product,
 * finance, customer success, analytics, admin), computed on every request from the tables' current
 * rows. `table` resolves a table of the examples/c360 pipeline by name (Engine.table); a table
 * missing or of the wrong shape is an error here, when the server is assembled.
 */
export function c360Endpoints(table: (name: string) => TableView): ProductEndpoint[] {
  const view = table(CUSTOMER_VIEW);
  const customers = tableRelation(view, CUSTOMER_SHAPE);
  const sales = {
    transactions: table(SALES_TABLES.transactions),
    items: table(SALES_TABLES.items),
    products: table(SALES_TABLES.products),
  };
  return [
    queryEndpoint(customerHealthOverview, customers),
    queryEndpoint(churnRiskCustomers, customers),
    queryEndpoint(loyaltyProgramMetrics, customers),
    queryEndpoint(customerSegmentation, customers),
    queryEndpoint(digitalEngagementAnalysis, customers),
    queryEndpoint(crossSellOpportunities, customers),
    queryEndpoint(categoryInsights, categoryPurchases(sales)),
    queryEndpoint(customerLifetimeValue, customers),
    queryEndpoint(revenueAnalysis, customers),
    queryEndpoint(rfmSegmentation, customers),
    queryEndpoint(profitabilityMetrics, customerMargins(sales, customers)),
    queryEndpoint(supportInsights, customers),
    queryEndpoint(lifecycleAnalysis, customers),
    queryEndpoint(customerProfiles, customers),
    healthEndpoint(customers),
    metricsEndpoint(view),
  ];
}
