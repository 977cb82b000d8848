import { describe, expect, it } from "vitest";
import { createEngine, type Engine, type QueryResult } from "../../../src/engine/index.ts";

/** Enough rows to cross the chunk in which a table drops what its readers have read. */
const ROWS = 10_000;

async function pipeline(engine: Engine): Promise<QueryResult> {
  await engine.execute(`
    CREATE TABLE raw (k STRING, v INT);
    CREATE TABLE totals (k STRING, total INT, n BIGINT, PRIMARY KEY (k) NOT ENFORCED);
    INSERT INTO totals SELECT k, SUM(v), COUNT(*) FROM raw GROUP BY k;`);
  const watched = (await engine.execute("SELECT k, total, n FROM totals")) as QueryResult;
  for (let i = 0; i < ROWS; i++) engine.insertRows("raw", [[`k${i % 10}`, i]], { timestamp: i });
  engine.runUntilIdle();
  return watched;
}

/** What the pipeline above must hold: per key, the sum and the count of its rows. */
function expectedTotals(): [string, number, number][] {
  const totals = new Map<string, [number, number]>();
  for (let i = 0; i < ROWS; i++) {
    const [sum, n] = totals.get(`k${i % 10}`) ?? [0, 0];
    totals.set(`k${i % 10}`, [sum + i, n + 1]);
  }
  return [...totals].map(([k, [sum, n]]) => [k, sum, n]);
}

const sorted = (rows: unknown[][]): unknown[][] =>
  rows.toSorted((a, b) => String(a[0]).localeCompare(String(b[0])));

describe("in-memory tables keeping only unread changes", () => {
  it("drop what every reader has read, and the readers still see every change", async () => {
    const engine = createEngine({ clock: () => 0, changelogRetention: "unread" });
    const watched = await pipeline(engine);
    expect(sorted(watched.table())).toEqual(sorted(expectedTotals()));
    const raw = engine.table("raw");
    const totals = engine.table("totals");
    // The INSERT job read every raw row, the query the totals' updates: the logs dropped what was
    // read, while their offsets keep counting from the first change.
    expect(raw.endOffset).toBe(ROWS);
    expect(raw.changes(0)).toEqual([]);
    expect(totals.endOffset).toBeGreaterThan(ROWS);
    expect(totals.changes(0)).toEqual([]);
    expect(sorted(totals.rows())).toEqual(sorted(expectedTotals()));
  });

  it("start a keyed table's later reader from its live rows, with their timestamps", async () => {
    const engine = createEngine({ clock: () => 0, changelogRetention: "unread" });
    await engine.execute("CREATE TABLE latest (k STRING, v INT, PRIMARY KEY (k) NOT ENFORCED)");
    for (let i = 0; i < ROWS; i++) engine.insertRows("latest", [[`k${i % 10}`, i]], { timestamp: i });
    // Nobody reads the table: a keyed table then drops its past, its live rows stand for it.
    expect(engine.table("latest").changes(0).length).toBeLessThan(4096);
    const late = (await engine.execute("SELECT k, v, $rowtime FROM latest")) as QueryResult;
    engine.runUntilIdle();
    expect(late.changelog().every((entry) => entry.kind === "+I")).toBe(true);
    // Each key's live row is its last write: values and timestamps ROWS-10 .. ROWS-1.
    const lastWrites = Array.from({ length: 10 }, (_, i) => ROWS - 10 + i);
    expect(sorted(late.table())).toEqual(sorted(lastWrites.map((i) => [`k${i % 10}`, i, i])));
  });

  it("keep the whole changelog by default: a later reader replays every change", async () => {
    const engine = createEngine({ clock: () => 0 });
    await pipeline(engine);
    expect(engine.table("raw").changes(0)).toHaveLength(ROWS);
    const late = (await engine.execute("SELECT k, total, n FROM totals")) as QueryResult;
    engine.runUntilIdle();
    expect(late.changelog().length).toBeGreaterThan(ROWS);
    expect(sorted(late.table())).toEqual(sorted(expectedTotals()));
  });
});
