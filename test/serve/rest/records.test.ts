import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProducts } from "../../../src/product/index.ts";
import { buildRestApp, startRestServer } from "../../../src/serve/index.ts";
import { type C360Oracle, c360Oracle } from "./c360-oracle.ts";
import { C360, VALID } from "./helpers.ts";

const CUSTOMERS = 1500;
let oracle: C360Oracle;
let app: FastifyInstance;

beforeAll(async () => {
  oracle = await c360Oracle(CUSTOMERS, 7);
  const descriptor = loadProducts(VALID).descriptors.find((d) => d.product.id === C360)!;
  app = await buildRestApp({
    products: [{ descriptor, table: oracle.engine.table("customer_analytics_c360") }],
  });
});
afterAll(async () => {
  await app.close();
  oracle.close();
});

const base = `/products/${C360}/records`;

async function get(url: string) {
  const response = await app.inject(url);
  return { status: response.statusCode, body: response.json() };
}

/** Follows next_cursor from the first page to the last, collecting every record. */
async function allPages(
  query: string,
  limit: number,
): Promise<{ items: unknown[]; pages: number; matched: number[] }> {
  const items: unknown[] = [];
  const matched: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams(query);
    params.set("limit", String(limit));
    if (cursor) params.set("cursor", cursor);
    const { status, body } = await get(`${base}?${params}`);
    expect(status, JSON.stringify(body)).toBe(200);
    items.push(...body.items);
    matched.push(body.matched);
    cursor = body.next_cursor;
    pages++;
  } while (cursor);
  return { items, pages, matched };
}

describe("REST records against DuckDB over the same rows", () => {
  it("looks every customer up by key, awkward ids included", async () => {
    const expected = await oracle.records("", "customer_id");
    expect(expected.length).toBe(CUSTOMERS + 5);
    for (const record of expected) {
      const { status, body } = await get(`${base}/${encodeURIComponent(record.customer_id as string)}`);
      expect(status).toBe(200);
      expect(body).toEqual(record);
    }
  });

  const listings: [string, string, string][] = [
    ["", "", "customer_id"],
    [
      "loyalty_tier=Gold&loyalty_tier=Silver&sort=-total_spent",
      "loyalty_tier IN ('Gold', 'Silver')",
      "total_spent DESC NULLS LAST, customer_id",
    ],
    [
      "total_spent.gte=100000&total_spent.lt=500000.5&sort=last_purchase_date",
      "total_spent >= 100000 AND total_spent < 500000.5",
      "last_purchase_date ASC NULLS FIRST, customer_id",
    ],
    ["customer_health_score.null=true", "customer_health_score IS NULL", "customer_id"],
    [
      "last_purchase_at.gt=2023-01-01T00:00:00&churn_risk_flag=true&sort=-last_purchase_at,first_name",
      "last_purchase_at > TIMESTAMP '2023-01-01 00:00:00' AND churn_risk_flag",
      "last_purchase_at DESC NULLS LAST, first_name ASC NULLS FIRST, customer_id",
    ],
    [
      "profile_updated_at.lte=2022-02-01T12:00:00Z&sort=profile_updated_at",
      "profile_updated_at <= TIMESTAMP '2022-02-01 12:00:00'",
      "profile_updated_at NULLS FIRST, customer_id",
    ],
    [
      "first_name.ne=Ada&sort=first_name,-total_transactions",
      "first_name <> 'Ada'",
      "first_name, total_transactions DESC, customer_id",
    ],
    [
      "first_name.null=false&loyalty_tier.null=true&sort=-customer_health_score",
      "first_name IS NOT NULL AND loyalty_tier IS NULL",
      "customer_health_score DESC NULLS LAST, customer_id",
    ],
    [
      "customer_health_score.gt=4.5&total_transactions.lte=100&sort=-email",
      "customer_health_score > 4.5 AND total_transactions <= 100",
      "email DESC, customer_id",
    ],
  ];
  for (const [query, where, orderBy] of listings) {
    it(`lists ${query || "everything"} page by page`, async () => {
      const expected = await oracle.records(where, orderBy);
      expect(expected.length).toBeGreaterThan(0);
      for (const limit of [37, 1000]) {
        const { items, pages, matched } = await allPages(query, limit);
        expect(items).toEqual(expected);
        expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
        expect(new Set(matched)).toEqual(new Set([expected.length]));
      }
    });
  }

  it("keeps paging consistent while rows are inserted in front of the cursor", async () => {
    const first = await get(`${base}?limit=10&sort=customer_id`);
    const before = first.body.items.map((r: { customer_id: string }) => r.customer_id);
    // A new customer sorting before the page just read, and one after it: only the latter may appear.
    oracle.engine.insertRows("customer_analytics_c360", [
      ["CUST000000a", null, "X", "x@example.com", null, 1, 100n, null, null, null, false, null],
    ]);
    const second = await get(`${base}?limit=10&sort=customer_id&cursor=${first.body.next_cursor}`);
    const after = second.body.items.map((r: { customer_id: string }) => r.customer_id);
    expect(after[0] > before[9]).toBe(true);
    expect(after).not.toContain("CUST000000a");
    oracle.engine.deleteRows("customer_analytics_c360", [["CUST000000a"]]);
  });
});

describe("REST records over a real socket", () => {
  it("answers lookups and listings through node's fetch on 127.0.0.1", async () => {
    const descriptor = loadProducts(VALID).descriptors.find((d) => d.product.id === C360)!;
    const server = await startRestServer({
      products: [{ descriptor, table: oracle.engine.table("customer_analytics_c360") }],
    });
    try {
      expect(server.host).toBe("127.0.0.1");
      const [expected] = await oracle.records("customer_id = 'C/1 %?'", "customer_id");
      const lookup = await fetch(`${server.url}${base}/${encodeURIComponent("C/1 %?")}`);
      expect(lookup.status).toBe(200);
      expect(lookup.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await lookup.json()).toEqual(expected);
      const listing = await fetch(`${server.url}${base}?loyalty_tier=Platinum&sort=-total_spent&limit=5`);
      const top = await oracle.records("loyalty_tier = 'Platinum'", "total_spent DESC, customer_id");
      expect(((await listing.json()) as { items: unknown[] }).items).toEqual(top.slice(0, 5));
    } finally {
      await server.close();
    }
  });
});
