// The checkpoint cascade: in a chain of INSERTs over store tables, a statement whose input just
// committed checkpoints as soon as the engine is at rest, so a row crosses the whole chain within one
// interval instead of one interval per level. Time is an injected clock: no periodic checkpoint
// comes due unless a test moves it there.
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine/index.ts";
import { tempDir } from "../store/temp-dir.ts";

const T0 = Date.UTC(2026, 0, 1);
const INTERVAL_MS = 1000;
const DDL = `
CREATE TABLE src (k STRING, v INT);
CREATE TABLE level1 (k STRING, v INT);
CREATE TABLE level2 (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED);
CREATE TABLE level3 (k STRING, total10 INT, PRIMARY KEY (k) NOT ENFORCED);
`;
const CHAIN = [
  ["level-1", "INSERT INTO level1 SELECT k, v FROM src"],
  ["level-2", "INSERT INTO level2 SELECT k, SUM(v) FROM level1 GROUP BY k"],
  ["level-3", "INSERT INTO level3 SELECT k, total * 10 FROM level2"],
] as const;

const open: Engine[] = [];
afterEach(async () => {
  for (const engine of open.splice(0)) await engine.close();
});

async function chainOn(dir: string, clock: () => number): Promise<Engine> {
  const engine = createEngine({ storeDir: dir, clock, checkpoints: { intervalMs: INTERVAL_MS } });
  open.push(engine);
  await engine.executeScript(DDL);
  for (const [name, sql] of CHAIN) await engine.execute(sql, name);
  return engine;
}

/** Drives the engine until no more checkpoints come: each cascaded level runs in a drive of its own. */
async function quiesce(engine: Engine): Promise<void> {
  for (let seen = -1; seen !== engine.checkpoints.completed.length; ) {
    seen = engine.checkpoints.completed.length;
    await new Promise((resolve) => setImmediate(resolve));
    await engine.settle();
  }
}

const sorted = (rows: readonly unknown[][]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("checkpoint cascade", () => {
  it("carries a committed row through a 3-level chain before any periodic checkpoint is due", async () => {
    let now = T0;
    const engine = await chainOn(tempDir(), () => now);
    // Half an interval on: past the cascade's minimum gap, before the periodic checkpoints.
    now = T0 + INTERVAL_MS / 2;
    // A bounded INSERT commits at its final checkpoint: level 1's input.
    await engine.execute("INSERT INTO src VALUES ('a', 1), ('b', 2), ('a', 3)", "feed");
    await quiesce(engine);
    expect(sorted(engine.table("level3").rows())).toEqual([
      ["a", 40],
      ["b", 20],
    ]);
    // One checkpoint per level, each after the one upstream of it committed.
    expect(engine.checkpoints.completed.map((c) => `${c.statement} ${c.id}`)).toEqual([
      "feed 1",
      "level-1 1",
      "level-2 1",
      "level-3 1",
    ]);
  });

  it("waits out the minimum gap instead of checkpointing on every commit", async () => {
    let now = T0;
    const engine = await chainOn(tempDir(), () => now);
    now = T0 + INTERVAL_MS / 2;
    await engine.execute("INSERT INTO src VALUES ('a', 1)", "feed");
    await quiesce(engine);
    // The same instant: level 1 checkpointed 0 ms ago, less than a tenth of the interval.
    await engine.execute("INSERT INTO src VALUES ('a', 5)", "feed-2");
    await quiesce(engine);
    expect(engine.table("level3").rows()).toEqual([["a", 10]]);
    expect(engine.checkpoints.completed).toHaveLength(5);

    now += INTERVAL_MS / 10;
    await quiesce(engine);
    expect(engine.table("level3").rows()).toEqual([["a", 60]]);
    expect(engine.checkpoints.completed.slice(5).map((c) => `${c.statement} ${c.id}`)).toEqual([
      "level-1 2",
      "level-2 2",
      "level-3 2",
    ]);
  });

  it("checkpoints a statement reading two marked levels once, after both committed", async () => {
    let now = T0;
    const dir = tempDir();
    const engine = createEngine({
      storeDir: dir,
      clock: () => now,
      checkpoints: { intervalMs: INTERVAL_MS },
    });
    open.push(engine);
    await engine.executeScript(
      `${DDL} CREATE TABLE joined (k STRING, v INT, total INT) WITH ('changelog.mode' = 'retract');`,
    );
    for (const [name, sql] of CHAIN.slice(0, 2)) await engine.execute(sql, name);
    await engine.execute(
      "INSERT INTO joined SELECT l.k, l.v, t.total FROM level1 l JOIN level2 t ON l.k = t.k",
      "joined",
    );
    now = T0 + INTERVAL_MS / 2;
    await engine.execute("INSERT INTO src VALUES ('a', 1)", "feed");
    await quiesce(engine);
    expect(engine.table("joined").rows()).toEqual([["a", 1, 1]]);
    expect(engine.checkpoints.completed.map((c) => `${c.statement} ${c.id}`)).toEqual([
      "feed 1",
      "level-1 1",
      "level-2 1",
      "joined 1",
    ]);
  });
});
