// Interval and temporal join state beyond its memory budget spills to disk, key by key, with the
// same results: joins over thousands of keys alive at once with a 32 KB budget (the spill files pass
// ten times that), changelogs equal to the in-memory run's, final tables equal to DuckDB's (BETWEEN
// and ASOF joins); a snapshot taken with most keys on disk restores into an operator that continues
// exactly as an uninterrupted run.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowKind } from "../../../src/common/changelog.ts";
import type { Row } from "../../../src/common/value.ts";
import { createEvalContext } from "../../../src/engine/runtime/expr/index.ts";
import type { Operator } from "../../../src/engine/runtime/operator.ts";
import { IntervalJoinOperator } from "../../../src/engine/runtime/operators/join/interval-join.ts";
import { TemporalJoinOperator } from "../../../src/engine/runtime/operators/join/temporal-join.ts";
import type { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { MAX_WATERMARK } from "../../../src/engine/runtime/time/watermark.ts";
import { random } from "../../infra/seeded-random.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";
import {
  duckRows,
  expectRestoredLike,
  type Insert,
  loadDuck,
  runRestoredMidway,
  runWithBudget,
} from "./spill-run.ts";

const BUDGET = 32 * 1024;
const ORDERS = 30_000;
const RATE_KEYS = 20_000;

const DDL = `
CREATE TABLE orders (id INT, k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)
  WITH ('connector' = 'headwater');
CREATE TABLE shipments (sid INT, order_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)
  WITH ('connector' = 'headwater');
CREATE TABLE rates (k INT, rate INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE,
  PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'headwater');`;

/**
 * Order i at i s; after it, a shipment at the same time for an order up to 5,000 s older (some
 * orders get none, some several); rates: a version of every key first, then updates among the orders.
 * Every table's time only grows, so no row is late.
 */
function inputs(): { orders: Row[]; shipments: Row[]; rates: Row[]; inserts: Insert[] } {
  const next = random(31);
  const orders: Row[] = [];
  const shipments: Row[] = [];
  const rates: Row[] = [];
  const inserts: Insert[] = [];
  const add = (table: "orders" | "shipments" | "rates", list: Row[], row: Row) => {
    list.push(row);
    inserts.push({ table, row });
  };
  for (let k = 0; k < RATE_KEYS; k++) add("rates", rates, [k, Math.floor(next() * 1000), k]);
  const start = RATE_KEYS * 1000;
  for (let i = 0; i < ORDERS; i++) {
    const ts = start + i * 1000;
    add("orders", orders, [i, Math.floor(next() * RATE_KEYS), ts]);
    add("shipments", shipments, [i, Math.max(0, i - Math.floor(next() * 5000)), ts]);
    if (i % 2 === 0) add("rates", rates, [Math.floor(next() * RATE_KEYS), Math.floor(next() * 1000), ts + 5]);
  }
  return { orders, shipments, rates, inserts };
}

const interval = (join: string) =>
  `SELECT o.id, s.sid FROM orders o ${join} shipments s ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '2' HOUR`;
const temporal = (join: string) =>
  `SELECT o.id, r.rate FROM orders o ${join} rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.k = r.k`;

const CASES = [
  {
    name: "interval join",
    sql: interval("JOIN"),
    duck: "SELECT o.id, s.sid FROM orders o JOIN shipments s ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + 7200000",
  },
  {
    name: "LEFT interval join",
    sql: interval("LEFT JOIN"),
    duck: "SELECT o.id, s.sid FROM orders o LEFT JOIN shipments s ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + 7200000",
  },
  {
    name: "temporal join",
    sql: temporal("JOIN"),
    duck: "SELECT o.id, r.rate FROM orders o ASOF JOIN rates r ON o.k = r.k AND o.ts >= r.ts",
  },
  {
    name: "LEFT temporal join",
    sql: temporal("LEFT JOIN"),
    duck: "SELECT o.id, r.rate FROM orders o ASOF LEFT JOIN rates r ON o.k = r.k AND o.ts >= r.ts",
  },
];

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
  const { orders, shipments, rates } = inputs();
  await loadDuck(duck, "orders", "id INTEGER, k INTEGER, ts BIGINT", orders);
  await loadDuck(duck, "shipments", "sid INTEGER, order_id INTEGER, ts BIGINT", shipments);
  await loadDuck(duck, "rates", "k INTEGER, rate INTEGER, ts BIGINT", rates);
});
afterAll(() => duck.closeSync());

describe("time-join state beyond the memory budget spills to disk", () => {
  const { inserts } = inputs();
  for (const c of CASES)
    it(`${c.name}: the same changelog as in memory, DuckDB's result, ten times the budget on disk`, async () => {
      const dir = tempDir();
      const options = { end: true };
      const inMemory = await runWithBudget(DDL, c.sql, inserts, undefined, path.join(dir, "none"), options);
      const spilled = await runWithBudget(DDL, c.sql, inserts, BUDGET, path.join(dir, "spill"), options);
      expect(inMemory.spilledBytes).toBe(0);
      expect(spilled.spilledBytes).toBeGreaterThan(10 * BUDGET);
      expect(spilled.changelog.length).toBe(inMemory.changelog.length);
      expect(spilled.changelog).toEqual(inMemory.changelog);
      expect(spilled.table.length).toBeGreaterThan(ORDERS / 2);
      expect(spilled.table).toEqual(duckRows((await duck.runAndReadAll(c.duck)).getRows()));
      expect(fs.readdirSync(path.join(dir, "spill"))).toEqual([]);
    }, 300_000);
});

const ctx = createEvalContext({ clock: () => 0 });
const KEY = { positions: [0], filterNulls: [true] };
/** Small enough that all but the operator's few most recent keys go to disk. */
const SMALL_BUDGET = 1024;
/** A row on input 0 or 1, or a watermark of both inputs. */
type Event = [0 | 1, RowKind, Row] | ["wm", number];

function play(op: Operator, events: readonly Event[]): void {
  for (const e of events) {
    if (e[0] === "wm") op.onWatermark(e[1]);
    else op.process(e[1], e[2], e[0]);
  }
}

/** 3,000 keys: rows of both sides at growing times, some keys on one side only, watermarks between. */
function events(): Event[] {
  const next = random(37);
  const out: Event[] = [];
  for (let k = 0; k < 3000; k++) {
    const t = 1000 + k * 10;
    if (k % 5 !== 0) out.push([1, "+I", [k, t - Math.floor(next() * 20), Math.floor(next() * 100)]]);
    if (k % 7 !== 0) out.push([0, "+I", [k, t, Math.floor(next() * 100)]]);
    if (k % 3 === 0) out.push([1, "+I", [Math.floor(next() * k), t, Math.floor(next() * 100)]]);
    if (k % 100 === 99) out.push(["wm", t - 500]);
  }
  out.push(["wm", MAX_WATERMARK]);
  return out;
}

const OPERATORS: { name: string; make: (out: Emitted[], spill?: StateSpill) => Operator }[] = [
  {
    name: "LEFT interval join",
    make: (out, spill) =>
      new IntervalJoinOperator(
        {
          description: "IntervalJoin",
          leftKey: KEY,
          rightKey: KEY,
          leftOuter: true,
          rightOuter: true,
          leftWidth: 3,
          rightWidth: 3,
          leftLowerBound: -5000,
          leftUpperBound: 5000,
          rowTime: true,
          leftTimeIndex: 1,
          rightTimeIndex: 1,
          ...(spill ? { spill } : {}),
        },
        ctx,
        recordInto(out, true),
      ),
  },
  {
    name: "LEFT temporal join",
    make: (out, spill) =>
      new TemporalJoinOperator(
        {
          description: "TemporalJoin",
          leftKey: KEY,
          rightKey: KEY,
          leftOuter: true,
          leftWidth: 3,
          rightWidth: 3,
          leftTimeIndex: 1,
          rightTimeIndex: 1,
          ...(spill ? { spill } : {}),
        },
        ctx,
        recordInto(out, true),
      ),
  },
];

describe("time-join snapshots with spilled keys", () => {
  for (const o of OPERATORS)
    it(`${o.name}: restored from a snapshot taken with most keys on disk, continues as an uninterrupted run`, () => {
      const all = events();
      const straight: Emitted[] = [];
      play(o.make(straight), all);
      expect(straight.filter((e) => e[0] === "+I").length).toBeGreaterThan(2000);

      const restored = runRestoredMidway(o.make, play, all, Math.floor(all.length / 2), SMALL_BUDGET);
      expectRestoredLike(restored, straight, 200);
    });
});
