import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../../src/engine/index.ts";
import { loadProducts, type ProductDescriptor } from "../../../src/product/index.ts";
import { C360_PRODUCT_ID, c360Endpoints } from "../../../src/serve/c360/index.ts";
import { buildRestApp } from "../../../src/serve/index.ts";
import { C360_DIR, emptyC360Engine } from "./c360-data.ts";

const BASE = `/products/${C360_PRODUCT_ID}`;
let engine: Engine;
let descriptor: ProductDescriptor;
let app: FastifyInstance;

beforeAll(async () => {
  engine = await emptyC360Engine();
  const { descriptors } = loadProducts(join(C360_DIR, "products"));
  descriptor = descriptors.find((d) => d.product.id === C360_PRODUCT_ID)!;
  app = await buildRestApp({
    products: [
      {
        descriptor,
        table: engine.table("customer_analytics_c360"),
        endpoints: c360Endpoints((n) => engine.table(n)),
      },
    ],
  });
});

afterAll(() => app?.close());

async function refused(url: string, parameter: string, message: RegExp, code = "invalid_parameter") {
  const response = await app.inject({ method: "GET", url: `${BASE}/${url}` });
  expect(response.statusCode, response.body).toBe(400);
  const body = response.json();
  expect(body).toMatchObject({ statusCode: 400, error: "Bad Request", code, parameter });
  expect(body.message).toMatch(message);
}

describe("parameters are validated with 400s that name the parameter", () => {
  it("limits: whole numbers within their bounds", async () => {
    await refused("marketing/churn-risk-customers?limit=0", "limit", /^limit: must be >= 1/);
    await refused("marketing/churn-risk-customers?limit=1001", "limit", /^limit: must be <= 1000/);
    await refused("product/cross-sell-opportunities?limit=ten", "limit", /^limit: must be integer/);
    await refused("analytics/customer-profiles?limit=2.5", "limit", /^limit: must be integer/);
  });

  it("amounts: numbers, within bounds, no more fraction digits than the column holds", async () => {
    await refused(
      "marketing/churn-risk-customers?min_lifetime_value=-1",
      "min_lifetime_value",
      /must be >= 0/,
    );
    await refused(
      "marketing/churn-risk-customers?min_lifetime_value=lots",
      "min_lifetime_value",
      /must be number/,
    );
    await refused(
      "marketing/churn-risk-customers?min_lifetime_value=1000.005",
      "min_lifetime_value",
      /^min_lifetime_value: has more than 2 digit\(s\) after the point/,
    );
    await refused(
      "marketing/churn-risk-customers?min_lifetime_value=123456789012",
      "min_lifetime_value",
      /has more digits than DECIMAL\(10, 2\) holds/,
    );
    await refused("analytics/customer-profiles?min_health_score=0.99", "min_health_score", /must be >= 1/);
    await refused("analytics/customer-profiles?max_health_score=5.01", "max_health_score", /must be <= 5/);
    await refused(
      "analytics/customer-profiles?max_health_score=4.555",
      "max_health_score",
      /more than 2 digit/,
    );
  });

  it("health score bounds: min may not exceed max", async () => {
    await refused(
      "analytics/customer-profiles?min_health_score=4&max_health_score=3.5",
      "min_health_score",
      /^min_health_score: must not be above max_health_score$/,
    );
  });

  it("statuses: only the view's statuses, one or repeated", async () => {
    await refused(
      "analytics/customer-profiles?customer_status=Lost",
      "customer_status",
      /must be equal to one of/,
    );
    await refused(
      "analytics/customer-profiles?customer_status=Active&customer_status=active",
      "customer_status",
      /must be equal to one of/,
    );
  });

  it("unknown parameters are refused with a suggestion, also where an endpoint takes none", async () => {
    await refused(
      "marketing/churn-risk-customers?min_lifetme_value=5",
      "min_lifetme_value",
      /^min_lifetme_value: is not a parameter of .*churn-risk-customers; did you mean min_lifetime_value\?$/,
      "unknown_parameter",
    );
    await refused(
      "marketing/customer-health-overview?status=Active",
      "status",
      /is not a parameter of/,
      "unknown_parameter",
    );
  });
});

describe("over an empty view", () => {
  it("lists are empty and health says so", async () => {
    for (const path of [
      "marketing/customer-health-overview",
      "marketing/churn-risk-customers",
      "product/category-insights",
      "finance/profitability-metrics",
      "analytics/customer-profiles?customer_status=Active",
    ]) {
      const response = await app.inject({ method: "GET", url: `${BASE}/${path}` });
      expect(response.statusCode).toBe(200);
      expect(response.json(), path).toEqual([]);
    }
    const health = await app.inject({ method: "GET", url: `${BASE}/admin/health` });
    expect(health.json()).toMatchObject({
      status: "empty",
      total_customers: 0,
      customers_with_purchases: 0,
      avg_health_score: null,
      freshness: { last_change_at: null },
    });
  });
});

describe("assembly", () => {
  it("a table without a column the endpoints read is refused when the server is built", async () => {
    const other = createEngine();
    await other.execute(
      "CREATE TABLE customer_analytics_c360 (customer_id STRING NOT NULL, total_spent DOUBLE, PRIMARY KEY (customer_id) NOT ENFORCED)",
    );
    expect(() => c360Endpoints((n) => other.table(n))).toThrow(
      /table customer_analytics_c360 cannot serve these endpoints: has no column first_name;.*column total_spent is DOUBLE, not decimal/,
    );
  });

  it("a missing table is named", async () => {
    const other = createEngine();
    expect(() => c360Endpoints((n) => other.table(n))).toThrow(/unknown table 'customer_analytics_c360'/);
  });

  it("every endpoint is in the OpenAPI document with its parameters and response fields", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    const paths = Object.keys(doc.paths).filter(
      (p) => p.startsWith(BASE) && !p.includes("/records") && !p.endsWith("/changes") && p !== BASE,
    );
    expect(paths.map((p) => p.slice(BASE.length + 1)).sort()).toEqual(
      c360Endpoints((n) => engine.table(n))
        .map((e) => e.path)
        .sort(),
    );
    const churn = doc.paths[`${BASE}/marketing/churn-risk-customers`].get;
    expect(churn.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      "limit",
      "min_lifetime_value",
    ]);
    const item = churn.responses["200"].content["application/json"].schema.items;
    expect(item.properties.total_spent).toMatchObject({ type: ["string", "null"], format: "decimal" });
    const category = doc.paths[`${BASE}/product/category-insights`].get;
    expect(category.description).toMatch(/int_c360_customer_transactions/);
  });
});
