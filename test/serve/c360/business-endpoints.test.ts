import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { loadProducts } from "../../../src/product/index.ts";
import { C360_PRODUCT_ID, c360Endpoints } from "../../../src/serve/c360/index.ts";
import { buildRestApp } from "../../../src/serve/index.ts";
import { C360_DIR, type C360Data, c360Data } from "./c360-data.ts";
import { installMacros, oracleRows } from "./oracle.ts";

/**
 * Every business endpoint of customer.analytics.C360 against the same answer computed by DuckDB over
 * the same rows: the tables as examples/c360's pipeline computes them on the engine from generated
 * retail data, then changed (updates and deletes) so the endpoints must read the current rows.
 */
const VIEW = "customer_analytics_c360";
let data: C360Data;
let app: FastifyInstance;

beforeAll(async () => {
  data = await c360Data(3000, 11);
  changeSomeRows(data);
  await data.syncOracle();
  await installMacros(data.oracle);
  const { descriptors, problems } = loadProducts(join(C360_DIR, "products"));
  expect(problems).toEqual([]);
  const engine = data.engine;
  app = await buildRestApp({
    products: [
      {
        descriptor: descriptors.find((d) => d.product.id === C360_PRODUCT_ID)!,
        table: engine.table(VIEW),
        endpoints: c360Endpoints((name) => engine.table(name)),
      },
    ],
    clock: () => data.now,
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  data?.close();
});

/** Updates a tenth of the customers (spend, status, health) and deletes some customers and items. */
function changeSomeRows({ engine }: C360Data): void {
  const view = engine.table(VIEW);
  const at = (name: string) => view.columns.findIndex((c) => c.name === name);
  const [spent, status, health, churn] = [
    "total_spent",
    "customer_status",
    "customer_health_score",
    "churn_risk_flag",
  ].map(at);
  const rows = view.rows();
  const updated: Row[] = [];
  const deleted: Row[] = [];
  rows.forEach((row, i) => {
    if (i % 10 === 3) {
      const copy = [...row];
      copy[spent!] = (copy[spent!] as bigint) + 12_345n;
      copy[status!] = "At Risk";
      copy[churn!] = 1;
      copy[health!] = 467n;
      updated.push(copy);
    } else if (i % 50 === 7) deleted.push(row);
  });
  engine.insertRows(VIEW, updated);
  engine.deleteRows(VIEW, deleted);
  const items = engine.table("src_c360_transaction_items");
  engine.deleteRows(
    "src_c360_transaction_items",
    items.rows().filter((_, i) => i % 40 === 0),
  );
}

async function get(path: string): Promise<unknown> {
  const response = await app.inject({ method: "GET", url: `/products/${C360_PRODUCT_ID}/${path}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function expectSame(path: string, sql: string, atLeast = 2): Promise<void> {
  const expected = await oracleRows(data.oracle, sql);
  expect(expected.length).toBeGreaterThanOrEqual(atLeast);
  expect(await get(path)).toEqual(expected);
}

describe("marketing", () => {
  it("customer-health-overview: customers, health, spend and purchases per status", async () => {
    await expectSame(
      "marketing/customer-health-overview",
      `SELECT customer_status, COUNT(*) AS customer_count, avg2(customer_health_score) AS avg_health_score,
         avg2(total_spent) AS avg_total_spent, avg2(total_transactions) AS avg_transactions
       FROM ${VIEW} GROUP BY customer_status
       ORDER BY customer_count DESC, customer_status NULLS LAST`,
      4,
    );
  });

  const churnSql = (min: string, limit: number) =>
    `SELECT customer_id, first_name, last_name, email, customer_segment, loyalty_tier, total_spent,
       iso(last_purchase_date) AS last_purchase_date, days_since_last_purchase, customer_health_score,
       customer_status AS risk_status, lifetime_value
     FROM ${VIEW} c WHERE churn_risk_flag = 1 AND lifetime_value > ${min}
     ORDER BY c.total_spent DESC NULLS LAST, customer_id LIMIT ${limit}`;

  it("churn-risk-customers: defaults are lifetime value above 1000 and 50 customers", async () => {
    await expectSame("marketing/churn-risk-customers", churnSql("1000", 50), 50);
  });

  it("churn-risk-customers: min_lifetime_value is exact at the column's scale; limit cuts", async () => {
    await expectSame(
      "marketing/churn-risk-customers?min_lifetime_value=5000.5&limit=7",
      churnSql("5000.50", 7),
      7,
    );
    await expectSame(
      "marketing/churn-risk-customers?min_lifetime_value=0&limit=1000",
      churnSql("0", 1000),
      100,
    );
  });

  it("loyalty-program-metrics: value, spend, points and redemption per tier", async () => {
    await expectSame(
      "marketing/loyalty-program-metrics",
      `SELECT loyalty_tier, COUNT(*) AS customer_count, avg2(lifetime_value) AS avg_lifetime_value,
         avg2(total_spent) AS avg_total_spent, ratio0(SUM(points_balance), COUNT(points_balance)) AS avg_points_balance,
         ROUND(AVG(redemption_rate) * 100, 1) AS avg_redemption_rate_pct
       FROM ${VIEW} GROUP BY loyalty_tier
       ORDER BY avg_lifetime_value DESC NULLS LAST, loyalty_tier NULLS LAST`,
      4,
    );
  });

  it("customer-segmentation: value segments with real health and churn figures", async () => {
    await expectSame(
      "marketing/customer-segmentation",
      `SELECT value_segment AS segment_name, COUNT(*) AS customer_count, avg2(lifetime_value) AS avg_lifetime_value,
         avg2(customer_health_score) AS avg_health_score, pct1(churn_risk_flag = 1) AS churn_risk_percentage
       FROM ${VIEW} GROUP BY value_segment
       ORDER BY customer_count DESC, value_segment NULLS LAST`,
      4,
    );
  });
});

describe("product", () => {
  it("digital-engagement-analysis: app use per generation", async () => {
    await expectSame(
      "product/digital-engagement-analysis",
      `SELECT generation_segment, COUNT(*) AS total_customers, SUM(is_app_user) AS app_users,
         SUM(is_digital_native) AS digital_natives, ROUND(AVG(app_engagement_score), 2) AS avg_engagement_score,
         pct1(is_app_user = 1) AS app_adoption_rate_pct
       FROM ${VIEW} GROUP BY generation_segment
       ORDER BY app_adoption_rate_pct DESC NULLS LAST, generation_segment NULLS LAST`,
      4,
    );
  });

  const crossSellSql = (limit: number) =>
    `SELECT customer_id, first_name, last_name, email, customer_segment, loyalty_tier, channels_used, total_spent,
       list_filter([
         CASE WHEN channel_expansion_opportunity = 1 THEN 'Channel Expansion' END,
         CASE WHEN tier_upgrade_opportunity = 1 THEN 'Tier Upgrade' END,
         CASE WHEN app_adoption_opportunity = 1 THEN 'App Adoption' END], x -> x IS NOT NULL) AS opportunities
     FROM ${VIEW} c
     WHERE channel_expansion_opportunity = 1 OR tier_upgrade_opportunity = 1 OR app_adoption_opportunity = 1
     ORDER BY c.total_spent DESC NULLS LAST, customer_id LIMIT ${limit}`;

  it("cross-sell-opportunities: flagged customers with their opportunities named", async () => {
    await expectSame("product/cross-sell-opportunities", crossSellSql(50), 50);
    await expectSame("product/cross-sell-opportunities?limit=1000", crossSellSql(1000), 51);
  });

  it("category-insights: computed from items, counted transactions and products", async () => {
    await expectSame(
      "product/category-insights",
      `WITH purchases AS (
         SELECT p.category, t.customer_id, COUNT(DISTINCT t.transaction_id) AS orders, SUM(i.quantity) AS units,
           SUM(i.line_total) AS revenue
         FROM src_c360_transaction_items i
         JOIN int_c360_customer_transactions t ON i.transaction_id = t.transaction_id
         JOIN src_c360_products p ON i.product_id = p.product_id
         GROUP BY p.category, t.customer_id)
       SELECT category, COUNT(*) AS customer_count, SUM(orders) AS order_count, SUM(units) AS units_sold,
         SUM(revenue) AS total_revenue, ratio2(SUM(revenue), SUM(orders)) AS avg_order_value,
         pct1(orders >= 2) AS repeat_purchase_rate_pct
       FROM purchases GROUP BY category
       ORDER BY total_revenue DESC NULLS LAST, category NULLS LAST`,
      5,
    );
  });
});

describe("finance", () => {
  it("customer-lifetime-value: per value segment", async () => {
    await expectSame(
      "finance/customer-lifetime-value",
      `SELECT value_segment, COUNT(*) AS customer_count, avg2(lifetime_value) AS avg_lifetime_value,
         SUM(total_spent) AS total_revenue, avg2(total_transactions) AS avg_transactions_per_customer
       FROM ${VIEW} GROUP BY value_segment
       ORDER BY avg_lifetime_value DESC NULLS LAST, value_segment NULLS LAST`,
      4,
    );
  });

  it("revenue-analysis: per customer segment, with its share of all revenue", async () => {
    await expectSame(
      "finance/revenue-analysis",
      `SELECT customer_segment, COUNT(*) AS customer_count, SUM(total_spent) AS total_revenue,
         avg2(total_spent) AS avg_revenue_per_customer,
         ratio2(100 * SUM(total_spent), (SELECT SUM(total_spent) FROM ${VIEW})) AS percentage_of_total_revenue
       FROM ${VIEW} GROUP BY customer_segment
       ORDER BY total_revenue DESC NULLS LAST, customer_segment NULLS LAST`,
      3,
    );
  });

  it("rfm-segmentation: per score combination, with its business segment", async () => {
    await expectSame(
      "finance/rfm-segmentation",
      `SELECT recency_score, frequency_score, monetary_score, COUNT(*) AS customer_count,
         avg2(total_spent) AS avg_total_spent, rfm_segment AS business_segment
       FROM ${VIEW} GROUP BY recency_score, frequency_score, monetary_score, rfm_segment
       ORDER BY recency_score DESC, frequency_score DESC, monetary_score DESC, rfm_segment`,
      10,
    );
  });

  it("profitability-metrics: revenue, cost of goods and margin per tier", async () => {
    await expectSame(
      "finance/profitability-metrics",
      `WITH margins AS (
         SELECT t.customer_id, SUM(i.line_total) AS item_revenue, SUM(i.quantity * p.cost) AS cost_of_goods
         FROM src_c360_transaction_items i
         JOIN int_c360_customer_transactions t ON i.transaction_id = t.transaction_id
         JOIN src_c360_products p ON i.product_id = p.product_id
         GROUP BY t.customer_id),
       customers AS (
         SELECT c.loyalty_tier, c.total_spent, COALESCE(m.item_revenue, 0) AS item_revenue,
           COALESCE(m.cost_of_goods, 0) AS cost_of_goods,
           COALESCE(m.item_revenue, 0) - COALESCE(m.cost_of_goods, 0) AS gross_profit
         FROM ${VIEW} c LEFT JOIN margins m ON c.customer_id = m.customer_id)
       SELECT loyalty_tier AS customer_tier, COUNT(*) AS customer_count, SUM(total_spent) AS total_revenue,
         CAST(SUM(item_revenue) AS DECIMAL(38, 2)) AS item_revenue,
         CAST(SUM(cost_of_goods) AS DECIMAL(38, 2)) AS cost_of_goods,
         CAST(SUM(gross_profit) AS DECIMAL(38, 2)) AS gross_profit,
         ratio1(100 * SUM(gross_profit), SUM(item_revenue)) AS avg_profit_margin_pct,
         avg2(gross_profit) AS gross_profit_per_customer
       FROM customers GROUP BY loyalty_tier
       ORDER BY list_position(['Platinum', 'Gold', 'Silver', 'Bronze'], loyalty_tier) NULLS LAST, loyalty_tier NULLS LAST`,
      4,
    );
  });
});

describe("customer success", () => {
  it("support-insights: customers with tickets, per satisfaction level", async () => {
    await expectSame(
      "customer-success/support-insights",
      `SELECT support_satisfaction_level, COUNT(*) AS customer_count,
         avg2(total_support_tickets) AS avg_tickets_per_customer,
         ROUND(AVG(avg_satisfaction), 2) AS avg_satisfaction_score,
         SUM(urgent_support_tickets) AS total_urgent_tickets, avg2(lifetime_value) AS avg_customer_value
       FROM ${VIEW} WHERE total_support_tickets > 0 GROUP BY support_satisfaction_level
       ORDER BY customer_count DESC, support_satisfaction_level NULLS LAST`,
      3,
    );
  });

  it("lifecycle-analysis: per tenure, New to Veteran", async () => {
    await expectSame(
      "customer-success/lifecycle-analysis",
      `SELECT customer_tenure_segment, COUNT(*) AS customer_count, avg2(total_transactions) AS avg_transactions,
         avg2(total_spent) AS avg_total_spent, avg2(customer_health_score) AS avg_health_score,
         COUNT(*) FILTER (WHERE customer_status = 'Active') AS active_customers
       FROM ${VIEW} GROUP BY customer_tenure_segment
       ORDER BY list_position(['New (0-30 days)', 'Recent (31-90 days)', 'Established (3-12 months)',
         'Veteran (1+ years)'], customer_tenure_segment) NULLS LAST, customer_tenure_segment NULLS LAST`,
      3,
    );
  });
});

describe("analytics", () => {
  const profilesSql = (where: string, limit: number) =>
    `SELECT customer_id, first_name, last_name, email, customer_segment, preferred_channel, generation_segment,
       age_years, city, state, country, loyalty_tier, points_balance, lifetime_value, total_transactions,
       total_spent, avg_order_value, iso(first_purchase_date) AS first_purchase_date,
       iso(last_purchase_date) AS last_purchase_date, customer_status, customer_health_score, churn_risk_flag,
       total_app_sessions, app_engagement_score, is_digital_native, total_support_tickets, avg_satisfaction
     FROM ${VIEW} c WHERE ${where}
     ORDER BY c.customer_health_score DESC NULLS LAST, c.total_spent DESC NULLS LAST, customer_id LIMIT ${limit}`;

  it("customer-profiles: healthiest first, 100 by default", async () => {
    await expectSame("analytics/customer-profiles", profilesSql("TRUE", 100), 100);
  });

  it("customer-profiles: statuses (repeated) and health bounds, inclusive", async () => {
    await expectSame(
      "analytics/customer-profiles?customer_status=Churned&customer_status=At%20Risk&min_health_score=1.67&max_health_score=4.67&limit=1000",
      profilesSql(
        "customer_status IN ('Churned', 'At Risk') AND customer_health_score BETWEEN 1.67 AND 4.67",
        1000,
      ),
      100,
    );
    await expectSame(
      "analytics/customer-profiles?customer_status=Never%20Purchased&limit=5",
      profilesSql("customer_status = 'Never Purchased'", 5),
      5,
    );
  });
});

describe("admin", () => {
  it("health: the seed's health-check counts over the current rows, and freshness", async () => {
    const [expected] = await oracleRows(
      data.oracle,
      `SELECT COUNT(*) AS total_customers,
         COUNT(*) FILTER (WHERE total_transactions > 0) AS customers_with_purchases,
         COUNT(*) FILTER (WHERE is_app_user = 1) AS app_engaged_customers,
         COUNT(*) FILTER (WHERE total_support_tickets > 0) AS customers_with_support,
         avg2(customer_health_score) AS avg_health_score
       FROM ${VIEW}`,
    );
    const health = (await get("admin/health")) as Record<string, unknown>;
    expect(health).toMatchObject(expected!);
    expect(health.status).toBe("ok");
    expect(health.freshness).toMatchObject({ age_ms: 0, slo: { met: true } });
  });

  it("metrics: requests counted by outcome, the view's rows and recent changes", async () => {
    interface Metrics {
      total_requests: number;
      client_errors: number;
      server_errors: number;
      error_rate: number;
      avg_response_time_ms: number;
      rows: number;
      changelog_offset: number;
      changes_last_minute: number;
    }
    const before = (await get("admin/metrics")) as Metrics;
    await app.inject({
      method: "GET",
      url: `/products/${C360_PRODUCT_ID}/marketing/churn-risk-customers?limit=0`,
    });
    await app.inject({ method: "GET", url: `/products/${C360_PRODUCT_ID}/records/nobody` });
    const after = (await get("admin/metrics")) as Metrics;
    // The first metrics request, a 400 and a 404 were answered in between.
    expect(after.total_requests - before.total_requests).toBe(3);
    expect(after.client_errors - before.client_errors).toBe(2);
    expect(after.server_errors).toBe(0);
    expect(after.error_rate).toBeCloseTo(
      (after.client_errors + after.server_errors) / after.total_requests,
      12,
    );
    expect(after.avg_response_time_ms).toBeGreaterThan(0);
    const [{ rows }] = (await oracleRows(data.oracle, `SELECT COUNT(*) AS rows FROM ${VIEW}`)) as [
      { rows: number },
    ];
    expect(after.rows).toBe(rows);
    const view = data.engine.table(VIEW);
    expect(after.changelog_offset).toBe(view.endOffset);
    // Every change was made at the test clock's now, so all of them are within the last minute.
    expect(after.changes_last_minute).toBe(view.endOffset);
  });
});
