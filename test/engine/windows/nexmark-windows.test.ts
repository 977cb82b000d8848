/**
 * The windowed Nexmark queries as written in test/corpus/nexmark (q5 HOP + window join, q8 TUMBLE +
 * window join, q11 legacy SESSION, q12 processing-time TUMBLE), run by the engine over the generator's
 * events and checked against the DuckDB oracle (bench/nexmark/duckdb) on the same events. The source
 * is an in-memory table with the Nexmark DDL's columns, watermark and computed `dateTime` (the
 * `'connector' = 'nexmark'` source is not part of this check), and the sinks are in-memory tables.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexmarkOracle } from "../../../bench/nexmark/duckdb/run.ts";
import type { Row } from "../../../src/common/value.ts";
import { NexmarkGenerator } from "../../../src/connectors/nexmark/index.ts";
import { createEngine, type Engine } from "../../../src/engine/index.ts";
import {
  createNexmarkFixture,
  EVENTS,
  expectSameRows,
  groupBy,
  type NexmarkFixture,
} from "../../bench-oracles/nexmark-fixture.ts";

const CORPUS = join(import.meta.dirname, "..", "..", "corpus", "nexmark");
const OPTIONS = {
  "events.num": String(EVENTS),
  "first-event.rate": "250",
  "next-event.rate": "250",
  "base-time": "2015-07-15 23:59:20Z",
  seed: "42",
};

let fixture: NexmarkFixture;
beforeAll(() => {
  fixture = createNexmarkFixture();
});
afterAll(() => fixture.cleanup());

/** The corpus DDL with the generator table in memory, and a query's script with in-memory sinks. */
function script(query: string): string {
  const ddl = readFileSync(join(CORPUS, "ddl.sql"), "utf8").replace(/\) WITH \([^;]*\);/s, ");");
  const text = readFileSync(join(CORPUS, `${query}.sql`), "utf8").replaceAll(
    "WITH ('connector' = 'blackhole')",
    "",
  );
  return `${ddl}\n${text}`;
}

async function runQuery(query: string, engine: Engine = createEngine({ clock: () => 0 })): Promise<Engine> {
  await engine.executeScript(script(query));
  const events = NexmarkGenerator.fromWithOptions(OPTIONS).generate(0, EVENTS);
  engine.insertRows("nexmark", [...events] as Row[]);
  engine.runBounded();
  for (const job of engine.jobs) if (job.error) throw job.error;
  return engine;
}

describe("Nexmark's windowed queries on the engine, against the DuckDB oracle", () => {
  it("q5: auctions with the most bids per HOP window (window aggregates joined by window)", async () => {
    const engine = await runQuery("q5");
    const rows = engine.table("nexmark_q5").rows();
    expect(rows.length).toBeGreaterThan(40);
    expectSameRows(rows, await runNexmarkOracle("q5", fixture.dataDir));
  });

  it("q8: people who opened an auction in their registration window (window join of TUMBLE aggregates)", async () => {
    const engine = await runQuery("q8");
    const rows = engine.table("nexmark_q8").rows();
    expect(rows.length).toBeGreaterThan(0);
    expectSameRows(rows, await runNexmarkOracle("q8", fixture.dataDir));
  });

  it("q11: bids per bidder session (legacy GROUP BY SESSION)", async () => {
    const engine = await runQuery("q11");
    const rows = engine.table("nexmark_q11").rows();
    expect(rows.length).toBeGreaterThan(100);
    expectSameRows(rows, await runNexmarkOracle("q11", fixture.dataDir));
  });

  it("q12: bids per bidder in processing-time windows, on the engine's clock", async () => {
    let now = Date.UTC(2026, 0, 1, 0, 0, 1);
    const engine = createEngine({ clock: () => now });
    await engine.executeScript(script("q12"));
    engine.insertRows("nexmark", [...NexmarkGenerator.fromWithOptions(OPTIONS).generate(0, EVENTS)] as Row[]);
    engine.runUntilIdle();
    expect(engine.table("nexmark_q12").rows()).toEqual([]);
    // Every bid arrived at 00:00:01: they all fall in [00:00:00, 00:00:10), which fires at 00:00:10.
    now = Date.UTC(2026, 0, 1, 0, 0, 10);
    engine.runUntilIdle();
    const start = Date.UTC(2026, 0, 1);
    const expected = [...groupBy(fixture.bids, (b) => String(b.bidder)).values()].map((bids) => [
      bids[0]!.bidder,
      bids.length,
      start,
      start + 10_000,
    ]);
    expectSameRows(engine.table("nexmark_q12").rows(), expected);
  });
});
