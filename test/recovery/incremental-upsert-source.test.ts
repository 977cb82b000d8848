// An upsert source's normalization state (its current row per key, Flink's ChangelogNormalize) under
// incremental checkpoints: a checkpoint after a few upserts writes those keys, not every row the
// source ever read, and after a crash the restored reader holds exactly the rows the crashed one
// had, so updates after the restart retract the right old rows (the output equals an uninterrupted
// run's).
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SqlValue } from "../../src/common/value.ts";
import { createEngine, type Engine } from "../../src/engine/index.ts";
import {
  readSnapshotFile,
  readSnapshotHeader,
  writeSnapshotFile,
} from "../../src/engine/runtime/checkpoint/snapshot-file.ts";
import { decodeRow, encodeRow } from "../../src/store/index.ts";
import { tempDir } from "../store/temp-dir.ts";
import { canonical } from "./canonical-state.ts";

const DDL = `
CREATE TABLE users (k STRING, tier STRING, PRIMARY KEY (k) NOT ENFORCED) WITH ('changelog.mode' = 'upsert');
CREATE TABLE per_tier (tier STRING, n BIGINT, PRIMARY KEY (tier) NOT ENFORCED) WITH ('changelog.mode' = 'upsert');
CREATE TABLE by_name (name STRING, k STRING, tier STRING, PRIMARY KEY (name) NOT ENFORCED) WITH ('changelog.mode' = 'upsert');
`;
const COUNT = "INSERT INTO per_tier SELECT tier, COUNT(*) FROM users GROUP BY tier";
/** Keyed by name, not by the source's key: the sink's upsert materializer keeps each name's rows. */
const BY_NAME = "INSERT INTO by_name SELECT CONCAT('n', k), k, tier FROM users";
const USERS = 5000;

const open: Engine[] = [];
afterEach(async () => {
  for (const engine of open.splice(0)) await engine.close();
});

async function engineOn(dir: string): Promise<Engine> {
  const engine = createEngine({ storeDir: dir, checkpoints: { intervalMs: 3_600_000 } });
  open.push(engine);
  await engine.executeScript(DDL);
  await engine.execute(COUNT, "per-tier");
  await engine.execute(BY_NAME, "by-name");
  return engine;
}

/** Batch 0 inserts every user; batch i moves a few users to another tier and deletes one. */
function batch(i: number): string[] {
  if (i === 0)
    return [
      `INSERT INTO users VALUES ${Array.from({ length: USERS }, (_, u) => `('u${u}', 't${u % 7}')`).join(", ")}`,
    ];
  const moved = Array.from({ length: 5 }, (_, j) => `('u${(i * 37 + j * 101) % USERS}', 't${(i + j) % 9}')`);
  return [`INSERT INTO users VALUES ${moved.join(", ")}`];
}

async function feed(engine: Engine, i: number): Promise<void> {
  for (const insert of batch(i)) await engine.execute(insert);
}

/** The store reader's positions and rows per key (the first two parts of its snapshot: store-reader.ts). */
function readerStates(engine: Engine): unknown {
  const job = engine.jobs.find((j) => j.statement === COUNT && j.status === "running")!;
  return job.pipeline.sources.map(({ reader }) => {
    const [connector] = decodeRow(encodeRow([reader.snapshot()]))[0] as SqlValue[];
    const [offsets, rows] = connector as SqlValue[];
    return [offsets, canonical(rows!)];
  });
}

const rowsOf = (engine: Engine, table: string): string[] =>
  engine
    .table(table)
    .rows()
    .map((row) => JSON.stringify(row, (_, v) => (typeof v === "bigint" ? `${v}n` : v)))
    .sort();

describe("an upsert source under incremental checkpoints", () => {
  it("writes only the keys it touched, and restores every row exactly", async () => {
    const dir = tempDir();
    const first = await engineOn(dir);
    const sizes = new Map<string, number[]>();
    for (let i = 0; i <= 4; i++) {
      await feed(first, i);
      for (const taken of await first.checkpoints.checkpointAll())
        sizes.set(taken.statement, [...(sizes.get(taken.statement) ?? []), taken.bytes]);
    }
    // The first checkpoint holds 5,000 users (the source's rows; the materializer's too); one after
    // five upserts holds about five.
    for (const statement of ["per-tier", "by-name"]) {
      const [whole, ...deltas] = sizes.get(statement)!;
      for (const delta of deltas) expect(delta, statement).toBeLessThan(whole! / 20);
    }
    const before = readerStates(first);
    open.splice(open.indexOf(first), 1);
    for (const job of first.jobs) job.cancel();

    const second = await engineOn(dir);
    expect(readerStates(second)).toEqual(before);
    await feed(second, 5);
    await second.checkpoints.checkpointAll();

    const reference = await engineOn(tempDir());
    for (let i = 0; i <= 5; i++) await feed(reference, i);
    await reference.checkpoints.checkpointAll();
    for (const table of ["per_tier", "by_name"])
      expect(rowsOf(second, table), table).toEqual(rowsOf(reference, table));
    expect(fs.readdirSync(path.join(dir, "checkpoints", "per-tier")).length).toBeGreaterThan(1);
  }, 60_000);

  it("resumes a checkpoint that kept the rows inline (an older engine's) and writes the next one whole", async () => {
    const dir = tempDir();
    const first = await engineOn(dir);
    for (let i = 0; i <= 1; i++) await feed(first, i);
    const [taken] = (await first.checkpoints.checkpointAll()).filter((c) => c.statement === "per-tier");
    open.splice(open.indexOf(first), 1);
    for (const job of first.jobs) job.cancel();
    // As an engine before keyed upsert rows wrote it: the same state, every table inline in the tree.
    const { header, state } = readSnapshotFile(taken!.file);
    writeSnapshotFile(taken!.file, header, state);
    expect(readSnapshotFile(taken!.file).tables).toBe(0);

    const second = await engineOn(dir);
    await feed(second, 2);
    const [next] = (await second.checkpoints.checkpointAll()).filter((c) => c.statement === "per-tier");
    // A delta of a file with no tables could not be restored: this one stands alone.
    expect(readSnapshotHeader(next!.file).parent).toBeUndefined();
    open.splice(open.indexOf(second), 1);
    for (const job of second.jobs) job.cancel();

    const third = await engineOn(dir);
    await feed(third, 3);
    await third.checkpoints.checkpointAll();
    const reference = await engineOn(tempDir());
    for (let i = 0; i <= 3; i++) await feed(reference, i);
    await reference.checkpoints.checkpointAll();
    expect(rowsOf(third, "per_tier")).toEqual(rowsOf(reference, "per_tier"));
  }, 60_000);
});
