import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { createEngine, type Engine } from "../../../src/engine/index.ts";
import { random } from "../../infra/seeded-random.ts";
import { VALID } from "./helpers.ts";

/**
 * Generated Customer 360 rows written once as SQL text and run by both the engine (Flink SQL) and
 * DuckDB, so DuckDB's own rendering of each value (DECIMAL text, strftime of dates and timestamps)
 * is the oracle for the JSON the REST interface serves.
 */
interface Literal {
  readonly flink: string;
  readonly duck: string;
}

const text = (s: string): Literal => ({
  flink: `'${s.replaceAll("'", "''")}'`,
  duck: `'${s.replaceAll("'", "''")}'`,
});
const plain = (s: string): Literal => ({ flink: s, duck: s });
const nullOf = (flinkType: string): Literal => ({ flink: `CAST(NULL AS ${flinkType})`, duck: "NULL" });

const FIRST = [
  "Ada",
  "Alan",
  "Grace",
  "Katherine",
  "Emmy",
  "Edsger",
  "Barbara",
  "Donald",
  "Frances",
  "Niklaus",
];
const LAST = [
  "Lovelace",
  "Turing",
  "Hopper",
  "Johnson",
  "Noether",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "Wirth",
];
const TIERS = ["Platinum", "Gold", "Silver", "Bronze"];
/** Ids that need escaping in a URL. */
const AWKWARD_IDS = ["C/1 %?", "C,2", "Ünïcödé-3", "a+b&c=d", "#hash"];

const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);

function row(rand: () => number, id: string): Literal[] {
  const maybe = (p: number, literal: () => Literal, flinkType: string): Literal =>
    rand() < p ? nullOf(flinkType) : literal();
  const cents = Math.floor(rand() * 1_000_000_00);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const at = START + Math.floor(rand() * 5 * 365 * DAY);
  const updated = START + Math.floor(rand() * 5 * 365 * DAY);
  return [
    text(id),
    maybe(0.1, () => text(pick(FIRST)), "STRING"),
    text(pick(LAST)),
    text(`${id.replace(/[^A-Za-z0-9]/g, "")}@example.com`),
    maybe(0.15, () => text(pick(TIERS)), "STRING"),
    plain(String(rand() < 0.01 ? 9007199254740991 : Math.floor(rand() * 500))),
    plain(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`),
    maybe(0.2, () => plain((1 + rand() * 4).toFixed(2)), "DECIMAL(4, 2)"),
    maybe(
      0.1,
      () => plain(`DATE '${new Date(START + Math.floor(rand() * 1800) * DAY).toISOString().slice(0, 10)}'`),
      "DATE",
    ),
    maybe(
      0.1,
      () => plain(`TIMESTAMP '${new Date(at).toISOString().replace("T", " ").slice(0, 23)}'`),
      "TIMESTAMP(3)",
    ),
    plain(rand() < 0.3 ? "TRUE" : "FALSE"),
    maybe(
      0.1,
      () => ({ flink: `TO_TIMESTAMP_LTZ(${updated}, 3)`, duck: `epoch_ms(${updated})` }),
      "TIMESTAMP_LTZ(3)",
    ),
  ];
}

const DUCK_TABLE = `CREATE TABLE customer_analytics_c360 (
  customer_id VARCHAR PRIMARY KEY, first_name VARCHAR, last_name VARCHAR, email VARCHAR, loyalty_tier VARCHAR,
  total_transactions BIGINT, total_spent DECIMAL(12, 2), customer_health_score DECIMAL(4, 2),
  last_purchase_date DATE, last_purchase_at TIMESTAMP, churn_risk_flag BOOLEAN, profile_updated_at TIMESTAMP)`;

/**
 * Each served column as DuckDB renders it in the REST encoding. The output names carry a prefix so
 * that ORDER BY and WHERE keep referring to the table's columns, not to these text renderings.
 */
const DUCK_SELECT = `SELECT customer_id AS out_customer_id, first_name AS out_first_name, last_name AS out_last_name,
  email AS out_email, loyalty_tier AS out_loyalty_tier, total_transactions AS out_total_transactions,
  CAST(total_spent AS VARCHAR) AS out_total_spent, CAST(customer_health_score AS VARCHAR) AS out_customer_health_score,
  strftime(last_purchase_date, '%Y-%m-%d') AS out_last_purchase_date,
  strftime(last_purchase_at, '%Y-%m-%dT%H:%M:%S.%g') AS out_last_purchase_at, churn_risk_flag AS out_churn_risk_flag,
  strftime(profile_updated_at, '%Y-%m-%dT%H:%M:%S.%g') || 'Z' AS out_profile_updated_at
FROM customer_analytics_c360`;

export interface C360Oracle {
  readonly engine: Engine;
  readonly ids: readonly string[];
  /** The records DuckDB computes for `WHERE … ORDER BY …`, in the REST encoding. */
  records(where: string, orderBy: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

/** `customers` generated customers (plus the awkward ids), a tenth of them updated once. */
export async function c360Oracle(customers: number, seed: number): Promise<C360Oracle> {
  const rand = random(seed);
  const ids = [
    ...Array.from({ length: customers }, (_, i) => `CUST${String(i).padStart(6, "0")}`),
    ...AWKWARD_IDS,
  ];
  const batches = [ids.map((id) => row(rand, id)), ids.filter(() => rand() < 0.1).map((id) => row(rand, id))];
  const ddl = readFileSync(join(VALID, "tables.sql"), "utf8").split(/^INSERT/m)[0]!;
  const engine = createEngine();
  await engine.executeScript(ddl, "tables.sql");
  const duck = await (await DuckDBInstance.create(":memory:")).connect();
  await duck.run(DUCK_TABLE);
  for (const batch of batches) {
    const values = (dialect: keyof Literal) =>
      batch.map((r) => `(${r.map((l) => l[dialect]).join(", ")})`).join(",\n");
    await engine.execute(`INSERT INTO customer_analytics_c360 VALUES ${values("flink")}`);
    await duck.run(`INSERT OR REPLACE INTO customer_analytics_c360 VALUES ${values("duck")}`);
  }
  return {
    engine,
    ids,
    async records(where, orderBy) {
      const reader = await duck.runAndReadAll(
        `${DUCK_SELECT} ${where ? `WHERE ${where}` : ""} ORDER BY ${orderBy}`,
      );
      return reader
        .getRowObjects()
        .map((r) =>
          Object.fromEntries(
            Object.entries(r).map(([k, v]) => [k.slice(4), typeof v === "bigint" ? Number(v) : v]),
          ),
        );
    },
    close: () => duck.closeSync(),
  };
}
