// Outer, semi and anti join state (each input's rows by join key, with outer rows' match counts)
// beyond its memory budget spills to disk with the same results: LEFT and FULL joins, IN and NOT EXISTS
// over 20,000 keys at a 32 KB budget, with customers updated and deleted while orders arrive (some for
// customers that never exist), changelogs equal to the in-memory run's and final tables equal to
// DuckDB's; snapshots taken with over 1,000 keys on disk restore into operators that continue exactly
// as an uninterrupted run.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowKind } from "../../../src/common/changelog.ts";
import type { Row } from "../../../src/common/value.ts";
import { createEvalContext } from "../../../src/engine/runtime/expr/index.ts";
import type { Operator } from "../../../src/engine/runtime/operator.ts";
import { SemiAntiJoinOperator } from "../../../src/engine/runtime/operators/join/semi-anti-join.ts";
import { StreamingJoinOperator } from "../../../src/engine/runtime/operators/join/streaming-join.ts";
import type { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
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

const CUSTOMERS = 20_000;
const ORDERS = 40_000;
const BUDGET = 32 * 1024;

const DDL = `
CREATE TABLE customers (id INT, region STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'headwater');
CREATE TABLE orders (id INT, customer INT, amount INT) WITH ('connector' = 'headwater');`;

/** A change of either table: an upsert or insert, or the delete of a customer. */
type Change = { readonly table: "customers" | "orders"; readonly row: Row; readonly delete?: true };

/**
 * Customers first, then orders (a sixth of them for customers that never exist), and every fifth
 * order a customer moves to another region or, every fifteenth, is deleted (orders keep pointing at
 * it). Customers are upserted by id.
 */
function changes(customers: number, orders: number, seed: number): Change[] {
  const next = random(seed);
  const live = new Map<number, Row>();
  const out: Change[] = [];
  const upsert = (row: Row) => {
    live.set(row[0] as number, row);
    out.push({ table: "customers", row });
  };
  for (let id = 0; id < customers; id++) upsert([id, `r${id % 7}`]);
  for (let id = 0; id < orders; id++) {
    out.push({
      table: "orders",
      row: [id, Math.floor(next() * customers * 1.2), 1 + Math.floor(next() * 1000)],
    });
    if (id % 5 !== 0) continue;
    const customer = Math.floor(next() * customers);
    const row = live.get(customer);
    if (id % 15 === 0 && row) {
      live.delete(customer);
      out.push({ table: "customers", row, delete: true });
    } else upsert([customer, `r${id % 5}`]);
  }
  return out;
}

const JOINS = [
  {
    name: "LEFT join",
    sql: "SELECT o.id, o.customer, c.region FROM orders o LEFT JOIN customers c ON o.customer = c.id",
  },
  {
    name: "FULL join",
    sql: "SELECT o.id, c.id, c.region FROM orders o FULL JOIN customers c ON o.customer = c.id",
  },
  {
    name: "semi join (IN)",
    sql: "SELECT c.id, c.region FROM customers c WHERE c.id IN (SELECT customer FROM orders)",
  },
  {
    name: "anti join (NOT EXISTS)",
    sql: "SELECT c.id, c.region FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer = c.id)",
  },
];

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
  // DuckDB gets the tables' final contents.
  const customers = new Map<number, Row>();
  const orders: Row[] = [];
  for (const c of changes(CUSTOMERS, ORDERS, 83))
    if (c.table === "orders") orders.push(c.row);
    else if (c.delete) customers.delete(c.row[0] as number);
    else customers.set(c.row[0] as number, c.row);
  await loadDuck(duck, "customers", "id INTEGER, region VARCHAR", [...customers.values()]);
  await loadDuck(duck, "orders", "id INTEGER, customer INTEGER, amount INTEGER", orders);
});
afterAll(() => duck.closeSync());

describe("outer, semi and anti join state beyond the memory budget spills to disk", () => {
  const all = changes(CUSTOMERS, ORDERS, 83);
  const inserts: Insert[] = all.map((c) => ({
    table: c.table,
    row: c.row,
    ...(c.delete ? { delete: true } : {}),
  }));
  for (const j of JOINS)
    it(`${j.name}: the same changelog as in memory, DuckDB's result, ten times the budget on disk`, async () => {
      const dir = tempDir();
      const inMemory = await runWithBudget(DDL, j.sql, inserts, undefined, path.join(dir, "none"));
      const spilled = await runWithBudget(DDL, j.sql, inserts, BUDGET, path.join(dir, "spill"));
      expect(inMemory.spilledBytes).toBe(0);
      expect(spilled.spilledBytes).toBeGreaterThan(10 * BUDGET);
      expect(spilled.changelog.length).toBe(inMemory.changelog.length);
      expect(spilled.changelog).toEqual(inMemory.changelog);
      expect(spilled.table.length).toBeGreaterThan(1000);
      expect(spilled.table).toEqual(duckRows((await duck.runAndReadAll(j.sql)).getRows()));
      expect(fs.readdirSync(path.join(dir, "spill"))).toEqual([]);
    }, 300_000);
});

const ctx = createEvalContext({ clock: () => 0 });
const nullsKept = (positions: number[]) => ({ positions, filterNulls: [true] });
/** A change on input 0 (orders; customers for semi/anti joins) or 1. */
type Event = [0 | 1, RowKind, Row];

/** The changes as the join's inputs see them: customers' upserts as -U/+U pairs, deletes as -D. */
function events(customersSide: 0 | 1): Event[] {
  const ordersSide = customersSide === 0 ? 1 : 0;
  const live = new Map<number, Row>();
  const out: Event[] = [];
  for (const c of changes(3000, 6000, 89)) {
    if (c.table === "orders") {
      out.push([ordersSide, "+I", c.row]);
      continue;
    }
    const id = c.row[0] as number;
    const before = live.get(id);
    if (c.delete) {
      live.delete(id);
      out.push([customersSide, "-D", c.row]);
    } else {
      live.set(id, c.row);
      if (before) out.push([customersSide, "-U", before], [customersSide, "+U", c.row]);
      else out.push([customersSide, "+I", c.row]);
    }
  }
  return out;
}

function play(op: Operator, events: readonly Event[]): void {
  for (const [input, kind, row] of events) op.process(kind, row, input);
}

const orders = { key: nullsKept([1]), identity: { kind: "appended" } as const, width: 3 };
const customers = { key: nullsKept([0]), identity: { kind: "byJoinKey" } as const, width: 2 };

const OPERATORS: {
  name: string;
  customersSide: 0 | 1;
  make: (out: Emitted[], spill?: StateSpill) => Operator;
}[] = [
  {
    name: "FULL join",
    customersSide: 1,
    make: (out, spill) =>
      new StreamingJoinOperator(
        {
          description: "Join",
          left: { ...orders, outer: true },
          right: { ...customers, outer: true },
          ...(spill ? { spill } : {}),
        },
        ctx,
        recordInto(out),
      ),
  },
  ...[false, true].map((anti) => ({
    name: anti ? "anti join" : "semi join",
    customersSide: 0 as const,
    make: (out: Emitted[], spill?: StateSpill) =>
      new SemiAntiJoinOperator(
        { description: "Join", anti, left: customers, right: orders, ...(spill ? { spill } : {}) },
        ctx,
        recordInto(out),
      ),
  })),
];

describe("outer, semi and anti join snapshots with spilled keys", () => {
  for (const o of OPERATORS)
    it(`${o.name}: restored from a snapshot taken with over 1,000 keys on disk, continues as an uninterrupted run`, () => {
      const all = events(o.customersSide);
      const straight: Emitted[] = [];
      play(o.make(straight), all);
      expect(straight.length).toBeGreaterThan(2000);

      const restored = runRestoredMidway(o.make, play, all, Math.floor(all.length / 2), 1024);
      expectRestoredLike(restored, straight);
    });
});
