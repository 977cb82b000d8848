// Top-N state beyond its memory budget spills to disk, partition by partition, with the same
// results: each of Flink's Top-N functions (append-only, retracting, updatable, fast Top-1, first-N
// by processing time, RANK) over 20,000 partitions with a 32 KB budget (the spill files pass ten
// times that), changelogs equal to the in-memory run's, final tables equal to DuckDB's where the
// order has no ties; a snapshot taken with most partitions on disk restores into an operator that
// continues exactly as an uninterrupted run, and state TTL expires spilled partitions.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { createEngine } from "../../../src/engine/index.ts";
import { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { random } from "../../infra/seeded-random.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { orderingOperator, run, type Step } from "./ordering-operator.ts";
import type { Emitted } from "./recording-collector.ts";
import {
  duckRows,
  expectRestoredMidwayLikeStraight,
  type Insert,
  loadDuck,
  runWithBudget,
} from "./spill-run.ts";

const KEYS = 20_000;
const ROWS = 60_000;
const BUDGET = 32 * 1024;

// Events `t` (i: arrival order, v: a permutation of 0..ROWS-1, so orders by v never tie) and a keyed
// table `u` whose ids move between partitions (retractions into the Top-N).
const DDL = `
CREATE TABLE t (i INT, k INT, v INT, pt AS PROCTIME()) WITH ('connector' = 'headwater');
CREATE TABLE u (id INT, k INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'headwater');`;

function events(): Row[] {
  const next = random(17);
  return Array.from({ length: ROWS }, (_, i) => [i, Math.floor(next() * KEYS), (i * 7919) % ROWS]);
}

/** Upserts of 30,000 ids: each id is written twice, the second time often into another partition. */
function upserts(): Row[] {
  const next = random(19);
  return Array.from({ length: ROWS }, (_, i) => [i % 30_000, Math.floor(next() * KEYS), (i * 7919) % ROWS]);
}

const top = (fn: string, order: string, n: number, from = "t") =>
  `SELECT * FROM (SELECT k, v, ${fn}() OVER (PARTITION BY k ORDER BY ${order}) AS r FROM ${from}) WHERE r <= ${n}`;

/** `duck`: the query DuckDB answers for the final table, when the result is deterministic. */
const CASES: { name: string; sql: string; inserts: "t" | "u"; duck?: string; strategy: string }[] = [
  {
    name: "append-only Top-3",
    sql: top("ROW_NUMBER", "v DESC", 3),
    inserts: "t",
    duck: top("ROW_NUMBER", "v DESC", 3),
    strategy: "AppendFast",
  },
  {
    name: "append-only Top-1",
    sql: top("ROW_NUMBER", "v", 1),
    inserts: "t",
    duck: top("ROW_NUMBER", "v", 1),
    strategy: "AppendFast",
  },
  {
    name: "first-2 by processing time",
    sql: top("ROW_NUMBER", "pt", 2),
    inserts: "t",
    duck: top("ROW_NUMBER", "i", 2),
    strategy: "AppendFast",
  },
  {
    name: "RANK Top-2",
    sql: top("RANK", "v DESC", 2),
    inserts: "t",
    duck: top("RANK", "v DESC", 2),
    strategy: "AppendFast",
  },
  {
    name: "retracting Top-2",
    sql: top("ROW_NUMBER", "v DESC", 2, "u"),
    inserts: "u",
    duck: top("ROW_NUMBER", "v DESC", 2, "u"),
    strategy: "Retract",
  },
  {
    // Counts tie, so which group ranks first among equals is the engine's own order: the in-memory
    // run is the oracle.
    name: "updatable Top-2 over a GROUP BY",
    sql: top(
      "ROW_NUMBER",
      "v DESC",
      2,
      "(SELECT k, MOD(i, 5) AS g, COUNT(*) AS v FROM t GROUP BY k, MOD(i, 5))",
    ),
    inserts: "t",
    strategy: "UpdateFast",
  },
];

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
  await loadDuck(duck, "t", "i INTEGER, k INTEGER, v INTEGER", events());
  const latest = new Map<number, Row>();
  for (const row of upserts()) latest.set(row[0] as number, row);
  await loadDuck(duck, "u", "id INTEGER, k INTEGER, v INTEGER", [...latest.values()]);
});
afterAll(() => duck.closeSync());

describe("Top-N state beyond the memory budget spills to disk", () => {
  for (const c of CASES)
    it(`${c.name}: the same changelog as in memory, ten times the budget on disk`, async () => {
      const explain = createEngine();
      await explain.executeScript(DDL);
      const plan = await explain.execute(`EXPLAIN ${c.sql}`);
      await explain.close();
      expect(JSON.stringify(plan)).toContain(c.strategy);

      const rows = c.inserts === "t" ? events() : upserts();
      const inserts: Insert[] = rows.map((row) => ({ table: c.inserts, row }));
      const dir = tempDir();
      const inMemory = await runWithBudget(DDL, c.sql, inserts, undefined, path.join(dir, "none"));
      const spilled = await runWithBudget(DDL, c.sql, inserts, BUDGET, path.join(dir, "spill"));
      expect(inMemory.spilledBytes).toBe(0);
      expect(spilled.spilledBytes).toBeGreaterThan(10 * BUDGET);
      expect(spilled.changelog.length).toBe(inMemory.changelog.length);
      expect(spilled.changelog).toEqual(inMemory.changelog);
      expect(spilled.table.length).toBeGreaterThan(KEYS / 2);
      if (c.duck) expect(spilled.table).toEqual(duckRows((await duck.runAndReadAll(c.duck)).getRows()));
      expect(fs.readdirSync(path.join(dir, "spill"))).toEqual([]);
    }, 300_000);
});

const EVENTS =
  "CREATE TABLE t (k INT, v INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH ('connector' = 'headwater')";
const KEYED =
  "CREATE TABLE t (k INT, g INT, v INT, ts TIMESTAMP(3), pt AS PROCTIME(), PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'headwater')";
/** Small enough that all but the operator's few most recent partitions go to disk. */
const SMALL_BUDGET = 1024;

/** Rows over 2,000 partitions (k mod 2000), with clock ticks between rounds (state TTL counts them). */
function appendSteps(): Step[] {
  const next = random(23);
  const out: Step[] = [];
  for (let round = 0; round < 3; round++) {
    out.push({ now: round * 100 });
    for (let k = 0; k < 2000; k++) {
      // Some partitions skip a round: with a TTL shorter than a round they expire and start over.
      if ((k + round) % 3 === 0) continue;
      for (let n = 0; n < 2; n++) out.push({ row: [k, Math.floor(next() * 1000), 0, round * 100] });
    }
  }
  out.push({ now: 1000 });
  return out;
}

/** A keyed changelog (`t` by primary key k, partitioned by g): inserts, updates that move rows, deletes. */
function keyedSteps(): Step[] {
  const next = random(29);
  const kept = new Map<number, Row>();
  const out: Step[] = [];
  for (let round = 0; round < 3; round++) {
    out.push({ now: round * 100 });
    for (let k = 0; k < 4000; k++) {
      const row = [k, Math.floor(next() * 2000), Math.floor(next() * 100_000), 0, round * 100];
      const old = kept.get(k);
      if (old && k % 7 === round) {
        out.push({ kind: "-D", row: old });
        kept.delete(k);
        continue;
      }
      if (old) out.push({ kind: "-U", row: old }, { kind: "+U", row });
      else out.push({ row });
      kept.set(k, row);
    }
  }
  out.push({ now: 1000 });
  return out;
}

const OPERATOR_CASES: { name: string; ddl: string; query: string; steps: () => Step[] }[] = [
  { name: "append-only Top-2", ddl: EVENTS, query: top("ROW_NUMBER", "v DESC", 2), steps: appendSteps },
  { name: "append-only Top-1", ddl: EVENTS, query: top("ROW_NUMBER", "v", 1), steps: appendSteps },
  { name: "first-2 by processing time", ddl: EVENTS, query: top("ROW_NUMBER", "pt", 2), steps: appendSteps },
  { name: "RANK Top-2", ddl: EVENTS, query: top("RANK", "v DESC", 2), steps: appendSteps },
  {
    name: "retracting Top-2",
    ddl: KEYED,
    query: top("ROW_NUMBER", "v DESC", 2).replace("PARTITION BY k", "PARTITION BY g"),
    steps: keyedSteps,
  },
];

describe("Top-N snapshots with spilled partitions", () => {
  for (const c of OPERATOR_CASES)
    it(`${c.name}: restored from a snapshot taken with most partitions on disk, continues as an uninterrupted run`, async () => {
      const harness = await orderingOperator(c.ddl, c.query);
      const all = c.steps();
      expectRestoredMidwayLikeStraight(harness, all, SMALL_BUDGET);
    });

  for (const c of OPERATOR_CASES)
    it(`${c.name}: state TTL expires spilled partitions as it does partitions in memory`, async () => {
      const harness = await orderingOperator(c.ddl, c.query, { stateTtl: 150 });
      const inMemory: Emitted[] = [];
      harness.clock.now = 0;
      run(harness.create(inMemory), c.steps(), harness.clock);

      const spill = new StateSpill(path.join(tempDir(), "spill"), SMALL_BUDGET);
      const spilled: Emitted[] = [];
      harness.clock.now = 0;
      run(harness.create(spilled, spill), c.steps(), harness.clock);
      expect(spilled).toEqual(inMemory);
      expect(spill.spilledEntries).toBe(0);
      spill.close();
    });
});
