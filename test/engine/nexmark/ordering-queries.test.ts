// Nexmark q18 (rowtime dedup, keep last) and q19 (Top-10 with rank number) run by the engine over the
// generated event stream, against the DuckDB oracle's final answer (bench/nexmark/duckdb). The
// events are written to an in-memory table with the Nexmark schema, in generator order, in batches.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexmarkOracle } from "../../../bench/nexmark/duckdb/run.ts";
import { NexmarkGenerator } from "../../../src/connectors/nexmark/index.ts";
import { createEngine, type Engine, type QueryResult } from "../../../src/engine/index.ts";
import {
  createNexmarkFixture,
  EVENTS,
  expectSameRows,
  type NexmarkFixture,
} from "../../bench-oracles/nexmark-fixture.ts";

const CORPUS = join(import.meta.dirname, "..", "..", "corpus", "nexmark");

/** ddl.sql with the generator table kept in memory instead of the `nexmark` connector. */
function nexmarkDdl(): string {
  return readFileSync(join(CORPUS, "ddl.sql"), "utf8").replace(
    /\) WITH \(\s*'connector' = 'nexmark'[^;]*;/,
    ") WITH ('connector' = 'headwater');",
  );
}

/** The SELECT a query file inserts into its sink. */
function selectOf(query: string): string {
  const text = readFileSync(join(CORPUS, `${query}.sql`), "utf8");
  const insert = /INSERT INTO \w+\s+([\s\S]*?);\s*$/.exec(text);
  if (!insert) throw new Error(`${query}.sql has no INSERT`);
  return insert[1]!;
}

describe("Nexmark dedup and Top-N queries against the DuckDB oracle", () => {
  let fixture: NexmarkFixture;
  let engine: Engine;
  const results = new Map<string, QueryResult>();

  beforeAll(async () => {
    fixture = createNexmarkFixture();
    engine = createEngine({ clock: () => 0 });
    await engine.executeScript(nexmarkDdl());
    for (const q of ["q18", "q19"]) results.set(q, (await engine.execute(selectOf(q))) as QueryResult);
    // The same seed and options as the oracle's CSV files: the same events, in the same order.
    const generator = NexmarkGenerator.fromWithOptions({
      "events.num": String(EVENTS),
      "first-event.rate": "250",
      "next-event.rate": "250",
      "base-time": "2015-07-15 23:59:20Z",
      seed: "42",
    });
    for (let from = 0; from < EVENTS; from += 2_000) {
      engine.insertRows("nexmark", generator.generate(from, 2_000));
      engine.runUntilIdle();
    }
    engine.runBounded();
  }, 120_000);

  afterAll(() => fixture?.cleanup());

  for (const q of ["q18", "q19"])
    it(`${q} equals the oracle`, async () => {
      const result = results.get(q)!;
      if (result.error) throw result.error;
      const expected = await runNexmarkOracle(q, fixture.dataDir);
      expect(expected.length).toBeGreaterThan(100);
      expectSameRows(result.table(), expected);
    });

  it("q18 plans as Flink's rowtime keep-last deduplication, q19 as an append-only Top-N", async () => {
    const explain = async (q: string) => {
      const r = await engine.execute(`EXPLAIN ${selectOf(q)}`);
      return r.kind === "explain" ? r.plan : "";
    };
    expect(await explain("q18")).toContain(
      "Deduplicate(keep=[LastRow], key=[bidder, auction], order=[ROWTIME]",
    );
    expect(await explain("q19")).toContain(
      "Rank(strategy=[AppendFastStrategy], rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=10], partitionBy=[auction], orderBy=[price DESC]",
    );
  });
});
