// Runs a query over in-memory tables with and without a state memory budget, so spill tests compare
// the two changelogs and check that the state really went to disk.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { createEngine } from "../../../src/engine/index.ts";
import type { Operator } from "../../../src/engine/runtime/operator.ts";
import { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { decodeRow, encodeRow } from "../../../src/store/row-codec.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { type OrderingHarness, run, type Step } from "./ordering-operator.ts";
import type { Emitted } from "./recording-collector.ts";

/** A row written to an in-memory table (upserted by its primary key), or with `delete` deleted from it. */
export interface Insert {
  readonly table: string;
  readonly row: Row;
  readonly delete?: true;
}

/** What a run produced: its changelog and final table (as sortable text) and the spill files' peak size. */
export interface SpillRun {
  readonly changelog: string[];
  readonly table: string[];
  readonly spilledBytes: number;
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
      for (const change of inserts.slice(at, at + batch))
        if (change.delete) engine.deleteRows(change.table, [change.row]);
        else engine.insertRows(change.table, [change.row]);
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

/** What a run that was snapshotted halfway with spilled state and restored into a fresh operator emitted. */
export interface RestoredRun {
  readonly out: Emitted[];
  /** Entries on disk when the snapshot was taken, right after the restore, and at the end. */
  readonly spilled: { readonly atSnapshot: number; readonly afterRestore: number; readonly atEnd: number };
}

/**
 * Plays `steps` up to `cut` into an operator spilling past `budget`, restores its snapshot (through
 * the row codec, as a checkpoint stores it) into a second operator with a spill of its own, and plays
 * the rest into that one; both write into one output, to compare with an uninterrupted run.
 */
export function runRestoredMidway<S>(
  make: (out: Emitted[], spill: StateSpill) => Operator,
  play: (op: Operator, steps: readonly S[]) => void,
  steps: readonly S[],
  cut: number,
  budget: number,
): RestoredRun {
  const dir = tempDir();
  const [firstSpill, secondSpill] = [1, 2].map((n) => new StateSpill(path.join(dir, String(n)), budget));
  const out: Emitted[] = [];
  try {
    const first = make(out, firstSpill!);
    play(first, steps.slice(0, cut));
    const atSnapshot = firstSpill!.spilledEntries;
    const second = make(out, secondSpill!);
    second.restore(decodeRow(encodeRow([first.snapshot()]))[0]!);
    const afterRestore = secondSpill!.spilledEntries;
    play(second, steps.slice(cut));
    return { out, spilled: { atSnapshot, afterRestore, atEnd: secondSpill!.spilledEntries } };
  } finally {
    firstSpill!.close();
    secondSpill!.close();
  }
}

/** A restored run had most of its state on disk at the snapshot and after the restore, and emitted `straight`. */
export function expectRestoredLike(
  restored: RestoredRun,
  straight: readonly Emitted[],
  minSpilled = 1000,
): void {
  expect(restored.spilled.atSnapshot).toBeGreaterThan(minSpilled);
  expect(restored.spilled.afterRestore).toBeGreaterThan(minSpilled);
  expect(restored.out).toEqual(straight);
}

/**
 * Plays an ordering operator's steps uninterrupted, then again with a snapshot halfway taken with most
 * of its state on disk (`budget`) and restored into a fresh operator: both runs must emit the same,
 * which it returns.
 */
export function expectRestoredMidwayLikeStraight(
  harness: OrderingHarness,
  steps: readonly Step[],
  budget: number,
): Emitted[] {
  const straight: Emitted[] = [];
  harness.clock.now = 0;
  run(harness.create(straight), steps, harness.clock);
  harness.clock.now = 0;
  const restored = runRestoredMidway(
    (out, spill) => harness.create(out, spill),
    (op, played: readonly Step[]) => run(op, played, harness.clock),
    steps,
    Math.floor(steps.length / 2),
    budget,
  );
  expectRestoredLike(restored, straight);
  return straight;
}
