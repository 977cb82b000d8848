// Checkpoints of INSERT statements on the embedded store, in one process: what readers see and
// when, resuming on the same folder, savepoints, changed statements and failures.
import * as fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine, type StatementResult } from "../../src/engine/index.ts";
import { tempDir } from "../store/temp-dir.ts";

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const DDL = `
CREATE TABLE src (k STRING, v INT);
CREATE TABLE totals (k STRING, total INT, n BIGINT, PRIMARY KEY (k) NOT ENFORCED);
`;
const AGG = "INSERT INTO totals SELECT k, SUM(v), COUNT(*) FROM src GROUP BY k";

const open: Engine[] = [];
afterEach(async () => {
  for (const engine of open.splice(0)) await engine.close();
});

/** An engine on `dir` with a fixed clock: periodic checkpoints never come due by themselves. */
async function engineOn(dir: string, ddl = DDL): Promise<Engine> {
  const engine = createEngine({ storeDir: dir, clock: () => T0, checkpoints: { intervalMs: HOUR } });
  open.push(engine);
  await engine.executeScript(ddl);
  return engine;
}

/** Leaves an engine as a crash would: nothing more is written, nothing is closed. */
function crash(engine: Engine): void {
  open.splice(open.indexOf(engine), 1);
  for (const job of engine.jobs) job.cancel();
}

/** Rows of `src` written without checkpoints (the input side is not under test). */
async function feed(dir: string, values: string): Promise<void> {
  const loader = createEngine({ storeDir: dir, clock: () => T0 });
  await loader.executeScript(`${DDL} INSERT INTO src VALUES ${values};`);
  await loader.close();
}

const sorted = (rows: readonly unknown[][]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

function recovery(result: StatementResult) {
  if (result.kind !== "insert") throw new Error(`expected an INSERT, got ${result.kind}`);
  return result.recovery;
}

describe("checkpointed INSERT statements", () => {
  it("make their output visible when a checkpoint commits it, all at once", async () => {
    const dir = tempDir();
    await feed(dir, "('a', 1), ('b', 2), ('a', 3)");
    const engine = await engineOn(dir);
    await engine.execute(AGG, "agg");
    expect(engine.table("totals").rows()).toEqual([]);
    const [checkpoint] = await engine.checkpoints.checkpointAll();
    expect(checkpoint).toMatchObject({ statement: "agg", id: 1, kind: "checkpoint" });
    expect(fs.existsSync(checkpoint!.file)).toBe(true);
    expect(sorted(engine.table("totals").rows())).toEqual([
      ["a", 4, 2],
      ["b", 2, 1],
    ]);
  });

  it("run in the engine's thread at parallelism 2 (workers snapshot nothing yet), checkpointing as at 1", async () => {
    const dir = tempDir();
    await feed(dir, "('a', 1), ('b', 2), ('a', 3)");
    const engine = await engineOn(dir);
    await engine.execute("SET 'parallelism.default' = '2'");
    const result = await engine.execute(AGG, "agg");
    if (result.kind !== "insert") throw new Error(`expected an INSERT, got ${result.kind}`);
    expect(result.jobs.map((job) => job.constructor.name)).toEqual(["Job"]);
    const [checkpoint] = await engine.checkpoints.checkpointAll();
    expect(checkpoint).toMatchObject({ statement: "agg", id: 1, kind: "checkpoint" });
    expect(sorted(engine.table("totals").rows())).toEqual([
      ["a", 4, 2],
      ["b", 2, 1],
    ]);
  });

  it("resume after a crash from the last completed checkpoint: nothing lost, nothing twice", async () => {
    const dir = tempDir();
    await feed(dir, "('a', 1), ('b', 2)");
    const first = await engineOn(dir);
    await first.execute(AGG, "agg");
    await first.checkpoints.checkpointAll();
    // A bounded INSERT commits at its final checkpoint; the aggregate processes it into its open
    // transaction, and the crash comes before the aggregate's next checkpoint.
    await first.execute("INSERT INTO src VALUES ('a', 10)");
    expect(first.table("totals").rows()).toHaveLength(2);
    expect(first.table("totals").rows()).toContainEqual(["a", 1, 1]);
    crash(first);

    await feed(dir, "('c', 5)");
    const second = await engineOn(dir);
    const result = await second.execute(AGG, "agg");
    expect(recovery(result)).toMatchObject({ statement: "agg", compatibility: { kind: "identical" } });
    expect(recovery(result)?.restoredFrom).toMatch(/checkpoints\/agg\/chk-1\.snapshot$/);
    await second.checkpoints.checkpointAll();
    expect(sorted(second.table("totals").rows())).toEqual([
      ["a", 11, 2],
      ["b", 2, 1],
      ["c", 5, 1],
    ]);
    // The changelog readers see has each change once.
    const changes = second
      .table("totals")
      .changes(0)
      .map((c) => `${c.kind}${JSON.stringify(c.row)}`);
    expect(changes.filter((c) => c.startsWith("+I"))).toHaveLength(3);
  });

  it("finish a bounded statement with a final checkpoint; resubmitted, it writes nothing again", async () => {
    const dir = tempDir();
    const first = await engineOn(dir);
    await first.execute("INSERT INTO src VALUES ('x', 1), ('y', 2)", "load");
    expect(sorted(first.table("src").rows())).toEqual([
      ["x", 1],
      ["y", 2],
    ]);
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await engineOn(dir);
    const result = await second.execute("INSERT INTO src VALUES ('x', 1), ('y', 2)", "load");
    expect(recovery(result)?.restoredFrom).toBeDefined();
    expect(result.kind === "insert" && result.jobs.every((j) => j.status === "finished")).toBe(true);
    expect(second.table("src").rows()).toHaveLength(2);
  });

  it("abort what a failed statement wrote since its last checkpoint", async () => {
    const dir = tempDir();
    await feed(dir, "('a', 1), ('b', 0)");
    const engine = await engineOn(
      dir,
      `${DDL} CREATE TABLE ratios (k STRING, r INT, PRIMARY KEY (k) NOT ENFORCED);`,
    );
    const result = await engine.execute("INSERT INTO ratios SELECT k, 10 / v FROM src", "ratios");
    const job = result.kind === "insert" ? result.jobs[0]! : undefined;
    expect(job?.status).toBe("failed");
    expect(job?.error?.message).toMatch(/division by zero/i);
    await engine.checkpoints.checkpointAll();
    // ('a', 10) was written before the failing row, but never committed.
    expect(engine.table("ratios").rows()).toEqual([]);
  });

  it("take their identity from SET 'pipeline.name', else the script name, else the SQL text", async () => {
    const dir = tempDir();
    const engine = await engineOn(dir);
    const byText = recovery(await engine.execute(AGG));
    expect(byText?.statement).toMatch(/^sql-[0-9a-f]{16}$/);
    expect(recovery(await engine.execute(AGG))?.statement).toBe(`${byText?.statement}#2`);
    expect(recovery(await engine.execute(AGG, "nightly"))?.statement).toBe("nightly");
    await engine.execute("SET 'pipeline.name' = 'named'");
    expect(recovery(await engine.execute(AGG, "nightly"))?.statement).toBe("named");
  });

  it("need the engine's store", async () => {
    const engine = createEngine({ clock: () => T0 });
    open.push(engine);
    await engine.executeScript(DDL);
    await engine.execute("SET 'execution.checkpointing.interval' = '10 s'");
    await expect(engine.execute(AGG)).rejects.toThrow(/checkpointing needs the engine's store directory/);
  });
});

describe("savepoints", () => {
  it("stop a statement with a savepoint and resume it from the savepoint in a new engine", async () => {
    const dir = tempDir();
    await feed(dir, "('a', 1)");
    const first = await engineOn(dir);
    await first.execute(AGG, "agg");
    const savepoint = await first.checkpoints.stop("agg", { savepoint: true });
    expect(savepoint.kind).toBe("savepoint");
    expect(savepoint.file).toMatch(/savepoints\/agg\/savepoint-1\.snapshot$/);
    expect(first.table("totals").rows()).toEqual([["a", 1, 1]]);
    await feed(dir, "('a', 2)");
    first.runUntilIdle();
    expect(first.table("totals").rows()).toEqual([["a", 1, 1]]); // stopped: reads nothing more

    const second = await engineOn(dir);
    await second.execute(`SET 'execution.state-recovery.path' = '${savepoint.file}'`);
    const result = await second.execute(AGG, "agg-v2");
    expect(recovery(result)).toMatchObject({ statement: "agg-v2", restoredFrom: savepoint.file });
    await second.checkpoints.checkpointAll();
    expect(second.table("totals").rows()).toEqual([["a", 3, 2]]);
  });

  it("keep state across a compatible change: a new projection after the aggregate", async () => {
    const dir = tempDir();
    await feed(dir, "('a', 1)");
    const first = await engineOn(dir);
    await first.execute(AGG, "agg");
    await first.checkpoints.stop("agg");
    await feed(dir, "('a', 5)");
    const second = await engineOn(dir);
    const changed = await second.execute(
      "INSERT INTO totals SELECT k, SUM(v) * 100, COUNT(*) FROM src GROUP BY k",
      "agg",
    );
    const verdict = recovery(changed)?.compatibility;
    expect(verdict?.kind).toBe("compatible");
    await second.checkpoints.checkpointAll();
    expect(second.table("totals").rows()).toEqual([["a", 600, 2]]);
  });

  it("refuse an incompatible change, saying which state would be lost", async () => {
    const dir = tempDir();
    await feed(dir, "('a', 1)");
    const first = await engineOn(dir);
    await first.execute(AGG, "agg");
    await first.checkpoints.stop("agg");
    const second = await engineOn(dir);
    const regrouped = "INSERT INTO totals SELECT k, SUM(v), COUNT(*) FROM src WHERE v > 0 GROUP BY k";
    await expect(second.execute(regrouped, "agg")).rejects.toThrow(
      /statement 'agg' cannot resume from .*chk-1\.snapshot \(checkpoint 1\): the state of GroupAggregate\(groupBy=\[k\].* has no operator to go to/,
    );
    expect(second.jobs.filter((j) => j.status === "running")).toHaveLength(0);
  });
});
