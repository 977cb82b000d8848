// Runs a query over in-memory tables with and without a state memory budget, so spill tests compare
// the two changelogs and check that the state really went to disk.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Row } from "../../../src/common/value.ts";
import { createEngine } from "../../../src/engine/index.ts";

/** A row written to an in-memory table. */
export interface Insert {
  readonly table: string;
  readonly row: Row;
}

/** What a run produced: its changelog and final table (as sortable text) and the spill files' peak size. */
export interface SpillRun {
  readonly changelog: string[];
  readonly table: string[];
  readonly spilledBytes: number;
}

/** A seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `sql` after `ddl`, feeding `inserts` in batches of `batch` rows; `budget` in bytes per operator
 * state. With `end`, the inputs then end (the final watermark fires every timer).
 */
export async function runWithBudget(
  ddl: string,
  sql: string,
  inserts: readonly Insert[],
  budget: number | undefined,
  spillDir: string,
  options: { readonly batch?: number; readonly end?: boolean } = {},
): Promise<SpillRun> {
  const batch = options.batch ?? 2000;
  const engine = createEngine({ clock: () => 0, spillDir, ...(budget ? { stateMemoryBudget: budget } : {}) });
  try {
    await engine.executeScript(ddl);
    const result = await engine.execute(sql);
    if (result.kind !== "query") throw new Error("not a query");
    let spilledBytes = 0;
    for (let at = 0; at < inserts.length; at += batch) {
      for (const { table, row } of inserts.slice(at, at + batch)) engine.insertRows(table, [row]);
      engine.runUntilIdle();
      spilledBytes = Math.max(spilledBytes, folderBytes(spillDir));
    }
    if (options.end) {
      await engine.runBounded();
      spilledBytes = Math.max(spilledBytes, folderBytes(spillDir));
    }
    if (result.error) throw result.error;
    const changelog = result.changelog().map((c) => `${c.kind}${JSON.stringify(c.row)}`);
    const table = result
      .table()
      .map((r) => JSON.stringify(r))
      .sort();
    return { changelog, table, spilledBytes };
  } finally {
    await engine.close();
  }
}

/** Bytes of the files under `dir` (0 when it does not exist). */
export function folderBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

/** DuckDB's rows as the engine's table text: BIGINTs as numbers, sorted. */
export function duckRows(rows: readonly (readonly unknown[])[]): string[] {
  return rows.map((r) => JSON.stringify(r.map((v) => (typeof v === "bigint" ? Number(v) : v)))).sort();
}

/** Creates a DuckDB table (`columns`: its column list) holding `rows` of numbers and plain strings. */
export async function loadDuck(
  duck: { run(sql: string): Promise<unknown> },
  name: string,
  columns: string,
  rows: readonly Row[],
): Promise<void> {
  await duck.run(`CREATE TABLE ${name} (${columns})`);
  for (let at = 0; at < rows.length; at += 5000)
    await duck.run(
      `INSERT INTO ${name} VALUES ${rows
        .slice(at, at + 5000)
        .map((r) => `(${r.map((v) => (typeof v === "string" ? `'${v}'` : String(v))).join(", ")})`)
        .join(", ")}`,
    );
}
