import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/index.ts";
import { loadProducts } from "../../../src/product/index.ts";
import { buildRestApp, type RecordPolicy, ServedProduct, startRestServer } from "../../../src/serve/index.ts";
import { C360, fixtureProducts, readEvents, VALID, writeProduct } from "./helpers.ts";

describe("products of other shapes", () => {
  it("lists an append-only table in insertion order, and has no lookups", async () => {
    const engine = createEngine();
    await engine.execute("CREATE TABLE clicks (page STRING NOT NULL, n INT NOT NULL)");
    // Pages repeat, and so do whole rows: an append-only table keeps duplicates.
    const rows = Array.from({ length: 50 }, (_, i) => [`p${i % 7}`, i % 3] as const);
    engine.insertRows(
      "clicks",
      rows.map((r) => [...r]),
    );
    const descriptor = writeProduct("web.Clicks", "clicks", [
      { name: "page", logicalType: "string", required: true },
      { name: "n", logicalType: "integer", required: true },
    ]);
    const app = await buildRestApp({ products: [{ descriptor, table: engine.table("clicks") }] });
    const collect = async (query: string) => {
      const items: unknown[] = [];
      let cursor: string | null = null;
      do {
        const url = `/products/web.Clicks/records?limit=6${query}${cursor ? `&cursor=${cursor}` : ""}`;
        const body = (await app.inject(url)).json() as { items: unknown[]; next_cursor: string | null };
        items.push(...body.items);
        cursor = body.next_cursor;
      } while (cursor);
      return items;
    };
    const asRecords = (list: readonly (readonly [string, number])[]) =>
      list.map(([page, n]) => ({ page, n }));
    const byPage = (direction: number) => (a: readonly [string, number], b: readonly [string, number]) =>
      a[0] === b[0] ? 0 : a[0] < b[0] ? -direction : direction;
    expect(await collect("")).toEqual(asRecords(rows));
    // Array.prototype.sort is stable: equal pages keep their insertion order, as the position tie-breaker does.
    expect(await collect("&sort=page")).toEqual(asRecords([...rows].sort(byPage(1))));
    expect(await collect("&n=2&sort=-page")).toEqual(
      asRecords(rows.filter((r) => r[1] === 2).sort(byPage(-1))),
    );
    const lookup = await app.inject("/products/web.Clicks/records/p1");
    expect(lookup.statusCode).toBe(404);
    expect(lookup.json().message).toMatch(/has no primary key, so its records cannot be looked up/);
    await app.close();
  });

  it("looks up composite string keys written with percent-encoding", async () => {
    const engine = createEngine();
    await engine.execute(
      "CREATE TABLE stock (sku STRING NOT NULL, region STRING NOT NULL, qty INT NOT NULL, PRIMARY KEY (sku, region) NOT ENFORCED)",
    );
    const keys = [
      ["A,1", "eu/west"],
      ["A", "1,eu/west"],
      ["100%", "ünï cödé"],
      ["", "empty sku"],
    ];
    engine.insertRows(
      "stock",
      keys.map(([sku, region], i) => [sku!, region!, i]),
    );
    const descriptor = writeProduct("ops.Stock", "stock", [
      { name: "sku", logicalType: "string", key: 1 },
      { name: "region", logicalType: "string", key: 2 },
      { name: "qty", logicalType: "integer", required: true },
    ]);
    const server = await startRestServer({ products: [{ descriptor, table: engine.table("stock") }] });
    try {
      for (const [i, [sku, region]] of keys.entries()) {
        const key = [sku!, region!].map(encodeURIComponent).join(",");
        const response = await fetch(`${server.url}/products/ops.Stock/records/${key}`);
        expect(response.status, key).toBe(200);
        expect(await response.json()).toEqual({ sku, region, qty: i });
      }
      expect((await fetch(`${server.url}/products/ops.Stock/records/A,1,eu%2Fwest`)).status).toBe(400);
    } finally {
      await server.close();
    }
  });

  it("passes every record through the product's policy: lookups, listings and live changes", async () => {
    const { products } = await fixtureProducts();
    // What a masking policy will do: hide the columns the contract tags pii.
    const maskPii: RecordPolicy = {
      apply: (record, product) =>
        Object.fromEntries(
          Object.entries(record).map(([k, v]) => [k, product.column(k)?.pii && v !== null ? "***" : v]),
        ),
    };
    const server = await startRestServer({
      products: products.map((p) => (p.descriptor.product.id === C360 ? { ...p, policy: maskPii } : p)),
    });
    try {
      const base = `${server.url}/products/${C360}`;
      const lookup = await (await fetch(`${base}/records/CUST004`)).json();
      expect(lookup).toMatchObject({
        first_name: null,
        last_name: "***",
        email: "***",
        customer_id: "CUST004",
      });
      const listing = (await (await fetch(`${base}/records?limit=1`)).json()) as { items: unknown[] };
      expect(listing.items[0]).toMatchObject({ first_name: "***", email: "***", loyalty_tier: "Platinum" });
      const { events } = await readEvents(await fetch(`${base}/changes?from=0`), (e) => e.length >= 1);
      expect(JSON.parse(events[0]!.data)).toMatchObject({ email: "***", total_spent: "4520.75" });
    } finally {
      await server.close();
    }
  });

  it("refuses to serve a product whose contract does not match its table", async () => {
    const engine = createEngine();
    await engine.execute(
      "CREATE TABLE t (id INT NOT NULL, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED)",
    );
    const descriptor = writeProduct("x.T", "t", [
      { name: "id", logicalType: "integer", key: 1 },
      { name: "amount", logicalType: "string" },
    ]);
    expect(() => new ServedProduct({ descriptor, table: engine.table("t") })).toThrow(
      /product x\.T does not match table default_catalog\.default_database\.t:\n.*contract\.yaml:\d+:\d+: error: schema\[0\]\.properties\[1\]\.logicalType: 'string' does not fit column amount of type DECIMAL\(10, 2\)/s,
    );
  });

  it("refuses an endpoint that would shadow a built-in route", async () => {
    const { products } = await fixtureProducts();
    const endpoint = { path: "records/top", summary: "x", response: {}, handle: () => [] };
    await expect(buildRestApp({ products: [{ ...products[0]!, endpoints: [endpoint] }] })).rejects.toThrow(
      /cannot start with records or changes/,
    );
  });
});

describe("GET /products/{id}", () => {
  it("reports rows, the changelog offset and freshness against the contract's SLO", async () => {
    const engine = createEngine({ clock: () => Date.UTC(2024, 0, 1) });
    await engine.executeScript(readFileSync(join(VALID, "tables.sql"), "utf8"));
    const descriptor = loadProducts(VALID).descriptors.find((d) => d.product.id === C360)!;
    const table = engine.table("customer_analytics_c360");
    let now = Date.UTC(2024, 0, 1) + 30_000;
    const app = await buildRestApp({ products: [{ descriptor, table }], clock: () => now });
    const body = (await app.inject(`/products/${C360}`)).json();
    expect(body.stats).toEqual({
      rows: 5,
      changelog_offset: 7,
      freshness: {
        last_change_at: "2024-01-01T00:00:00.000Z",
        age_ms: 30_000,
        slo: { property: "latency", max_age_ms: 60_000, stated: "1 minutes", met: true },
      },
    });
    expect(body.contract.primary_key).toEqual(["customer_id"]);
    expect(body.ports.map((p: { href: string | null }) => p.href)).toEqual([
      null,
      `/products/${C360}/records`,
      `/products/${C360}/changes`,
    ]);
    now += 60_000;
    expect((await app.inject(`/products/${C360}`)).json().stats.freshness).toMatchObject({
      age_ms: 90_000,
      slo: { met: false },
    });
    await app.close();
  });
});

describe("/metrics", () => {
  it("counts requests by route and status, latencies, and rows served", async () => {
    const { products } = await fixtureProducts();
    const app = await buildRestApp({ products });
    const base = `/products/${C360}`;
    for (const id of ["CUST001", "CUST002", "CUST003"]) await app.inject(`${base}/records/${id}`);
    await app.inject(`${base}/records/NOPE`);
    await app.inject(`${base}/records?limit=4`);
    await app.inject(`${base}/records?limit=0`);
    const response = await app.inject("/metrics");
    expect(response.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    const samples = new Map(
      response.body
        .split("\n")
        .filter((l) => l && !l.startsWith("#"))
        .map((l) => [l.slice(0, l.lastIndexOf(" ")), Number(l.slice(l.lastIndexOf(" ") + 1))]),
    );
    const lookup = `${base}/records/:customer_id`;
    expect(samples.get(`headwater_http_requests_total{method="GET",route="${lookup}",status="200"}`)).toBe(3);
    expect(samples.get(`headwater_http_requests_total{method="GET",route="${lookup}",status="404"}`)).toBe(1);
    expect(
      samples.get(`headwater_http_requests_total{method="GET",route="${base}/records",status="400"}`),
    ).toBe(1);
    expect(samples.get(`headwater_http_request_duration_seconds_count{route="${lookup}"}`)).toBe(4);
    expect(samples.get(`headwater_http_request_duration_seconds_bucket{route="${lookup}",le="+Inf"}`)).toBe(
      4,
    );
    expect(samples.get(`headwater_rows_served_total{product="${C360}",interface="lookup"}`)).toBe(3);
    expect(samples.get(`headwater_rows_served_total{product="${C360}",interface="listing"}`)).toBe(4);
    expect(samples.get(`headwater_product_changelog_offset{product="${C360}"}`)).toBe(7);
    expect(samples.get(`headwater_product_age_seconds{product="${C360}"}`)).toBeGreaterThanOrEqual(0);
    await app.close();
  });
});
