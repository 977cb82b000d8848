import { describe, expect, it } from "vitest";
import { createEngine, formatValue, type QueryResult } from "../../../src/engine/index.ts";

const T0 = Date.UTC(2026, 0, 1);
const S = 1000;

/** A query's changelog as text lines: `+I a 2 2026-01-01 00:00:00.000 ...`. */
function lines(result: QueryResult): string[] {
  if (result.error) throw result.error;
  return result
    .changelog()
    .map((c) => `${c.kind} ${c.row.map((v, i) => formatValue(v, result.columns[i]!.type)).join(" ")}`);
}

describe("processing-time windows on the engine's clock", () => {
  const ddl = `CREATE TABLE clicks (usr STRING);
    CREATE VIEW timed AS SELECT usr, PROCTIME() AS pt FROM clicks;`;

  it("TUMBLE over PROCTIME() fires when the clock passes the window's end (Nexmark q12's shape)", async () => {
    let now = T0 + 2 * S;
    const engine = createEngine({ clock: () => now });
    await engine.executeScript(ddl);
    const result = (await engine.execute(`
      SELECT usr, COUNT(*) AS n, window_start, window_end
      FROM TABLE(TUMBLE(TABLE timed, DESCRIPTOR(pt), INTERVAL '10' SECOND))
      GROUP BY usr, window_start, window_end`)) as QueryResult;
    engine.insertRows("clicks", [["a"], ["b"], ["a"]]);
    engine.runUntilIdle();
    now = T0 + 9 * S;
    engine.insertRows("clicks", [["a"]]);
    engine.runUntilIdle();
    expect(lines(result)).toEqual([]);
    now = T0 + 12 * S;
    engine.insertRows("clicks", [["b"]]);
    engine.runUntilIdle();
    expect(lines(result)).toEqual([
      "+I a 3 2026-01-01 00:00:00.000 2026-01-01 00:00:10.000",
      "+I b 1 2026-01-01 00:00:00.000 2026-01-01 00:00:10.000",
    ]);
    now = T0 + 20 * S;
    engine.runUntilIdle();
    expect(lines(result).slice(2)).toEqual(["+I b 1 2026-01-01 00:00:10.000 2026-01-01 00:00:20.000"]);
  });

  it("the legacy GROUP BY HOP(pt, ...) and a SESSION TVF on processing time", async () => {
    let now = T0;
    const engine = createEngine({ clock: () => now });
    await engine.executeScript(ddl);
    const hop = (await engine.execute(`
      SELECT usr, COUNT(*) AS n, HOP_START(pt, INTERVAL '5' SECOND, INTERVAL '10' SECOND) AS s
      FROM timed GROUP BY usr, HOP(pt, INTERVAL '5' SECOND, INTERVAL '10' SECOND)`)) as QueryResult;
    const sessions = (await engine.execute(`
      SELECT usr, window_start, window_end, COUNT(*) AS n
      FROM TABLE(SESSION(TABLE timed PARTITION BY usr, DESCRIPTOR(pt), INTERVAL '3' SECOND))
      GROUP BY usr, window_start, window_end`)) as QueryResult;
    for (const at of [1, 3, 7]) {
      now = T0 + at * S;
      engine.insertRows("clicks", [["a"]]);
      engine.runUntilIdle();
    }
    now = T0 + 30 * S;
    engine.runUntilIdle();
    expect(lines(hop)).toEqual([
      "+I a 2 2025-12-31 23:59:55.000",
      "+I a 3 2026-01-01 00:00:00.000",
      "+I a 1 2026-01-01 00:00:05.000",
    ]);
    // 1 s and 3 s touch ([1, 4) and [3, 6)); 7 s opens a new session after 6 s.
    expect(lines(sessions)).toEqual([
      "+I a 2026-01-01 00:00:01.000 2026-01-01 00:00:06.000 2",
      "+I a 2026-01-01 00:00:07.000 2026-01-01 00:00:10.000 1",
    ]);
  });

  it("does not fire processing-time windows at the end of a bounded run, as Flink does not", async () => {
    const engine = createEngine({ clock: () => T0 });
    await engine.executeScript(ddl);
    const result = (await engine.execute(
      "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE timed, DESCRIPTOR(pt), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end",
    )) as QueryResult;
    engine.insertRows("clicks", [["a"]]);
    engine.runBounded();
    expect(result.status).toBe("finished");
    expect(lines(result)).toEqual([]);
  });
});

describe("windows over TIMESTAMP_LTZ follow the session time zone", () => {
  it("aligns a one-day TUMBLE to local midnight and fires at the instant local midnight passes", async () => {
    const engine = createEngine({ clock: () => T0, timeZone: "Asia/Shanghai" });
    await engine.execute(
      "CREATE TABLE orders (amount INT, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)",
    );
    const result = (await engine.execute(`
      SELECT window_start, window_end, CAST(window_time AS STRING) AS local_time, window_time, SUM(amount) AS total
      FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' DAY))
      GROUP BY window_start, window_end, window_time`)) as QueryResult;
    // 2026-01-01 15:00 UTC is 23:00 in Shanghai; 17:00 UTC is already 01:00 on the 2nd there.
    engine.insertRows("orders", [
      [1, Date.UTC(2026, 0, 1, 15)],
      [2, Date.UTC(2026, 0, 1, 17)],
      [4, Date.UTC(2026, 0, 2, 16, 0, 2)],
    ]);
    engine.runUntilIdle();
    expect(lines(result)).toEqual([
      "+I 2026-01-01 00:00:00.000 2026-01-02 00:00:00.000 2026-01-01 23:59:59.999 2026-01-01 15:59:59.999 1",
      "+I 2026-01-02 00:00:00.000 2026-01-03 00:00:00.000 2026-01-02 23:59:59.999 2026-01-02 15:59:59.999 2",
    ]);
    // window_time is an instant: the last millisecond of the local day (printed above in UTC).
    expect(result.changelog()[0]!.row[3]).toBe(Date.UTC(2026, 0, 1, 15, 59, 59, 999));
  });
});
