import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/index.ts";
import { random } from "./random-queries.ts";

/**
 * Interval and event-time temporal joins against DuckDB on the same rows: with a watermark delay
 * longer than the rows' disorder no row is late, so once every source ends (runBounded) the streaming
 * result is the batch one — an interval join's BETWEEN, a temporal join's ASOF join. Rows arrive in
 * rounds, both inputs interleaved.
 */
const SEEDS = process.env.HEADWATER_SOAK === "1" ? 300 : 25;
const BASE = Date.UTC(2024, 0, 1);

type TimedRow = [number, number, number]; // k, value, ts (ms)

/**
 * Rows with rising times in whole seconds (so window bounds and version times are often hit exactly)
 * and a few seconds of disorder, keys 0..3.
 */
function timedRows(rand: () => number, count: number, distinctTimes: boolean): TimedRow[] {
  const used = new Set<number>();
  return Array.from({ length: count }, (_, i) => {
    let ts = BASE + (i * 2 + Math.floor(rand() * 5)) * 1000;
    while (distinctTimes && used.has(ts)) ts += 1000;
    used.add(ts);
    return [Math.floor(rand() * 4), Math.floor(rand() * 100), ts];
  });
}

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => duck.closeSync());

async function duckRows(tables: Record<string, TimedRow[]>, sql: string): Promise<string[]> {
  for (const [name, rows] of Object.entries(tables)) {
    await duck.run(`CREATE OR REPLACE TABLE ${name} (k INTEGER, v INTEGER, ts TIMESTAMP)`);
    if (rows.length > 0)
      await duck.run(
        `INSERT INTO ${name} VALUES ${rows.map(([k, v, ts]) => `(${k}, ${v}, epoch_ms(${ts}))`).join(", ")}`,
      );
  }
  const reader = await duck.runAndReadAll(sql);
  return reader
    .getRows()
    .map((r) => r.map((v) => (v === null ? "NULL" : String(v))).join("|"))
    .sort();
}

async function engineRows(
  ddl: readonly string[],
  tables: Record<string, TimedRow[]>,
  sql: string,
  rand: () => number,
): Promise<string[]> {
  const engine = createEngine({ clock: () => 0 });
  await engine.executeScript(ddl.join(";\n"));
  const result = await engine.execute(sql);
  if (result.kind !== "query") throw new Error("not a query");
  const pending = Object.entries(tables).map(([name, rows]) => ({ name, rows: [...rows] }));
  while (pending.some((p) => p.rows.length > 0)) {
    const p = pending[Math.floor(rand() * pending.length)]!;
    engine.insertRows(p.name, p.rows.splice(0, 1 + Math.floor(rand() * 4)));
    engine.runUntilIdle();
  }
  engine.runBounded();
  if (result.error) return [`failed: ${result.error.message}`];
  return result
    .table()
    .map((r) => r.map((v) => (v === null ? "NULL" : String(v))).join("|"))
    .sort();
}

const APPEND = (name: string): string =>
  `CREATE TABLE ${name} (k INT, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '10' SECOND) WITH ('connector' = 'headwater')`;

describe("differential: time-based joins vs DuckDB", () => {
  it(`interval joins agree on ${SEEDS} random streams`, async () => {
    const mismatches: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rand = random(seed * 13 + 1);
      const tables = {
        a: timedRows(rand, 5 + Math.floor(rand() * 25), false),
        b: timedRows(rand, 5 + Math.floor(rand() * 25), false),
      };
      const type = ["JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"][Math.floor(rand() * 4)]!;
      const lower = Math.floor(rand() * 6);
      const upper = Math.floor(rand() * 6);
      const extra = rand() < 0.3 ? " AND a.v < b.v" : "";
      const on = `a.k = b.k AND a.ts BETWEEN b.ts - INTERVAL '${lower}' SECOND AND b.ts + INTERVAL '${upper}' SECOND${extra}`;
      const sql = `SELECT a.k, a.v, b.k, b.v FROM a ${type} b ON ${on}`;
      const mine = await engineRows([APPEND("a"), APPEND("b")], tables, sql, rand);
      const theirs = await duckRows(tables, sql);
      if (mine.join("\n") !== theirs.join("\n"))
        mismatches.push(`seed ${seed}: ${sql}\n  engine: ${mine.join("; ")}\n  duckdb: ${theirs.join("; ")}`);
    }
    expect(mismatches.slice(0, 3).join("\n\n")).toBe("");
  });

  it(`temporal joins agree with DuckDB's ASOF join on ${SEEDS} random streams`, async () => {
    const mismatches: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rand = random(seed * 17 + 5);
      const tables = {
        o: timedRows(rand, 5 + Math.floor(rand() * 25), false),
        r: timedRows(rand, 3 + Math.floor(rand() * 15), true),
      };
      // A versioned table gets its versions of a key in time order.
      tables.r.sort((x, y) => x[2] - y[2]);
      const left = rand() < 0.5;
      const ddl = [
        APPEND("o"),
        "CREATE TABLE r (k INT, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '10' SECOND, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'headwater')",
      ];
      const ours = `SELECT o.k, o.v, r.v FROM o ${left ? "LEFT JOIN" : "JOIN"} r FOR SYSTEM_TIME AS OF o.ts ON o.k = r.k`;
      const theirs = `SELECT o.k, o.v, r.v FROM o ASOF ${left ? "LEFT JOIN" : "JOIN"} r ON o.k = r.k AND o.ts >= r.ts`;
      const mine = await engineRows(ddl, tables, ours, rand);
      const expected = await duckRows(tables, theirs);
      if (mine.join("\n") !== expected.join("\n"))
        mismatches.push(
          `seed ${seed}: ${ours}\n  engine: ${mine.join("; ")}\n  duckdb: ${expected.join("; ")}`,
        );
    }
    expect(mismatches.slice(0, 3).join("\n\n")).toBe("");
  });
});
