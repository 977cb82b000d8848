import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  generateRetail,
  RETAIL_SCHEMAS,
  retailTableSql,
  writeRetailFiles,
} from "../../../src/connectors/retail/index.ts";
import { HAS_SEED, readSeedCsv } from "./support.ts";

describe("retail schemas", () => {
  it("has the seed's 14 data sets", () => {
    expect(RETAIL_SCHEMAS.map((s) => `${s.domain}/${s.name}`).sort()).toEqual([
      "customer/app_usage",
      "customer/customers",
      "customer/loyalty_program",
      "customer/support_tickets",
      "logistics/shipments",
      "logistics/tracking_events",
      "logistics/warehouse_locations",
      "products/inventory",
      "products/product_suppliers",
      "products/products",
      "products/suppliers",
      "sales/regional_sales",
      "sales/transaction_items",
      "sales/transactions",
    ]);
  });

  it.runIf(HAS_SEED)("names the columns exactly as the seed's CSV headers, in order", () => {
    for (const schema of RETAIL_SCHEMAS) {
      expect(
        schema.columns.map((c) => c.name),
        schema.name,
      ).toEqual(readSeedCsv(schema.name).header);
    }
  });

  it("writes CSV headers equal to the schema columns", async () => {
    const dir = await mkdtemp(join(tmpdir(), "retail-headers-"));
    await writeRetailFiles(dir, generateRetail({ customers: 15 }));
    for (const schema of RETAIL_SCHEMAS) {
      const text = await readFile(join(dir, schema.domain, `${schema.name}.csv`), "utf8");
      expect(text.slice(0, text.indexOf("\n")).split(",")).toEqual(schema.columns.map((c) => c.name));
    }
  });

  it("keys and event times name real columns; keys are NOT NULL; event times are TIMESTAMP(3)", () => {
    for (const schema of RETAIL_SCHEMAS) {
      const byName = new Map(schema.columns.map((c) => [c.name, c]));
      for (const key of schema.primaryKey)
        expect(byName.get(key)?.nullable, `${schema.name}.${key}`).toBe(false);
      if (schema.eventTime) {
        expect(byName.get(schema.eventTime)?.type).toBe("TIMESTAMP(3)");
        expect(byName.get(schema.eventTime)?.nullable).toBe(false);
      }
    }
  });

  it("renders Flink DDL with the primary key and watermark", () => {
    const sql = retailTableSql("transactions");
    expect(sql).toContain("`total_amount` DECIMAL(10,2) NOT NULL");
    expect(sql).toContain("WATERMARK FOR `transaction_date`");
    expect(sql).toContain("PRIMARY KEY (`transaction_id`) NOT ENFORCED");
  });
});
