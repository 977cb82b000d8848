// SET / RESET: session settings the engine reads when a statement starts, checked when set.
import { describe, expect, it } from "vitest";
import { createEngine, type QueryResult } from "../../../src/engine/index.ts";

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe("session configuration", () => {
  it("applies table.local-time-zone to statements started after the SET, and RESET goes back", async () => {
    const engine = createEngine({ clock: () => T0 });
    const show = async () =>
      ((await engine.execute("SELECT CAST(TO_TIMESTAMP_LTZ(0, 3) AS STRING)")) as QueryResult).table()[0]![0];
    expect(await show()).toBe("1970-01-01 00:00:00.000");
    await engine.execute("SET 'table.local-time-zone' = 'Asia/Shanghai'");
    expect(await show()).toBe("1970-01-01 08:00:00.000");
    // Confluent Cloud's name reads the same setting.
    expect(engine.session.get("sql.local-time-zone")).toBe("Asia/Shanghai");
    await engine.execute("RESET 'table.local-time-zone'");
    expect(await show()).toBe("1970-01-01 00:00:00.000");
  });

  it("checks the values of known keys and keeps other keys as they are", async () => {
    const engine = createEngine();
    await expect(engine.execute("SET 'table.local-time-zone' = 'Mars/Olympus'")).rejects.toThrow(
      "SET 'table.local-time-zone' = 'Mars/Olympus': expected a time zone such as 'UTC', 'Europe/Berlin' or '+08:00'",
    );
    await expect(engine.execute("SET 'sql.state-ttl' = 'forever'")).rejects.toThrow(
      "SET 'sql.state-ttl' = 'forever': expected a duration",
    );
    await engine.execute(
      "SET 'sql.state-ttl' = '1 h'; SET 'pipeline.name' = 'orders'; SET 'my.own.key' = 'x';",
    );
    expect(engine.session.duration("table.exec.state.ttl")).toBe(3_600_000);
    expect(engine.session.entries()).toEqual([
      ["my.own.key", "x"],
      ["pipeline.name", "orders"],
      ["sql.state-ttl", "1 h"],
    ]);
    await engine.execute("RESET");
    expect(engine.session.entries()).toEqual([]);
  });

  it("takes table.exec.source.idle-timeout for the partitions of store tables", async () => {
    const engine = createEngine({ sourceIdleTimeout: 250 });
    expect(engine.session.duration("table.exec.source.idle-timeout")).toBe(250);
    await engine.execute("SET 'sql.tables.scan.idle-timeout' = '2 s'");
    expect(engine.session.duration("table.exec.source.idle-timeout")).toBe(2000);
  });
});
