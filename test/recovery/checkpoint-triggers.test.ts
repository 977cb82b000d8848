// When statements under checkpoints take their next checkpoint besides their interval: input-driven
// rounds (`inputPauseMs`) — a statement that read new input commits a pause after the last round,
// all such statements together — and the cascade's wait for upstream statements, which holds a
// statement only for upstream marks as old as its own. Time is an injected clock: no periodic
// checkpoint comes due unless a test moves it there.
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine/index.ts";
import { tempDir } from "../store/temp-dir.ts";

const T0 = Date.UTC(2026, 0, 1);

const open: Engine[] = [];
afterEach(async () => {
  for (const engine of open.splice(0)) await engine.close();
});

/** Drives the engine until no more checkpoints come: each cascaded level runs in a drive of its own. */
async function quiesce(engine: Engine): Promise<void> {
  for (let seen = -1; seen !== engine.checkpoints.completed.length; ) {
    seen = engine.checkpoints.completed.length;
    await new Promise((resolve) => setImmediate(resolve));
    await engine.settle();
  }
}

const taken = (engine: Engine, from = 0): string[] =>
  engine.checkpoints.completed.slice(from).map((c) => `${c.statement} ${c.id}`);

async function engineOn(clock: () => number, checkpoints: { intervalMs: number; inputPauseMs?: number }) {
  const engine = createEngine({ storeDir: tempDir(), clock, checkpoints });
  open.push(engine);
  return engine;
}

describe("input-driven checkpoint rounds", () => {
  const DDL = `
    CREATE TABLE a_in (k STRING, v INT);
    CREATE TABLE b_in (k STRING, v INT);
    CREATE TABLE a_out (k STRING, v INT);
    CREATE TABLE b_out (k STRING, v INT);
    CREATE TABLE both_out (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED);
  `;
  /** Two first-level statements and one reading both their outputs. */
  async function start(engine: Engine): Promise<void> {
    await engine.executeScript(DDL);
    await engine.execute("INSERT INTO a_out SELECT k, v FROM a_in", "a");
    await engine.execute("INSERT INTO b_out SELECT k, v FROM b_in", "b");
    await engine.execute(
      "INSERT INTO both_out SELECT k, SUM(v) FROM (SELECT k, v FROM a_out UNION ALL SELECT k, v FROM b_out) GROUP BY k",
      "both",
    );
  }

  it("commit new input a pause after the last round, long before the interval, all fed statements at once", async () => {
    let now = T0;
    // A cascade gap of 10 s (a tenth of the interval): only the input pause can make these checkpoints.
    const engine = await engineOn(() => now, { intervalMs: 100_000, inputPauseMs: 50 });
    await start(engine);
    now += 100;
    // The feeds are bounded INSERTs: each commits at its final checkpoint, without marking `a` or `b`
    // past their gap. Both inputs commit before the engine runs the statements reading them.
    await engine.executeScript(
      "INSERT INTO a_in VALUES ('x', 1); INSERT INTO b_in VALUES ('x', 2);",
      "feeds",
    );
    await quiesce(engine);
    expect(engine.table("both_out").rows()).toEqual([["x", 3]]);
    const order = taken(engine).filter((c) => !c.startsWith("feeds"));
    // `a` and `b` in one round, then `both` once for the two commits.
    expect(order.slice(0, 2).sort()).toEqual(["a 1", "b 1"]);
    expect(order.slice(2)).toEqual(["both 1"]);

    // New input within the pause waits for the next round.
    const before = engine.checkpoints.completed.length;
    now += 10;
    await engine.execute("INSERT INTO a_in VALUES ('x', 10)", "feed-2");
    await quiesce(engine);
    expect(taken(engine, before)).toEqual(["feed-2 1"]);
    expect(engine.table("both_out").rows()).toEqual([["x", 3]]);
    now += 50;
    await quiesce(engine);
    expect(taken(engine, before + 1)).toEqual(["a 2", "both 2"]);
    expect(engine.table("both_out").rows()).toEqual([["x", 13]]);
  });

  it("do not hold a statement for a sibling upstream marked by the same commit", async () => {
    let now = T0;
    const engine = await engineOn(() => now, { intervalMs: 100_000, inputPauseMs: 50 });
    await engine.executeScript(`
      CREATE TABLE src (k STRING, v INT);
      CREATE TABLE level1 (k STRING, v INT);
      CREATE TABLE level2 (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED);
      CREATE TABLE joined (k STRING, v INT, total INT) WITH ('changelog.mode' = 'retract');
    `);
    await engine.execute("INSERT INTO level1 SELECT k, v FROM src", "level-1");
    await engine.execute("INSERT INTO level2 SELECT k, SUM(v) FROM level1 GROUP BY k", "level-2");
    await engine.execute(
      "INSERT INTO joined SELECT l.k, l.v, t.total FROM level1 l JOIN level2 t ON l.k = t.k",
      "joined",
    );
    now += 100;
    await engine.execute("INSERT INTO src VALUES ('a', 1)", "feed");
    await quiesce(engine);
    // level-1's commit marks level-2 and joined at once: joined commits then, level-2's total not
    // there yet, instead of once after both...
    expect(taken(engine)).toEqual(["feed 1", "level-1 1", "level-2 1", "joined 1"]);
    expect(engine.table("joined").rows()).toEqual([]);
    // ...and again after level-2's commit, once its gap has passed.
    now += 50;
    await quiesce(engine);
    expect(taken(engine, 4)).toEqual(["joined 2"]);
    expect(engine.table("joined").rows()).toEqual([["a", 1, 1]]);
  });

  it("are off without an input pause: new input waits for the interval", async () => {
    let now = T0;
    const engine = await engineOn(() => now, { intervalMs: 100_000 });
    await start(engine);
    now += 100;
    await engine.execute("INSERT INTO a_in VALUES ('x', 1)", "feed");
    await quiesce(engine);
    expect(taken(engine)).toEqual(["feed 1"]);
    expect(engine.table("both_out").rows()).toEqual([]);
  });
});

describe("the cascade's wait for upstream statements", () => {
  it("holds a statement for an upstream marked before it, not for one marked after", async () => {
    let now = T0;
    const INTERVAL = 1000;
    const engine = await engineOn(() => now, { intervalMs: INTERVAL });
    await engine.executeScript(`
      CREATE TABLE src (k STRING, v INT);
      CREATE TABLE other (k STRING, v INT);
      CREATE TABLE a (k STRING, v INT);
      CREATE TABLE m (k STRING, v INT);
      CREATE TABLE d (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED);
    `);
    await engine.execute("INSERT INTO a SELECT k, v FROM src", "a");
    await engine.execute("INSERT INTO m SELECT k, v FROM other", "m");
    await engine.execute(
      "INSERT INTO d SELECT k, SUM(v) FROM (SELECT k, v FROM a UNION ALL SELECT k, v FROM m) GROUP BY k",
      "d",
    );
    // m and then d checkpoint at T0 + 500 (past the cascade's gap of 100 ms).
    now = T0 + 500;
    await engine.execute("INSERT INTO other VALUES ('x', 1)", "feed-other");
    await quiesce(engine);
    expect(engine.table("d").rows()).toEqual([["x", 1]]);
    // 50 ms later: a (last checkpoint at T0) cascades at once, marking d, whose gap has not passed;
    // then other commits again, marking m after d.
    now = T0 + 550;
    await engine.execute("INSERT INTO src VALUES ('x', 10)", "feed-src");
    await quiesce(engine);
    await engine.execute("INSERT INTO other VALUES ('x', 100)", "feed-other-2");
    await quiesce(engine);
    const before = engine.checkpoints.completed.length;
    // Both gaps pass: d does not wait for m, marked after it — it shows a's row now, m's at its next.
    now = T0 + 600;
    await quiesce(engine);
    expect(taken(engine, before).sort()).toEqual(["d 2", "m 2"]);
    expect(engine.table("d").rows()).toEqual([["x", 11]]);
    now = T0 + 700;
    await quiesce(engine);
    expect(taken(engine, before + 2)).toEqual(["d 3"]);
    expect(engine.table("d").rows()).toEqual([["x", 111]]);
  });
});

describe("a statement at rest", () => {
  it("cascades while another statement is still busy with its input", async () => {
    // A clock a millisecond on at every reading: the generator makes rows, and the gaps pass.
    let now = T0;
    let busyReadAtLevel2 = -1;
    const engine = createEngine({
      storeDir: tempDir(),
      clock: () => ++now,
      checkpoints: {
        intervalMs: 1e9,
        inputPauseMs: 1,
        onCheckpoint: (checkpoint) => {
          if (checkpoint.statement === "level-2" && busyReadAtLevel2 < 0)
            busyReadAtLevel2 = engine.jobs.find((j) => j.statement.includes("FROM gen"))!.recordsIn;
        },
      },
    });
    open.push(engine);
    await engine.executeScript(`
      CREATE TABLE gen (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '40000',
        'rows-per-second' = '1000000000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',
        'fields.id.end' = '40000');
      CREATE TABLE big (id INT);
      CREATE TABLE src (k STRING, v INT);
      CREATE TABLE level1 (k STRING, v INT);
      CREATE TABLE level2 (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED);
    `);
    await engine.execute("INSERT INTO level1 SELECT k, v FROM src", "level-1");
    await engine.execute("INSERT INTO level2 SELECT k, SUM(v) FROM level1 GROUP BY k", "level-2");
    // The busy statement reads 40,000 generated rows, 1,024 a round; src's row commits meanwhile.
    const busy = engine.execute("INSERT INTO big SELECT id FROM gen", "busy");
    await engine.execute("INSERT INTO src VALUES ('a', 1)", "feed");
    await busy;
    await quiesce(engine);
    expect(engine.table("level2").rows()).toEqual([["a", 1]]);
    expect(engine.table("big").rows()).toHaveLength(40_000);
    // level-2 committed before the busy statement was done: the chain did not wait for the engine's rest.
    expect(busyReadAtLevel2).toBeGreaterThanOrEqual(0);
    expect(busyReadAtLevel2).toBeLessThan(40_000);
  });
});
