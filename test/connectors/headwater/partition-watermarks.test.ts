// A partitioned source's watermark is the minimum over its partitions that are not idle (Flink's
// per-split watermarks): a silent partition holds it back until 'scan.watermark.idle-timeout' (or the
// session's table.exec.source.idle-timeout) marks it idle.
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine, type QueryResult } from "../../../src/engine/index.ts";
import { NO_WATERMARK } from "../../../src/engine/runtime/time/watermark.ts";
import { partitionForKey } from "../../../src/store/index.ts";
import { tempDir } from "../../store/temp-dir.ts";

const T0 = Date.UTC(2026, 0, 1);
const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

/** Two keys Kafka's partitioner puts in different partitions of a 2-partition topic. */
function keysInBothPartitions(): [string, string] {
  const keys = ["a", "b", "c", "d", "e", "f"];
  const p = (k: string) => partitionForKey(Buffer.from(k), 2);
  const first = keys[0]!;
  return [first, keys.find((k) => p(k) !== p(first))!];
}

async function setup(idle: string) {
  let now = T0;
  const engine = createEngine({ clock: () => now, storeDir: tempDir() });
  engines.push(engine);
  await engine.execute(`CREATE TABLE readings (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
    DISTRIBUTED BY (k) INTO 2 BUCKETS WITH ('key.format' = 'raw', 'value.format' = 'json'${idle})`);
  const result = (await engine.execute("SELECT k, ts FROM readings")) as QueryResult;
  return { engine, result, advance: (ms: number) => (now += ms) };
}

describe("watermarks per partition", () => {
  it("are held back by a silent partition without an idle timeout", async () => {
    const { engine, result, advance } = await setup("");
    const [a] = keysInBothPartitions();
    await engine.execute(`INSERT INTO readings VALUES ('${a}', TIMESTAMP '2026-01-01 00:00:10')`);
    advance(60_000);
    engine.runUntilIdle();
    expect(result.table()).toHaveLength(1);
    expect(result.watermark).toBe(NO_WATERMARK);
  });

  it("follow the active partitions once the silent one is idle, and never go back", async () => {
    const { engine, result, advance } = await setup(", 'scan.watermark.idle-timeout' = '500 ms'");
    const [a, b] = keysInBothPartitions();
    await engine.execute(`INSERT INTO readings VALUES ('${a}', TIMESTAMP '2026-01-01 00:00:10')`);
    expect(result.watermark).toBe(NO_WATERMARK);
    // Half a second on, the other partition has been silent since the start: it is idle now.
    advance(600);
    await engine.execute(`INSERT INTO readings VALUES ('${a}', TIMESTAMP '2026-01-01 00:00:12')`);
    expect(result.watermark).toBe(T0 + 12_000);
    // When every partition is idle, the source is idle: its watermark stays where it is.
    advance(10_000);
    engine.runUntilIdle();
    expect(result.watermark).toBe(T0 + 12_000);
    // The other partition wakes up behind: the watermark does not move back, nor forward past it.
    await engine.execute(`INSERT INTO readings VALUES ('${b}', TIMESTAMP '2026-01-01 00:00:05')`);
    expect(result.watermark).toBe(T0 + 12_000);
    await engine.execute(
      `INSERT INTO readings VALUES ('${a}', TIMESTAMP '2026-01-01 00:00:30'), ('${b}', TIMESTAMP '2026-01-01 00:00:20')`,
    );
    expect(result.watermark).toBe(T0 + 20_000);
  });
});
