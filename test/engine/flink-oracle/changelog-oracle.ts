// Runs one scenario on Headwater and on a real Apache Flink 1.20 (the SQL Gateway of scripts/flink.sh)
// and returns both changelogs in one text form, for tests that hold Headwater to Flink's exact output.
// Flink reads the rows from a CSV file with parallelism 1 and a watermark after every row
// ('pipeline.auto-watermark-interval' = '0 ms'); Headwater gets them one INSERT at a time, so each
// row is followed by the source's watermark, then the input ends (the final watermark) in both.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SqlValue } from "../../../src/common/value.ts";
import { createEngine, formatValue } from "../../../src/engine/index.ts";
import type { DataType } from "../../../src/sql/types/data-type.ts";
import type { SqlGatewaySession } from "../../infra/flink-gateway.ts";

export interface Scenario {
  readonly name: string;
  /** Physical columns of table `t`, SQL text (`k STRING, v INT, ts TIMESTAMP(3)`). */
  readonly columns: string;
  /** `WATERMARK FOR ...` clause, if any. */
  readonly watermark?: string;
  /** Rows as CSV fields, in arrival order. */
  readonly rows: readonly (readonly string[])[];
  readonly query: string;
}

const KINDS: Record<string, string> = {
  INSERT: "+I",
  UPDATE_BEFORE: "-U",
  UPDATE_AFTER: "+U",
  DELETE: "-D",
};

export async function flinkChangelog(session: SqlGatewaySession, scenario: Scenario): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "hw-flink-oracle-"));
  const path = join(dir, "t.csv");
  writeFileSync(path, scenario.rows.map((r) => `${r.join(",")}\n`).join(""));
  const table = `t_${Math.random().toString(36).slice(2, 10)}`;
  const watermark = scenario.watermark ? `, ${scenario.watermark}` : "";
  await session.execute(
    `CREATE TEMPORARY TABLE ${table} (${scenario.columns}${watermark}) WITH ('connector' = 'filesystem', 'path' = '${path}', 'format' = 'csv')`,
  );
  try {
    const result = await session.execute(scenario.query.replaceAll(/\bt\b/g, table), { timeoutMs: 120_000 });
    if (!result.complete) throw new Error(`Flink did not finish ${scenario.name} in time`);
    return result.rows.map((r) => `${KINDS[r.kind]} ${r.fields.map(flinkValue).join(" | ")}`);
  } finally {
    await session.execute(`DROP TEMPORARY TABLE ${table}`).catch(() => undefined);
  }
}

export async function headwaterChangelog(scenario: Scenario): Promise<string[]> {
  const engine = createEngine({ clock: () => 0 });
  const watermark = scenario.watermark ? `, ${scenario.watermark}` : "";
  await engine.execute(`CREATE TABLE t (${scenario.columns}${watermark}) WITH ('connector' = 'headwater')`);
  const result = await engine.execute(scenario.query);
  if (result.kind !== "query") throw new Error(`${scenario.name}: not a query`);
  const types = engine.catalog
    .getTable(["default_catalog", "default_database", "t"])!
    .columns.map((c) => c.type);
  for (const row of scenario.rows) {
    engine.insertRows("t", [row.map((text, i) => parseCsv(text, types[i]!))]);
    engine.runUntilIdle();
  }
  engine.runBounded();
  if (result.error) throw result.error;
  return result
    .changelog()
    .map((c) => `${c.kind} ${c.row.map((v, i) => headwaterValue(v, result.columns[i]!.type)).join(" | ")}`);
}

function parseCsv(text: string, type: DataType): SqlValue {
  if (text === "") return null;
  switch (type.kind) {
    case "INT":
    case "BIGINT":
    case "SMALLINT":
    case "TINYINT":
    case "DOUBLE":
      return Number(text);
    case "TIMESTAMP":
      return Date.parse(`${text.replace(" ", "T")}Z`);
    default:
      return text;
  }
}

/** Timestamps as Flink's JSON rows print them (`2024-01-01T00:00:01`, millis only when set). */
function headwaterValue(value: SqlValue, type: DataType): string {
  if (value === null) return "null";
  if (type.kind === "TIMESTAMP" && typeof value === "number")
    return new Date(value)
      .toISOString()
      .replace(/\.000Z$/, "")
      .replace(/Z$/, "");
  return formatValue(value, type);
}

function flinkValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  return String(value);
}
