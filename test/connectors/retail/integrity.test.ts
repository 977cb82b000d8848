import { describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import {
  columnIndex,
  RETAIL_SCHEMAS,
  type RetailDataSetName,
  retailSchema,
} from "../../../src/connectors/retail/index.ts";
import { collect, HAS_SEED, readSeedCsv, values } from "./support.ts";

const clean = collect({ customers: 2000, seed: 42, dirt: false });
const { tables } = clean;

function ids(dataSet: RetailDataSetName, column: string): Set<unknown> {
  return new Set(values(tables, dataSet, column));
}

/** Categorical columns whose generated values must come from the seed's CSVs. */
const CATEGORICAL: Partial<Record<RetailDataSetName, string[]>> = {
  customers: ["gender", "customer_segment", "preferred_channel", "city", "state", "country"],
  loyalty_program: ["loyalty_tier"],
  support_tickets: ["category", "priority", "status", "channel"],
  app_usage: ["device_type", "app_version"],
  transactions: ["channel", "payment_method", "currency", "status"],
  regional_sales: ["region_id", "region_name", "country"],
  products: ["category", "subcategory", "brand", "dimensions", "size", "status"],
  suppliers: ["country", "payment_terms"],
  shipments: ["carrier", "service_level"],
  tracking_events: ["event_type", "description", "carrier_status"],
  warehouse_locations: ["location_type", "country"],
};

describe("retail referential integrity", () => {
  it("references only keys that exist", () => {
    const customers = ids("customers", "customer_id");
    const transactions = ids("transactions", "transaction_id");
    const products = ids("products", "product_id");
    const suppliers = ids("suppliers", "supplier_id");
    const locations = ids("warehouse_locations", "location_id");
    const shipments = ids("shipments", "shipment_id");
    const check = (dataSet: RetailDataSetName, column: string, keys: Set<unknown>) => {
      const missing = values(tables, dataSet, column).filter((v) => v !== null && !keys.has(v));
      expect(missing, `${dataSet}.${column}`).toEqual([]);
    };
    for (const d of ["loyalty_program", "support_tickets", "app_usage", "transactions"] as const)
      check(d, "customer_id", customers);
    check("transaction_items", "transaction_id", transactions);
    check("transaction_items", "product_id", products);
    check("shipments", "transaction_id", transactions);
    check("shipments", "origin_location", locations);
    check("transactions", "store_id", locations);
    check("tracking_events", "shipment_id", shipments);
    check("inventory", "product_id", products);
    check("inventory", "location_id", locations);
    check("product_suppliers", "product_id", products);
    check("product_suppliers", "supplier_id", suppliers);
  });

  it("has unique primary keys in clean data", () => {
    for (const schema of RETAIL_SCHEMAS) {
      const key = schema.primaryKey.map((k) => columnIndex(schema.name)[k]!);
      const seen = new Set(tables.get(schema.name)!.map((r) => key.map((i) => String(r[i])).join("|")));
      expect(seen.size, schema.name).toBe(tables.get(schema.name)!.length);
    }
  });

  it("emits events in event-time order, every referenced entity before its first use", () => {
    let last = Number.NEGATIVE_INFINITY;
    const seen = new Map<RetailDataSetName, Set<unknown>>();
    const known = (d: RetailDataSetName) => seen.get(d) ?? seen.set(d, new Set()).get(d)!;
    const problems: string[] = [];
    for (const e of clean.events) {
      expect(e.eventTime).toBeGreaterThanOrEqual(last);
      last = e.eventTime;
      const col = columnIndex(e.dataSet);
      const needs = (d: RetailDataSetName, value: unknown) => {
        if (value !== null && !known(d).has(value))
          problems.push(`${e.dataSet} ${String(e.row[0])} → ${d} ${String(value)}`);
      };
      if (col.customer_id !== undefined && e.dataSet !== "customers")
        needs("customers", e.row[col.customer_id]);
      if (e.dataSet === "transaction_items") needs("products", e.row[col.product_id!]);
      if (e.dataSet === "transaction_items" || e.dataSet === "shipments")
        needs("transactions", e.row[col.transaction_id!]);
      if (e.dataSet === "tracking_events") needs("shipments", e.row[col.shipment_id!]);
      known(e.dataSet).add(e.row[0]);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("makes amounts add up to the cent", () => {
    const tx = columnIndex("transactions");
    const it = columnIndex("transaction_items");
    const lines = new Map<unknown, { total: bigint; discount: bigint }>();
    for (const r of tables.get("transaction_items")!) {
      expect(r[it.line_total!]).toBe((r[it.unit_price!] as bigint) * BigInt(r[it.quantity!] as number));
      const sum = lines.get(r[it.transaction_id!]) ?? { total: 0n, discount: 0n };
      sum.total += r[it.line_total!] as bigint;
      sum.discount += r[it.discount_applied!] as bigint;
      lines.set(r[it.transaction_id!], sum);
    }
    for (const r of tables.get("transactions")!) {
      const sum = lines.get(r[tx.transaction_id!])!;
      expect(r[tx.subtotal!]).toBe(sum.total);
      expect(r[tx.discount_amount!]).toBe(sum.discount);
      expect(r[tx.total_amount!]).toBe(
        (r[tx.subtotal!] as bigint) + (r[tx.tax_amount!] as bigint) - sum.discount,
      );
      expect(r[tx.store_id!] === null).toBe(r[tx.channel!] !== "store");
    }
  });

  it("reconciles regional sales with the day's transactions", () => {
    const tx = columnIndex("transactions");
    const total = (rows: Row[], column: number) => rows.reduce((s, r) => s + (r[column] as bigint), 0n);
    const regional = tables.get("regional_sales")!;
    const rs = columnIndex("regional_sales");
    expect(total(regional, rs.total_revenue!)).toBe(total(tables.get("transactions")!, tx.total_amount!));
    expect(regional.reduce((s, r) => s + (r[rs.total_transactions!] as number), 0)).toBe(
      tables.get("transactions")!.length,
    );
  });

  it("keeps loyalty consistent: balance = earned − redeemed, tier from lifetime value, value ≥ spend", () => {
    const l = columnIndex("loyalty_program");
    const tx = columnIndex("transactions");
    const spend = new Map<unknown, bigint>();
    for (const r of tables.get("transactions")!)
      spend.set(r[tx.customer_id!], (spend.get(r[tx.customer_id!]) ?? 0n) + (r[tx.total_amount!] as bigint));
    const tiers = ["Bronze", "Silver", "Gold", "Platinum"];
    const thresholds = [0n, 300_000n, 650_000n, 1_100_000n];
    for (const r of tables.get("loyalty_program")!) {
      expect(r[l.points_balance!]).toBe(
        (r[l.points_earned_ytd!] as number) - (r[l.points_redeemed_ytd!] as number),
      );
      const value = r[l.lifetime_value!] as bigint;
      const tier = tiers.indexOf(r[l.loyalty_tier!] as string);
      expect(value >= thresholds[tier]!).toBe(true);
      if (tier < 3) expect(value < thresholds[tier + 1]!).toBe(true);
      expect(value >= (spend.get(r[l.customer_id!]) ?? 0n) - 100_000n).toBe(true);
    }
    expect(new Set(values(tables, "loyalty_program", "loyalty_tier"))).toEqual(new Set(tiers));
  });

  it("tracks parcels in order, from pick-up to delivery", () => {
    const t = columnIndex("tracking_events");
    const byShipment = new Map<unknown, Row[]>();
    for (const r of tables.get("tracking_events")!)
      byShipment.set(r[t.shipment_id!], [...(byShipment.get(r[t.shipment_id!]) ?? []), r]);
    const s = columnIndex("shipments");
    for (const shipment of tables.get("shipments")!) {
      const events = byShipment.get(shipment[s.shipment_id!]) ?? [];
      if (events.length > 0) expect(events[0]![t.event_type!]).toBe("picked_up");
      const delivered = events.some((e) => e[t.event_type!] === "delivered");
      expect(delivered).toBe(shipment[s.delivery_status!] === "delivered");
      expect(shipment[s.actual_delivery!] === null).toBe(!delivered);
    }
  });
});

describe("retail value domains", () => {
  it.runIf(HAS_SEED)("draws categorical values from the seed's", () => {
    for (const [dataSet, columns] of Object.entries(CATEGORICAL) as [RetailDataSetName, string[]][]) {
      const seed = readSeedCsv(dataSet);
      for (const column of columns) {
        const i = seed.header.indexOf(column);
        const allowed = new Set(seed.records.map((r) => r[i]));
        // Shipments still moving at `asOf` borrow the tracking events' `in_transit`.
        const generated = new Set(values(tables, dataSet, column).map(String));
        expect(
          [...generated].filter((v) => !allowed.has(v)),
          `${dataSet}.${column}`,
        ).toEqual([]);
      }
    }
    const shipmentStates = new Set(values(tables, "shipments", "delivery_status"));
    expect([...shipmentStates].sort()).toEqual(["delivered", "in_transit"]);
  });

  it("keeps numbers in plausible ranges", () => {
    const within = (d: RetailDataSetName, c: string, low: number, high: number) => {
      for (const v of values(tables, d, c).filter((x) => x !== null)) {
        const n = Number(v);
        expect(n >= low && n <= high, `${d}.${c} = ${n}`).toBe(true);
      }
    };
    within("support_tickets", "satisfaction_score", 1, 5);
    within("app_usage", "session_duration_minutes", 3, 120);
    within("transaction_items", "quantity", 1, 3);
    within("suppliers", "quality_rating", 41, 48);
    within("product_suppliers", "lead_time_days", 3, 40);
    expect(retailSchema("suppliers").columns.at(-1)!.type).toBe("DECIMAL(2,1)");
  });
});
