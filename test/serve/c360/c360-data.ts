import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { Row } from "../../../src/common/value.ts";
import { duckDbTypeOf } from "../../../src/connectors/duckdb/duckdb-type.ts";
import { appendRows, fromDuckDB } from "../../../src/connectors/duckdb/typed-rows.ts";
import { generateRetail } from "../../../src/connectors/retail/index.ts";
import { createEngine, type Engine } from "../../../src/engine/index.ts";
import { loadProject, rawRow, rawTableLayouts } from "../../../src/pipelines/index.ts";
import { C360_TABLES } from "../../../src/serve/c360/index.ts";

export const C360_DIR = join(import.meta.dirname, "..", "..", "..", "examples", "c360");

/**
 * The tables the sources would hold, as DuckDB computes them from the raw records: the latest record
 * per key (by record time, then arrival), products on sale, and the counted transactions (completed,
 * with at least one item of a product on sale, of a customer in the view's source). Test fixtures
 * only: what the business endpoints read when the streaming pipeline has run.
 */
const SALES_SQL = `
CREATE TABLE src_c360_products AS
  SELECT *, price - cost AS gross_margin,
    CASE WHEN price < 50 THEN 'Budget' WHEN price < 150 THEN 'Mid-Range' WHEN price < 300 THEN 'Premium'
      ELSE 'Luxury' END AS price_segment,
    CASE WHEN category IN ('Electronics', 'Computer') THEN 'Technology' ELSE 'Other' END AS category_group
  FROM products_raw
  QUALIFY ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY _rowtime DESC, _seq DESC) = 1;
DELETE FROM src_c360_products WHERE status IS DISTINCT FROM 'active';
CREATE TABLE src_c360_transaction_items AS
  SELECT * FROM transaction_items_raw
  QUALIFY ROW_NUMBER() OVER (PARTITION BY item_id ORDER BY _rowtime DESC, _seq DESC) = 1;
CREATE TABLE int_c360_customer_transactions AS
  WITH latest AS (
    SELECT * FROM transactions_raw
    QUALIFY ROW_NUMBER() OVER (PARTITION BY transaction_id ORDER BY _rowtime DESC, _seq DESC) = 1
  ), customers AS (
    SELECT * FROM customers_raw
    QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY _rowtime DESC, _seq DESC) = 1
  ), summary AS (
    SELECT i.transaction_id, COUNT(i.item_id) AS items_purchased, SUM(i.quantity) AS total_quantity,
      COUNT(DISTINCT p.category) AS unique_categories, COUNT(DISTINCT p.brand) AS unique_brands
    FROM src_c360_transaction_items i JOIN src_c360_products p USING (product_id)
    GROUP BY i.transaction_id
  )
  SELECT t.transaction_id, t.customer_id, c.customer_segment, c.preferred_channel, t.transaction_date, t.channel,
    CASE WHEN t.channel IN ('online', 'mobile') THEN 'Digital' WHEN t.channel = 'store' THEN 'Physical'
      ELSE 'Other' END AS channel_group,
    t.total_amount, t.discount_amount,
    CASE WHEN t.total_amount < 50 THEN 'Small' WHEN t.total_amount < 150 THEN 'Medium'
      WHEN t.total_amount < 300 THEN 'Large' ELSE 'XLarge' END AS order_size_category,
    s.items_purchased, s.total_quantity, s.unique_categories, s.unique_brands,
    CASE WHEN c.preferred_channel = t.channel THEN 1 ELSE 0 END AS used_preferred_channel
  FROM latest t JOIN customers c USING (customer_id) JOIN summary s USING (transaction_id)
  WHERE t.status = 'completed';`;

/** An engine with the tables the business endpoints read, created from the project's DDL, empty. */
export async function emptyC360Engine(): Promise<Engine> {
  const project = loadProject(C360_DIR);
  const engine = createEngine();
  for (const name of C360_TABLES) {
    const file = project.tables.get(name)!.ddlRef!;
    await engine.execute(readFileSync(join(C360_DIR, file), "utf8"), file);
  }
  return engine;
}

export interface C360Data {
  /** An engine holding the view and the transaction-grain tables, filled with the rows below. */
  readonly engine: Engine;
  /** The generator's as-of time: the clock the view's judgements were made at. */
  readonly now: number;
  /** DuckDB holding exactly the engine's current rows of the same tables, for oracle queries. */
  readonly oracle: DuckDBConnection;
  /** Reloads the oracle's tables from the engine's current rows (after the test changed them). */
  syncOracle(): Promise<void>;
  close(): void;
}

/**
 * Generated retail data for `customers` customers, turned into the view (examples/c360's batch query
 * on DuckDB: the streaming pipeline's answer, as `headwater parity` checks) and the transaction-grain
 * tables, stored in an engine created from the project's own DDL.
 */
export async function c360Data(customers: number, seed: number): Promise<C360Data> {
  const project = loadProject(C360_DIR);
  const generation = generateRetail({ customers, seed, dirt: { malformedRate: 0 } });
  const now = generation.plan.asOf;

  const batch = await (await DuckDBInstance.create(":memory:")).connect();
  const found = rawTableLayouts(project);
  if ("problem" in found) throw new Error(found.problem);
  const layouts = found.layouts;
  const loaded = new Map<string, Row[]>();
  for (const event of generation) {
    const layout = layouts.get(event.dataSet);
    if (!layout) continue;
    const rows = loaded.get(layout.name) ?? [];
    rows.push([...rawRow(layout, event), event.eventTime, rows.length]);
    loaded.set(layout.name, rows);
  }
  for (const layout of layouts.values()) {
    const defs = layout.schema.columns
      .filter((c) => c.origin === "physical")
      .map((c) => `"${c.name}" ${duckDbTypeOf(c.type).toString()}`);
    await batch.run(
      `CREATE TABLE ${layout.name} (${[...defs, "_rowtime TIMESTAMP", "_seq BIGINT"].join(", ")})`,
    );
    const appender = await batch.createAppender(layout.name);
    appendRows(
      appender,
      [
        ...layout.types,
        { kind: "TIMESTAMP", precision: 3, nullable: false },
        { kind: "BIGINT", nullable: false },
      ],
      loaded.get(layout.name) ?? [],
    );
    appender.closeSync();
  }
  await batch.run(`CREATE TABLE clock AS SELECT epoch_ms(${now}::BIGINT) AS now`);
  await batch.run(readFileSync(join(C360_DIR, "batch", "customer_analytics_c360.sql"), "utf8"));
  await batch.run(SALES_SQL);

  const engine = createEngine({ clock: () => now });
  for (const name of C360_TABLES) {
    const table = project.tables.get(name)!;
    await engine.execute(readFileSync(join(C360_DIR, table.ddlRef!), "utf8"), table.ddlRef);
    const columns = engine.table(name).columns;
    const reader = await batch.runAndReadAll(
      `SELECT ${columns.map((c) => `"${c.name}"`).join(", ")} FROM ${name}`,
    );
    engine.insertRows(
      name,
      reader.getRows().map((row) => row.map((value, i) => fromDuckDB(value, columns[i]!.type))),
    );
  }
  batch.closeSync();

  const oracle = await (await DuckDBInstance.create(":memory:")).connect();
  const syncOracle = async () => {
    for (const name of C360_TABLES) {
      const table = engine.table(name);
      const defs = table.columns.map((c) => `"${c.name}" ${duckDbTypeOf(c.type).toString()}`);
      await oracle.run(`CREATE OR REPLACE TABLE ${name} (${defs.join(", ")})`);
      const appender = await oracle.createAppender(name);
      appendRows(
        appender,
        table.columns.map((c) => c.type),
        table.rows(),
      );
      appender.closeSync();
    }
  };
  await syncOracle();
  return { engine, now, oracle, syncOracle, close: () => oracle.closeSync() };
}
