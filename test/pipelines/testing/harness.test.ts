import { describe, expect, it } from "vitest";
import { loadProject } from "../../../src/pipelines/project/load-project.ts";
import { runTests, tablesWithTests } from "../../../src/pipelines/testing/run-tests.ts";
import type { TestResult } from "../../../src/pipelines/testing/test-result.ts";
import { copyFixture, editFile, unsupportedProject, writeFile } from "./projects.ts";

async function run(dir: string, table?: string): Promise<TestResult[]> {
  const project = loadProject(dir, {});
  const tables = tablesWithTests(project, table ? { kind: "table", table } : { kind: "all" });
  if ("error" in tables) throw new Error(tables.error);
  return runTests(project, tables);
}

const B_TESTS = "pipelines/intermediates/p2/b/tests";
const ONE_CASE = (table: string, input: string, inputFile: string, outputFile: string) => `test_suite:
  - name: t1
    inputs:
      - table_name: ${input}
        file_name: ./tests/${inputFile}
    outputs:
      - table_name: ${table}
        file_name: ./tests/${outputFile}
`;

describe("unit-test harness", () => {
  it("a wrong expected row fails, with the missing and the unexpected row", async () => {
    const dir = copyFixture("shift-left-graph");
    editFile(dir, `${B_TESTS}/expected_b_1.yaml`, (t) => t.replace("banana", "cherry"));
    const [result] = await run(dir, "b");
    expect(result!.status).toBe("fail");
    const rows = result!.checks.find((c) => c.kind === "rows")!;
    expect(rows.passed).toBe(false);
    expect(rows.kind === "rows" && rows.diff.lines).toEqual([
      { mark: "-", cells: ["k1", "cherry"] },
      { mark: " ", cells: ["k3", "NULL"] },
      { mark: "+", cells: ["k1", "banana"] },
    ]);
    expect(rows.kind === "rows" && rows.diff.changed).toEqual([
      { key: "k1", column: "b_value", expected: "cherry", actual: "banana" },
    ]);
    // The changelog check of the same test still passes: each output is checked on its own.
    expect(result!.checks.find((c) => c.kind === "changelog")!.passed).toBe(true);
  });

  it("expected rows ignore order; an expected changelog does not", async () => {
    const dir = copyFixture("shift-left-graph");
    editFile(dir, `${B_TESTS}/expected_b_1.yaml`, (t) => t.split("\n").reverse().join("\n"));
    editFile(dir, `${B_TESTS}/expected_b_1_changelog.csv`, (t) =>
      t.replace("+I,k1,apple\n+I,k2,pear", "+I,k2,pear\n+I,k1,apple"),
    );
    const [result] = await run(dir, "b");
    expect(result!.checks.map((c) => [c.kind, c.passed])).toEqual([
      ["changelog", false],
      ["rows", true],
    ]);
    const changelog = result!.checks[0]!;
    expect(changelog.kind === "changelog" && changelog.diff.lines.slice(0, 3)).toEqual([
      { mark: "-", cells: ["+I", "k2", "pear"] },
      { mark: " ", cells: ["+I", "k1", "apple"] },
      { mark: "+", cells: ["+I", "k2", "pear"] },
    ]);
  });

  it("an expected file may name only some columns: the others are not compared", async () => {
    const dir = copyFixture("shift-left-graph");
    writeFile(dir, `${B_TESTS}/expected_b_1.yaml`, "- {default_key: k1}\n- {default_key: k3}\n");
    const [result] = await run(dir, "b");
    expect(result!.status).toBe("pass");
  });

  it("a validation query that does not return PASS fails and shows what it returned", async () => {
    const dir = copyFixture("shift-left-graph");
    editFile(dir, "pipelines/facts/p2/f/tests/validate_f_1.sql", (t) => t.replace("f-one", "f-two"));
    const [result] = await run(dir, "f");
    expect(result!.status).toBe("fail");
    expect(result!.checks[0]).toMatchObject({ kind: "validation", passed: false, rows: [["FAIL"]] });
  });

  it("reads SQL fixtures with the configured postfix as well as shift_left's _ut", async () => {
    const dir = copyFixture("shift-left-graph");
    editFile(dir, "headwater.yaml", (t) => `${t}tests:\n  post_fix_unit_test: _jb\n`);
    editFile(dir, "pipelines/facts/p2/f/tests/validate_f_1.sql", (t) => t.replace("FROM f_ut", "FROM f_jb"));
    const [result] = await run(dir, "f");
    expect(result!.status).toBe("pass");
  });

  it("points at the file, line and column of a bad fixture", async () => {
    const dir = copyFixture("retail");
    const lines = "pipelines/facts/sales/product_revenue/tests/insert_int_sales_order_lines_enriched_1.csv";
    editFile(dir, lines, (t) => t.replace("+I,o3,p2,games,3,", "+I,o3,p2,games,three,"));
    const orders = "pipelines/sources/sales/orders/tests/insert_raw_orders_1.yaml";
    editFile(dir, orders, (t) => t.replace("order_ts: 2024-03-02 09:15:00", "order_ts: yesterday"));
    const results = (await run(dir)).filter((r) => r.status !== "pass");
    expect(results.map((r) => r.error)).toEqual([
      `${lines}:5:16: column 'quantity': 'three' is not a INT`,
      `${orders}:10:46: column 'order_ts': 'yesterday' is not a TIMESTAMP(3)`,
    ]);
    expect(results.map((r) => r.status)).toEqual(["error", "error"]);
  });

  it("rejects a column the table does not have, and a table that is not a parent", async () => {
    const dir = copyFixture("shift-left-graph");
    editFile(dir, `${B_TESTS}/insert_src_b_1.csv`, (t) =>
      t.replace("op,default_key,b_value", "op,default_key,B_value"),
    );
    editFile(dir, "pipelines/intermediates/p2/c/tests/test_definitions.yaml", (t) =>
      t.replace("table_name: z", "table_name: src_z"),
    );
    const results = await run(dir);
    const byTable = Object.fromEntries(results.map((r) => [r.table, r.error]));
    expect(byTable.b).toBe(
      `${B_TESTS}/insert_src_b_1.csv:1:16: 'B_value' is not a column of src_b (did you mean 'b_value'? names are case-sensitive)`,
    );
    expect(byTable.c).toBe(
      "pipelines/intermediates/p2/c/tests/test_definitions.yaml:7:21: 'src_z' is not a parent of c (its parents: b, z)",
    );
  });

  it("reports a statement the engine cannot plan yet as an error, never a pass", async () => {
    const dir = unsupportedProject({
      "pipelines/facts/p/p_fct_rises/tests/test_definitions.yaml": ONE_CASE(
        "p_fct_rises",
        "src_p_events",
        "events.csv",
        "expected.csv",
      ),
      "pipelines/facts/p/p_fct_rises/tests/events.csv":
        "id,v,ts\na,1,2024-01-01 00:00:00\na,2,2024-01-01 00:00:01\n",
      "pipelines/facts/p/p_fct_rises/tests/expected.csv": "id,first_v,last_v\na,1,2\n",
    });
    const [result] = await run(dir);
    expect(result).toMatchObject({ status: "error", unsupported: true, checks: [] });
    expect(result!.error).toBe(
      "not supported by the engine yet: MATCH_RECOGNIZE (pipelines/facts/p/p_fct_rises/sql-scripts/dml.p_fct_rises.sql:2:33)",
    );
  });
});
