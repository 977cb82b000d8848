import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject } from "../../../src/pipelines/project/load-project.ts";
import { showRow } from "../../../src/pipelines/testing/compare-rows.ts";
import { initTests } from "../../../src/pipelines/testing/init-tests.ts";
import { readCsvRows } from "../../../src/pipelines/testing/read-csv-rows.ts";
import { readYamlRows } from "../../../src/pipelines/testing/read-yaml-rows.ts";
import { runTests, tablesWithTests } from "../../../src/pipelines/testing/run-tests.ts";
import { sampleValue } from "../../../src/pipelines/testing/sample-values.ts";
import { FIXTURES } from "../golden.ts";
import { makeProject, unsupportedProject } from "./projects.ts";

const EXAMPLES = join(import.meta.dirname, "..", "..", "..", "examples");

describe("the fixture projects' unit tests", () => {
  for (const [dir, layers] of [
    [join(FIXTURES, "shift-left-graph"), ["source", "intermediate", "fact"]],
    [join(FIXTURES, "retail"), ["source", "intermediate", "dimension", "fact", "view"]],
    [join(EXAMPLES, "c360"), ["view"]],
  ] as const) {
    it(`${dir.split("/").pop()}: every test passes, on a table of each layer the engine runs`, async () => {
      const project = loadProject(dir, {});
      const tables = tablesWithTests(project, { kind: "all" });
      if ("error" in tables) throw new Error(tables.error);
      const results = await runTests(project, tables);
      expect(results.filter((r) => r.status !== "pass")).toEqual([]);
      expect([...new Set(tables.map((t) => t.type))].sort()).toEqual([...layers].sort());
    });
  }
});

const COLUMNS =
  "id STRING NOT NULL, code VARCHAR(3), n INT, big BIGINT, price DECIMAL(10, 2), ratio DOUBLE, ok BOOLEAN, " +
  "d DATE, t TIME, ts TIMESTAMP(3), lts TIMESTAMP_LTZ(3), tags ARRAY<INT>, r ROW<a INT, b STRING>, raw BYTES";

function typesProject(extraColumns = ""): string {
  const columns = `${COLUMNS}${extraColumns}`;
  return makeProject({
    "sources/p/src_p_all": [`CREATE TABLE src_p_all (${columns});`],
    "intermediates/p/int_p_all": [
      `CREATE TABLE int_p_all (${columns}, PRIMARY KEY (id) NOT ENFORCED);`,
      "INSERT INTO int_p_all SELECT * FROM src_p_all WHERE n > 1;",
    ],
  });
}

const TESTS = "pipelines/intermediates/p/int_p_all/tests";

function files(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(join(dir, TESTS)).map((f) => [f, readFileSync(join(dir, TESTS, f), "utf8")]),
  );
}

describe("headwater test init", () => {
  for (const format of ["csv", "yaml"] as const) {
    it(`${format}: type-correct sample rows from the parent's DDL, the same on every run`, async () => {
      const first = typesProject();
      const second = typesProject();
      for (const dir of [first, second]) {
        const result = await initTests(loadProject(dir, {}), "int_p_all", { cases: 2, rows: 3, format });
        expect(result).toMatchObject({ table: "int_p_all", expected: { recorded: true } });
      }
      expect(files(second)).toEqual(files(first));

      const project = loadProject(first, {});
      const parent = project.tables.get("src_p_all")!.schema!;
      const columns = parent.columns.filter((c) => c.origin === "physical");
      const text = files(first)[`insert_src_p_all_2.${format}`]!;
      const use = { table: "src_p_all", columns, input: true };
      const read = format === "csv" ? readCsvRows(text, "f", use) : readYamlRows(text, "f", use);
      if ("kind" in read) throw new Error(read.message);
      const types = columns.map((c) => c.type);
      expect(read.rows.map((r) => showRow(r.values, types).key)).toEqual(
        [4, 5, 6].map(
          (n) =>
            showRow(
              columns.map((c) => sampleValue(c.type, c.name, n)),
              types,
            ).key,
        ),
      );

      // The recorded expectation of case 1 is the filter's answer (n > 1 keeps rows 2 and 3)...
      const expected = files(first)[`expected_int_p_all_1.${format}`]!;
      expect(expected).toContain("id_2");
      expect(expected).toContain("id_3");
      expect(expected).not.toContain("id_1");
      // ...and the scaffolded tests pass as written.
      const results = await runTests(project, [project.tables.get("int_p_all")!]);
      expect(results.map((r) => [r.test, r.status])).toEqual([
        ["test_int_p_all_1", "pass"],
        ["test_int_p_all_2", "pass"],
      ]);
    });
  }

  it("writes YAML for a table whose columns CSV cannot hold (MAP)", async () => {
    const dir = typesProject(", attrs MAP<STRING, INT>");
    const result = await initTests(loadProject(dir, {}), "int_p_all", { cases: 1, rows: 2, format: "csv" });
    expect("created" in result && result.created.map((f) => f.split("/").pop())).toEqual([
      "insert_src_p_all_1.yaml",
      "expected_int_p_all_1.yaml",
      "test_definitions.yaml",
    ]);
  });

  it("leaves only headers when the engine cannot run the table yet, and says why", async () => {
    const dir = unsupportedProject();
    const result = await initTests(loadProject(dir, {}), "p_fct_rises", { cases: 1, rows: 2, format: "csv" });
    expect(result).toMatchObject({
      expected: {
        recorded: false,
        why: "not supported by the engine yet: MATCH_RECOGNIZE (pipelines/facts/p/p_fct_rises/sql-scripts/dml.p_fct_rises.sql:2:33)",
      },
    });
    const tests = join(dir, "pipelines/facts/p/p_fct_rises/tests");
    expect(readFileSync(join(tests, "expected_p_fct_rises_1.csv"), "utf8")).toBe("id,first_v,last_v\n");
    expect(readFileSync(join(tests, "insert_src_p_events_1.csv"), "utf8")).toBe(
      "id,v,ts\nid_1,1,2024-01-01 00:01:00\nid_2,2,2024-01-01 00:02:00\n",
    );
  });

  it("refuses to overwrite existing tests", async () => {
    const result = await initTests(loadProject(join(FIXTURES, "shift-left-graph"), {}), "b", {
      cases: 1,
      rows: 1,
      format: "csv",
    });
    expect(result).toEqual({
      error: "pipelines/intermediates/p2/b/tests/test_definitions.yaml already exists",
    });
  });
});
