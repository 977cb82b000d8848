// The sink's upsert materializer (a retract input into a table whose primary key is not the input's
// upsert key) keeps every live row per key; beyond its memory budget those lists spill to disk with
// the same results: 20,000 sink keys at a 32 KB budget (the spill file passes ten times that), the
// table's changelog equal to the in-memory run's, the final table equal to DuckDB's "row written last
// per key"; a snapshot taken with over 1,000 keys on disk restores into a sink that continues exactly
// as an uninterrupted run.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowKind } from "../../../src/common/changelog.ts";
import type { Row } from "../../../src/common/value.ts";
import type { SinkWriter } from "../../../src/connectors/index.ts";
import { createEngine } from "../../../src/engine/index.ts";
import type { Operator } from "../../../src/engine/runtime/operator.ts";
import { TableSink } from "../../../src/engine/runtime/sinks/table-sink.ts";
import type { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { random } from "../../infra/seeded-random.ts";
import { tempDir } from "../../store/temp-dir.ts";
import type { Emitted } from "./recording-collector.ts";
import { duckRows, expectRestoredLike, folderBytes, loadDuck, runRestoredMidway } from "./spill-run.ts";

const KEYS = 20_000;
const BUDGET = 32 * 1024;

// `src` is keyed by id, `out` by k: a row of `src` moves between keys of `out` when its k changes, so
// the sink keeps each key's live rows and shows the one written last.
const DDL = `CREATE TABLE src (id INT, k INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'headwater');
CREATE TABLE out (k INT, id INT, v INT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'headwater');`;
const INSERT = "INSERT INTO out SELECT k, id, v FROM src";

/** A write to `src`: an upsert of a row (id, k, v), or the delete of one. */
type Op = { upsert: Row } | { delete: Row };

/**
 * 40,000 ids inserted over 20,000 keys, then 20,000 upserts moving random ids to random keys and
 * 5,000 deletes, mixed; v is the operation's number, so every write differs from the row it replaces.
 */
function ops(ids: number, keys: number, seed: number): Op[] {
  const next = random(seed);
  const live = new Map<number, Row>();
  const out: Op[] = [];
  const upsert = (id: number) => {
    const row: Row = [id, Math.floor(next() * keys), out.length];
    live.set(id, row);
    out.push({ upsert: row });
  };
  for (let id = 0; id < ids; id++) upsert(id);
  for (let n = 0; n < ids * 0.625; n++) {
    const id = Math.floor(next() * ids);
    const row = live.get(id);
    if (n % 5 === 4 && row) {
      live.delete(id);
      out.push({ delete: row });
    } else upsert(id);
  }
  return out;
}

/** The live rows of `src` after the operations, each with the number of its last write. */
function finalRows(all: readonly Op[]): Row[] {
  const live = new Map<number, Row>();
  all.forEach((op, seq) => {
    if ("upsert" in op) live.set(op.upsert[0] as number, [...op.upsert, seq]);
    else live.delete(op.delete[0] as number);
  });
  return [...live.values()];
}

interface SinkRun {
  readonly changelog: string[];
  readonly table: string[];
  readonly spilledBytes: number;
}

async function runSink(all: readonly Op[], budget: number | undefined, spillDir: string): Promise<SinkRun> {
  const engine = createEngine({ clock: () => 0, spillDir, ...(budget ? { stateMemoryBudget: budget } : {}) });
  try {
    await engine.executeScript(DDL);
    const changelog: string[] = [];
    const view = engine.table("out");
    view.subscribe((c) => void changelog.push(`${c.kind}${JSON.stringify(c.row)}`));
    const result = await engine.execute(INSERT);
    let spilledBytes = 0;
    for (let at = 0; at < all.length; at += 2000) {
      for (const op of all.slice(at, at + 2000))
        if ("upsert" in op) engine.insertRows("src", [op.upsert]);
        else engine.deleteRows("src", [op.delete]);
      engine.runUntilIdle();
      spilledBytes = Math.max(spilledBytes, folderBytes(spillDir));
    }
    if (result.kind !== "insert") throw new Error("not an INSERT");
    for (const job of result.jobs) if (job.error) throw job.error;
    const table = view
      .rows()
      .map((r) => JSON.stringify(r))
      .sort();
    return { changelog, table, spilledBytes };
  } finally {
    await engine.close();
  }
}

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => duck.closeSync());

describe("the sink's upsert materializer spills beyond the memory budget", () => {
  it("the same changelog as in memory, DuckDB's last row per key, ten times the budget on disk", async () => {
    const all = ops(40_000, KEYS, 73);
    const dir = tempDir();
    const inMemory = await runSink(all, undefined, path.join(dir, "none"));
    const spilled = await runSink(all, BUDGET, path.join(dir, "spill"));
    expect(inMemory.spilledBytes).toBe(0);
    expect(spilled.spilledBytes).toBeGreaterThan(10 * BUDGET);
    expect(spilled.changelog.length).toBeGreaterThan(all.length);
    expect(spilled.changelog).toEqual(inMemory.changelog);
    await loadDuck(duck, "live", "id INTEGER, k INTEGER, v INTEGER, seq INTEGER", finalRows(all));
    const expected = await duck.runAndReadAll(
      "SELECT k, arg_max(id, seq), arg_max(v, seq) FROM live GROUP BY k",
    );
    expect(spilled.table.length).toBeGreaterThan(KEYS / 2);
    expect(spilled.table).toEqual(duckRows(expected.getRows()));
    expect(fs.readdirSync(path.join(dir, "spill"))).toEqual([]);
  }, 300_000);
});

/** What the sink writes, recorded in order (the table writer's interface, nothing stored). */
function recordingWriter(out: Emitted[]): SinkWriter {
  return {
    open: async () => {},
    write: (kind: RowKind, row: Row) => void out.push([kind, [...row]]),
    flush: () => true,
    drain: async () => {},
    close: async () => {},
  };
}

/** The sink's input for `ops`: a retract changelog of `src` projected to (k, id, v). */
function changelog(all: readonly Op[]): [RowKind, Row][] {
  const live = new Map<number, Row>();
  const out: [RowKind, Row][] = [];
  const project = (r: Row): Row => [r[1]!, r[0]!, r[2]!];
  for (const op of all) {
    if ("delete" in op) {
      live.delete(op.delete[0] as number);
      out.push(["-D", project(op.delete)]);
      continue;
    }
    const before = live.get(op.upsert[0] as number);
    live.set(op.upsert[0] as number, op.upsert);
    if (before) out.push(["-U", project(before)], ["+U", project(op.upsert)]);
    else out.push(["+I", project(op.upsert)]);
  }
  return out;
}

describe("upsert materializer snapshots with spilled keys", () => {
  it("restored from a snapshot taken with over 1,000 keys on disk, continues as an uninterrupted run", () => {
    const input = changelog(ops(6000, 3000, 79));
    const make = (out: Emitted[], spill?: StateSpill) =>
      new TableSink(
        {
          description: "Sink",
          mode: "materialize",
          primaryKey: [0],
          ...(spill ? { spill } : {}),
        },
        recordingWriter(out),
      );
    const play = (sink: Operator, changes: readonly [RowKind, Row][]) => {
      for (const [kind, row] of changes) sink.process(kind, row, 0);
    };
    const straight: Emitted[] = [];
    play(make(straight), input);

    const restored = runRestoredMidway(make, play, input, Math.floor(input.length / 2), 1024);
    expectRestoredLike(restored, straight);
  });
});
