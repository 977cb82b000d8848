/** Every Nexmark corpus query has a DuckDB oracle, except the two with no deterministic result. */
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ORACLE_QUERIES } from "../../bench/nexmark/duckdb/run.ts";

/** q6: Flink rejects it (FLINK-19059); q12: processing-time windows. */
const WITHOUT_ORACLE = ["q6", "q12"];

describe("DuckDB Nexmark oracle coverage", () => {
  it("covers every corpus query but q6 and q12, each with a SQL file", () => {
    const corpus = readdirSync("test/corpus/nexmark")
      .filter((name) => /^q\d+\.sql$/.test(name))
      .map((name) => name.slice(0, -4));
    const expected = corpus.filter((q) => !WITHOUT_ORACLE.includes(q));
    expect([...ORACLE_QUERIES].sort()).toEqual(expected.sort());
    for (const q of ORACLE_QUERIES) expect(existsSync(`bench/nexmark/duckdb/queries/${q}.sql`)).toBe(true);
  });
});
