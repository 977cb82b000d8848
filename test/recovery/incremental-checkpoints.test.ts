// Incremental checkpoints through the engine, for every keyed operator kind (group aggregates with
// deletes, deduplication, Top-N, regular and interval joins), in memory and spilled past a memory
// budget, with state TTL expiring keys between checkpoints: after a chain of delta checkpoints and a
// crash, each restored operator holds exactly the state the crashed one had at its last checkpoint,
// and the output after more input equals an uninterrupted run's.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createEngine, type Engine } from "../../src/engine/index.ts";
import { readSnapshotHeader } from "../../src/engine/runtime/checkpoint/snapshot-file.ts";
import { decodeRow, encodeRow } from "../../src/store/index.ts";
import { random } from "../infra/seeded-random.ts";
import { tempDir } from "../store/temp-dir.ts";
import { canonical } from "./canonical-state.ts";

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const DDL = `
CREATE TABLE src (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE other (k STRING, w INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE per_count (n BIGINT, keys BIGINT, PRIMARY KEY (n) NOT ENFORCED);
CREATE TABLE totals (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED);
CREATE TABLE first_v (k STRING, v INT, PRIMARY KEY (k) NOT ENFORCED);
CREATE TABLE top2 (k STRING, rn BIGINT, v INT, PRIMARY KEY (k, rn) NOT ENFORCED);
CREATE TABLE joined (k STRING, v INT, w INT);
CREATE TABLE near (k STRING, v INT, w INT);
`;
const STATEMENTS = [
  // Two GroupAggregates: the outer one deletes a count's group when its last key moves on.
  [
    "per-count",
    "INSERT INTO per_count SELECT n, COUNT(*) FROM (SELECT k, COUNT(*) AS n FROM src GROUP BY k) GROUP BY n",
  ],
  ["totals", "INSERT INTO totals SELECT k, SUM(v) FROM src GROUP BY k"],
  [
    "first-v",
    "INSERT INTO first_v SELECT k, v FROM (SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn FROM src) WHERE rn = 1",
  ],
  [
    "top2",
    "INSERT INTO top2 SELECT k, rn, v FROM (SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM src) WHERE rn <= 2",
  ],
  ["joined", "INSERT INTO joined SELECT s.k, s.v, o.w FROM src s JOIN other o ON s.k = o.k"],
  [
    "near",
    "INSERT INTO near SELECT s.k, s.v, o.w FROM src s, other o WHERE s.k = o.k AND s.ts BETWEEN o.ts - INTERVAL '5' SECOND AND o.ts + INTERVAL '5' SECOND",
  ],
] as const;
const OUTPUTS = ["per_count", "totals", "first_v", "top2", "joined", "near"];

const open: Engine[] = [];
afterEach(async () => {
  for (const engine of open.splice(0)) await engine.close();
});

interface Setup {
  readonly budget?: number;
  readonly ttl?: string;
}

/** An engine on `dir` whose clock the test moves (state TTL runs on it); checkpoints only on request. */
async function engineOn(dir: string, setup: Setup, clock: { now: number }): Promise<Engine> {
  const engine = createEngine({
    storeDir: dir,
    clock: () => clock.now,
    checkpoints: { intervalMs: HOUR },
    ...(setup.budget ? { stateMemoryBudget: setup.budget } : {}),
  });
  open.push(engine);
  await engine.executeScript(DDL);
  if (setup.ttl) await engine.execute(`SET 'table.exec.state.ttl' = '${setup.ttl}'`);
  for (const [name, sql] of STATEMENTS) await engine.execute(sql, name);
  return engine;
}

function crash(engine: Engine): void {
  open.splice(open.indexOf(engine), 1);
  for (const job of engine.jobs) job.cancel();
}

/**
 * Batch `i` of both inputs: keys drawn from a pool, so batches update, add and (via TTL) expire keys.
 * The first batch fills most of the pool; later ones touch a small share of it, as deltas are for.
 */
function batch(i: number): string[] {
  const next = random(100 + i);
  const rows = (n: number, column: (j: number) => number) =>
    Array.from({ length: n }, (_, j) => {
      const ts = new Date(T0 + i * 10_000 + j * 97).toISOString().replace("T", " ").slice(0, 23);
      return `('k${Math.floor(next() * 400)}', ${column(j)}, TIMESTAMP '${ts}')`;
    }).join(", ");
  return [
    `INSERT INTO src VALUES ${rows(i === 1 ? 800 : 30, () => Math.floor(next() * 1000))}`,
    `INSERT INTO other VALUES ${rows(8, (j) => i * 100 + j)}`,
  ];
}

async function feed(engine: Engine, i: number): Promise<void> {
  for (const insert of batch(i)) await engine.execute(insert);
}

/** Each statement's operator states, through the checkpoints' codec, with maps in key order. */
function statesOf(engine: Engine): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  for (const [name, sql] of STATEMENTS) {
    const job = engine.jobs.find((j) => j.statement === sql && j.status === "running");
    if (!job) throw new Error(`no running job of ${name}`);
    states[name] = job.pipeline.operators.map((op) => canonical(decodeRow(encodeRow([op.snapshot()]))[0]!));
  }
  return states;
}

function rowsOf(engine: Engine, table: string): string[] {
  return engine
    .table(table)
    .rows()
    .map((row) => JSON.stringify(row, (_, v) => (typeof v === "bigint" ? `${v}n` : v)))
    .sort();
}

/** Names of a statement's checkpoint files. */
const filesOf = (dir: string, statement: string): string[] =>
  fs.readdirSync(path.join(dir, "checkpoints", statement)).sort();

async function scenario(
  setup: Setup,
  options: { readonly batches?: number; readonly awaitCompaction?: boolean } = {},
): Promise<void> {
  const batches = options.batches ?? 5;
  const clock = { now: T0 };
  const dir = tempDir();
  const first = await engineOn(dir, setup, clock);
  for (let i = 1; i <= batches; i++) {
    // Twenty minutes between batches: with a TTL of 30, keys of the batch before last expire.
    clock.now += 20 * 60_000;
    await feed(first, i);
    await first.checkpoints.checkpointAll();
  }
  if (options.awaitCompaction) {
    // Deltas soon reach half their base's size: chains are merged in the background, between rounds
    // and from a timer while the engine waits. Wait until the aggregate has a base and no merge is
    // under way; its last checkpoint then restores from that base and the deltas after it.
    const statement = (name: string) => first.checkpoints.list().find((s) => s.id === name)!;
    await vi.waitFor(
      () => {
        expect(filesOf(dir, "totals")[0]).toMatch(/^base-\d+\.snapshot$/);
        for (const [name] of STATEMENTS) expect(statement(name).compacting).toBe(false);
      },
      { timeout: 20_000, interval: 20 },
    );
  }
  const before = statesOf(first);
  // The aggregate's last checkpoint is a delta of the one before (its base, compaction's business).
  const totals = first.checkpoints.list().find((s) => s.id === "totals")!.lastCheckpointId;
  const file = path.join(dir, "checkpoints", "totals", `chk-${totals}.snapshot`);
  if (fs.existsSync(file)) expect(readSnapshotHeader(file).parent).toBe(totals - 1);
  crash(first);

  const second = await engineOn(dir, setup, clock);
  expect(statesOf(second)).toEqual(before);
  clock.now += 20 * 60_000;
  await feed(second, batches + 1);
  await second.checkpoints.checkpointAll();

  const referenceClock = { now: T0 };
  const reference = await engineOn(tempDir(), setup, referenceClock);
  for (let i = 1; i <= batches + 1; i++) {
    referenceClock.now += 20 * 60_000;
    await feed(reference, i);
  }
  await reference.checkpoints.checkpointAll();
  for (const table of OUTPUTS) expect(rowsOf(second, table), table).toEqual(rowsOf(reference, table));
}

describe("incremental checkpoints", () => {
  it("restore a chain of deltas to exactly the state of every keyed operator kind", async () => {
    await scenario({});
  }, 60_000);

  it("restore spilled state (a memory budget far below it) exactly", async () => {
    await scenario({ budget: 2_000 });
  }, 60_000);

  it("restore state whose keys expire (state TTL) between checkpoints exactly", async () => {
    await scenario({ ttl: "30 min" });
  }, 60_000);

  it("restore the same state from a base compaction merged while the statements ran", async () => {
    await scenario({ budget: 2_000 }, { batches: 14, awaitCompaction: true });
  }, 60_000);
});
