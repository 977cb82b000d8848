import { describe, expect, it } from "vitest";
import { columnIndex, planRetail, SEED_RATIOS } from "../../../src/connectors/retail/index.ts";
import { collect, HAS_SEED, readSeedCsv, values } from "./support.ts";

describe("retail scaling", () => {
  it("reproduces the seed's row counts at the seed's size", () => {
    const { tables } = collect({ customers: 15, dirt: false });
    const counts = Object.fromEntries([...tables].map(([name, rows]) => [name, rows.length]));
    expect(counts).toMatchObject({
      customers: 15,
      loyalty_program: 15,
      support_tickets: 17,
      app_usage: 20,
      transactions: 20,
      products: 25,
      suppliers: 10,
      product_suppliers: 40,
      warehouse_locations: 15,
    });
    if (HAS_SEED) {
      for (const name of [
        "customers",
        "support_tickets",
        "app_usage",
        "transactions",
        "products",
        "suppliers",
        "product_suppliers",
        "warehouse_locations",
      ] as const) {
        expect(counts[name], name).toBe(readSeedCsv(name).records.length);
      }
    }
  });

  it("derives sizes from the seed's ratios", () => {
    const plan = planRetail({ customers: 150_000 });
    expect(plan.transactions).toBe(200_000);
    expect(plan.tickets).toBe(170_000);
    expect(plan.sessions).toBe(200_000);
    // Reference data grows with the square root of the population.
    expect(plan.products).toBe(2500);
    expect(plan.warehouses + plan.stores).toBe(1500);
    expect(planRetail({ customers: 1000, ratios: { transactionsPerCustomer: 10 } }).transactions).toBe(
      10_000,
    );
  });

  const big = collect({ customers: 20_000, seed: 11, dirt: false });
  const count = (name: Parameters<typeof big.tables.get>[0]) => big.tables.get(name)!.length;

  it("keeps the per-row ratios at scale", () => {
    expect(count("transaction_items") / count("transactions")).toBeCloseTo(
      SEED_RATIOS.itemsPerTransaction,
      1,
    );
    // The seed tracks 6 parcels with 30 events.
    expect(count("tracking_events") / count("shipments")).toBeGreaterThan(4.6);
    expect(count("tracking_events") / count("shipments")).toBeLessThan(5.4);
    expect(count("inventory")).toBe(2 * count("products"));
    expect(count("product_suppliers")).toBe(count("products") + Math.floor(count("products") * 0.6));
  });

  it("concentrates spend on few customers (power law)", () => {
    const tx = columnIndex("transactions");
    const spend = new Map<unknown, number>();
    for (const r of big.tables.get("transactions")!)
      spend.set(r[tx.customer_id!], (spend.get(r[tx.customer_id!]) ?? 0) + Number(r[tx.total_amount!]));
    const sorted = [...spend.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const topTenth = sorted.slice(0, Math.ceil(count("customers") / 10)).reduce((a, b) => a + b, 0);
    expect(topTenth / total).toBeGreaterThan(0.35);
  });

  it("spreads activity over the two years before asOf", () => {
    const times = values(big.tables, "transactions", "transaction_date") as number[];
    const asOf = Date.UTC(2024, 5, 16);
    const day = 86_400_000;
    expect(Math.min(...times)).toBeGreaterThanOrEqual(asOf - 730 * day);
    expect(Math.min(...times)).toBeLessThan(asOf - 720 * day);
    expect(Math.max(...times)).toBeGreaterThan(asOf - day);
    expect(Math.max(...times)).toBeLessThan(asOf);
    const recent = times.filter((t) => t >= asOf - 90 * day).length / times.length;
    expect(recent).toBeGreaterThan(0.1);
    expect(recent).toBeLessThan(0.2);
  });

  it("uses every channel, tier and segment", () => {
    expect(new Set(values(big.tables, "transactions", "channel"))).toEqual(
      new Set(["online", "store", "mobile"]),
    );
    expect(new Set(values(big.tables, "loyalty_program", "loyalty_tier")).size).toBe(4);
    expect(new Set(values(big.tables, "customers", "customer_segment"))).toEqual(
      new Set(["Premium", "Standard", "Basic"]),
    );
  });
});
