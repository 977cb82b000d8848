import { describe, expect, it } from "vitest";
import {
  blackholeScript,
  loadNexmarkQuery,
  NEXMARK_QUERY_NAMES,
  sinkTableSql,
} from "../../bench/nexmark/queries.ts";
import { parseQuery, parseScript } from "../../src/sql/parser/index.ts";

describe("the benchmark's Nexmark queries", () => {
  it("takes every corpus query apart into setup, sink, INSERT and its query, all of which parse", () => {
    expect(NEXMARK_QUERY_NAMES).toHaveLength(23);
    expect(NEXMARK_QUERY_NAMES.slice(0, 3)).toEqual(["q0", "q1", "q2"]);
    for (const name of NEXMARK_QUERY_NAMES) {
      const query = loadNexmarkQuery(name, "/data");
      expect(query.insert).toMatch(new RegExp(`^INSERT INTO ${query.sinkName}\\b`));
      expect(() => parseQuery(query.select)).not.toThrow();
      const script = blackholeScript(query).join(";\n");
      expect(parseScript({ name, text: script }).diagnostics).toEqual([]);
    }
  });

  it("replaces the count_char UDF by built-ins and drops its CREATE FUNCTION (q14)", () => {
    const q14 = loadNexmarkQuery("q14", "/data");
    expect(q14.setup).toEqual([]);
    expect(q14.select).not.toMatch(/count_char/i);
    expect(q14.select).toContain("CAST(CHAR_LENGTH(extra) - CHAR_LENGTH(REPLACE(extra, 'c', '')) AS BIGINT)");
    expect(q14.notes.join()).toMatch(/count_char/);
  });

  it("reads q13's side input from the data directory, keeping the file's column types", () => {
    const [sideInput] = loadNexmarkQuery("q13", "/bench/data").setup;
    expect(sideInput).toContain("'path' = 'file:///bench/data/side_input.txt'");
    expect(sideInput).toContain("`value` VARCHAR\n");
  });

  it("swaps the sink's connector, drops its partitioning and keeps the column spelling (q10)", () => {
    const q10 = loadNexmarkQuery("q10", "/data");
    const sink = sinkTableSql(q10, { connector: "blackhole" });
    expect(sink).not.toMatch(/PARTITIONED|filesystem/);
    expect(sink).toContain("extra VARCHAR,");
    expect(sink).toMatch(/WITH \(\n {2}'connector' = 'blackhole'\n\)$/);
    expect(q10.notes.join()).toMatch(/filesystem/);
  });

  it("knows which queries have a deterministic result and which emit per event", () => {
    const deterministic = NEXMARK_QUERY_NAMES.filter((q) => loadNexmarkQuery(q, "/d").deterministic);
    expect(NEXMARK_QUERY_NAMES.filter((q) => !deterministic.includes(q))).toEqual(["q6", "q12"]);
    expect(loadNexmarkQuery("q5", "/d").perEventOutput).toBe(false);
    expect(loadNexmarkQuery("q18", "/d").perEventOutput).toBe(true);
  });

  it("names the corpus when asked for a query it lacks", () => {
    expect(() => loadNexmarkQuery("q23", "/d")).toThrow(/unknown Nexmark query 'q23'; the corpus has q0, q1/);
  });
});
