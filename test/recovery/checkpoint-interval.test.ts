// The periodic checkpoint interval counts from the end of the last checkpoint: jobs stand still while
// one runs, so a checkpoint that outlasts the interval must not leave them one batch between two.
import { afterEach, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine/index.ts";
import { tempDir } from "../store/temp-dir.ts";

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

it("schedules the next periodic checkpoint an interval after the last one ended", async () => {
  let now = 0;
  const engine = createEngine({
    storeDir: tempDir(),
    clock: () => now,
    // Each checkpoint "takes" 5 s of the engine's clock, five times the interval.
    checkpoints: {
      intervalMs: 1000,
      onCheckpoint: (c) => {
        if (c.statement === "agg") now += 5000;
      },
    },
  });
  engines.push(engine);
  await engine.executeScript(`CREATE TABLE src (k STRING, v INT);
    CREATE TABLE totals (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED);
    INSERT INTO src VALUES ('a', 1);`);
  await engine.execute("INSERT INTO totals SELECT k, SUM(v) FROM src GROUP BY k", "agg");
  const taken = () => engine.checkpoints.completed.filter((c) => c.statement === "agg").length;

  now = 1000;
  engine.runUntilIdle();
  expect(taken()).toBe(1);
  expect(now).toBe(6000);
  // Due at 7000 (its end + 1 s), not at 2000 (its start + 1 s).
  now = 6999;
  engine.runUntilIdle();
  expect(taken()).toBe(1);
  now = 7000;
  engine.runUntilIdle();
  expect(taken()).toBe(2);
  expect(engine.table("totals").rows()).toEqual([["a", 1]]);
});
