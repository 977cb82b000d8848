import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRestApp, type ProductEndpoint } from "../../../src/serve/index.ts";
import { C360, fixtureProducts, ORDER_LINES } from "./helpers.ts";
import { resolve, schemaErrors } from "./json-schema-check.ts";

/** A product's own endpoint, computed from its rows: customers per loyalty tier. */
const tiers: ProductEndpoint = {
  path: "loyalty-tiers",
  summary: "Customers per loyalty tier",
  querystring: { type: "object", properties: { min: { type: "integer", minimum: 0, default: 0 } } },
  response: {
    type: "array",
    items: {
      type: "object",
      properties: { tier: { type: ["string", "null"] }, customers: { type: "integer" } },
      required: ["tier", "customers"],
    },
  },
  handle: ({ product, query }) => {
    const at = product.column("loyalty_tier")!.index;
    const counts = new Map<unknown, number>();
    for (const row of product.table.rows()) counts.set(row[at], (counts.get(row[at]) ?? 0) + 1);
    return [...counts]
      .filter(([, n]) => n >= (query.min as number))
      .map(([tier, customers]) => ({ tier, customers }));
  },
};

let app: FastifyInstance;
let doc: Record<string, unknown>;
beforeAll(async () => {
  const { products } = await fixtureProducts();
  app = await buildRestApp({
    products: products.map((p) => (p.descriptor.product.id === C360 ? { ...p, endpoints: [tiers] } : p)),
  });
  doc = (await app.inject("/openapi.json")).json();
});
afterAll(() => app.close());

type Operation = {
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, Schema>;
};
type Schema = Record<string, unknown>;

function operations(): [string, Operation][] {
  const paths = doc.paths as Record<string, { get: Operation }>;
  return Object.entries(paths).map(([path, item]) => [path, item.get]);
}

function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, found);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node))
      k === "$ref" && typeof v === "string" ? found.push(v) : refs(v, found);
  return found;
}

function responseSchema(path: string, status = "200"): Schema {
  const op = (doc.paths as Record<string, { get: Operation }>)[path]!.get;
  const content = op.responses[status]!.content as Record<string, { schema: Schema }>;
  return content["application/json"]!.schema;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and lists every route, and only the public ones", () => {
    expect(doc.openapi).toBe("3.1.0");
    const perProduct = (id: string, key: string) => [
      `/products/${id}`,
      `/products/${id}/records`,
      `/products/${id}/records/{${key}}`,
      `/products/${id}/changes`,
    ];
    expect(Object.keys(doc.paths as object).sort()).toEqual(
      [
        "/products",
        "/health",
        "/metrics",
        ...perProduct(C360, "customer_id"),
        `/products/${C360}/loyalty-tiers`,
        ...perProduct(ORDER_LINES, "key"),
      ].sort(),
    );
  });

  it("resolves every reference to an existing component", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const ref of all) expect(() => resolve(doc, ref), ref).not.toThrow();
    const schemas = Object.keys((doc.components as { schemas: object }).schemas);
    expect(schemas).toEqual(
      expect.arrayContaining([
        "Error",
        "ProductSummary",
        "ProductDescription",
        `${C360}.Record`,
        `${ORDER_LINES}.Record`,
      ]),
    );
  });

  it("declares each path template parameter, and a 200 and a tag for each operation", () => {
    for (const [path, op] of operations()) {
      expect(op.responses["200"], path).toBeDefined();
      expect((op as unknown as { tags: string[] }).tags.length, path).toBeGreaterThan(0);
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        const parameter = op.parameters?.find((p) => p.in === "path" && p.name === name);
        expect(parameter?.required, `${path} declares {${name}}`).toBe(true);
      }
    }
  });

  it("derives the record schema from the contract", () => {
    const record = resolve(doc, `#/components/schemas/${C360}.Record`) as {
      properties: Record<string, Schema>;
      required: string[];
    };
    expect(Object.keys(record.properties)).toEqual([
      "customer_id",
      "first_name",
      "last_name",
      "email",
      "loyalty_tier",
      "total_transactions",
      "total_spent",
      "customer_health_score",
      "last_purchase_date",
      "last_purchase_at",
      "churn_risk_flag",
      "profile_updated_at",
    ]);
    expect(record.properties.total_spent).toMatchObject({
      type: "string",
      "x-flink-type": "DECIMAL(12, 2) NOT NULL",
    });
    expect(record.properties.total_spent!.description).toMatch(
      /^Lifetime spend in US dollars\. DECIMAL\(12, 2\): an exact decimal/,
    );
    expect(record.properties.total_transactions!.type).toEqual(["integer", "string"]);
    expect(record.properties.last_purchase_date).toMatchObject({ type: ["string", "null"], format: "date" });
    expect(record.properties.profile_updated_at).toMatchObject({ format: "date-time" });
    expect(record.properties.email!["x-tags"]).toEqual(["pii"]);
    const listing = (doc.paths as Record<string, { get: Operation }>)[`/products/${C360}/records`]!.get;
    const names = listing.parameters!.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "limit",
        "cursor",
        "sort",
        "total_spent.gte",
        "loyalty_tier",
        "churn_risk_flag.null",
      ]),
    );
    expect(names).not.toContain("churn_risk_flag.gt");
  });

  it("describes what the server actually answers", async () => {
    const checks: [string, string][] = [
      ["/products", "/products"],
      [`/products/${C360}`, `/products/${C360}`],
      [`/products/${C360}/records?limit=3&sort=-total_spent`, `/products/${C360}/records`],
      [`/products/${ORDER_LINES}/records`, `/products/${ORDER_LINES}/records`],
      [`/products/${C360}/loyalty-tiers`, `/products/${C360}/loyalty-tiers`],
      ["/health", "/health"],
    ];
    for (const id of ["CUST001", "CUST002", "CUST003", "CUST004", "CUST005"])
      checks.push([`/products/${C360}/records/${id}`, `/products/${C360}/records/{customer_id}`]);
    checks.push([
      `/products/${ORDER_LINES}/records/9007199254740991,1`,
      `/products/${ORDER_LINES}/records/{key}`,
    ]);
    for (const [url, path] of checks) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(schemaErrors(response.json(), responseSchema(path), doc), url).toEqual([]);
    }
    const error = await app.inject(`/products/${C360}/records?limit=0`);
    expect(schemaErrors(error.json(), responseSchema(`/products/${C360}/records`, "400"), doc)).toEqual([]);
    // The check can fail: a DECIMAL sent as a number breaks the record schema.
    const record = (await app.inject(`/products/${C360}/records/CUST001`)).json();
    expect(
      schemaErrors(
        { ...record, total_spent: 4520.75 },
        responseSchema(`/products/${C360}/records/{customer_id}`),
        doc,
      ),
    ).toEqual(["$.total_spent: 4520.75 is not string"]);
  });

  it("serves the product's own endpoint with validated parameters", async () => {
    const all = (await app.inject(`/products/${C360}/loyalty-tiers`)).json() as {
      tier: string;
      customers: number;
    }[];
    expect(all.reduce((n, t) => n + t.customers, 0)).toBe(5);
    expect(all.find((t) => t.tier === "Gold")).toEqual({ tier: "Gold", customers: 1 });
    const bad = await app.inject(`/products/${C360}/loyalty-tiers?min=-1`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ parameter: "min", message: "min: must be >= 0" });
  });

  it("serves the docs page", async () => {
    const page = await app.inject("/docs/");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect((await app.inject("/docs/json")).json().openapi).toBe("3.1.0");
  });
});
