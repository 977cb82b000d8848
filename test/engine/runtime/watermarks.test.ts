import { describe, expect, it } from "vitest";
import { createEngine, type QueryResult } from "../../../src/engine/index.ts";
import type { Operator } from "../../../src/engine/runtime/operator.ts";
import { connectInputs } from "../../../src/engine/runtime/operator-failure.ts";
import { MAX_WATERMARK, WatermarkCombiner } from "../../../src/engine/runtime/time/watermark.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";

const T0 = Date.UTC(2026, 0, 1);

describe("WatermarkCombiner", () => {
  it("takes the minimum over active inputs and only advances", () => {
    const c = new WatermarkCombiner(2);
    expect(c.advance(0, 5)).toBeUndefined();
    expect(c.advance(1, 3)).toBe(3);
    expect(c.advance(1, 2)).toBeUndefined();
    expect(c.markIdle(1)).toBe(5);
    expect(c.advance(1, 9)).toBeUndefined();
    expect(c.advance(0, 12)).toBe(9);
    expect(c.markIdle(0)).toBeUndefined();
    expect(c.markIdle(1)).toBe("idle");
  });
});

describe("connectInputs", () => {
  it("feeds the operator the combined watermark and marks its output idle when all inputs are", () => {
    const seen: number[] = [];
    const out: Emitted[] = [];
    const op: Operator = {
      description: "Probe",
      process() {},
      onWatermark: (t) => void seen.push(t),
      finish() {},
      snapshot: () => null,
      restore() {},
    };
    const [a, b] = connectInputs(op, 2, recordInto(out, true));
    a!.watermark(10);
    b!.watermark(4);
    a!.idle();
    b!.watermark(20);
    b!.idle();
    expect(seen).toEqual([4, 20]);
    expect(out).toEqual([["idle"]]);
  });

  it("names the operator and the watermark when firing fails", () => {
    const op: Operator = {
      description: "Boom",
      process() {},
      onWatermark() {
        throw new Error("bad timer");
      },
      finish() {},
      snapshot: () => null,
      restore() {},
    };
    const [input] = connectInputs(op, 1, recordInto([]));
    expect(() => input!.watermark(7)).toThrow("Boom failed on watermark 7: bad timer");
  });
});

describe("scans with computed columns and watermarks", () => {
  const ddl = `CREATE TABLE clicks (
      id INT, ts TIMESTAMP(3), doubled AS id * 2,
      WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);`;

  it("computes computed columns and reports the watermark of the rows read", async () => {
    const engine = createEngine({ clock: () => T0 });
    await engine.execute(ddl);
    const result = (await engine.execute("SELECT id, doubled, ts FROM clicks")) as QueryResult;
    engine.insertRows("clicks", [
      [1, T0 + 5_000],
      [2, T0 + 3_000],
    ]);
    engine.runUntilIdle();
    expect(result.table()).toEqual([
      [1, 2, T0 + 5_000],
      [2, 4, T0 + 3_000],
    ]);
    // The highest `ts - 1 s` so far; the out-of-order second row does not move it back.
    expect(result.watermark).toBe(T0 + 4_000);
    engine.runBounded();
    expect(result.watermark).toBe(MAX_WATERMARK);
    expect(result.status).toBe("finished");
  });

  it("prints the watermark pushed into the source in EXPLAIN", async () => {
    const engine = createEngine();
    await engine.execute(ddl);
    const explained = await engine.execute("EXPLAIN SELECT doubled FROM clicks");
    expect(explained.kind === "explain" && explained.plan).toContain(
      "table=[[default_catalog, default_database, clicks, watermark=[-(ts, 1000:INTERVAL SECOND)]]]",
    );
  });
});
