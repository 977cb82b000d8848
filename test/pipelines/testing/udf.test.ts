import { describe, expect, it } from "vitest";
import { loadProject } from "../../../src/pipelines/project/load-project.ts";
import { runTests, tablesWithTests } from "../../../src/pipelines/testing/run-tests.ts";
import type { TestResult } from "../../../src/pipelines/testing/test-result.ts";
import { makeProject } from "./projects.ts";

// A project keeps its TypeScript UDFs in `functions/`; the DML creates them with a path relative to
// the project's root, and `headwater test` runs the statement with them.
const COUNT_CHAR = `export default {
  kind: "scalar",
  params: ["STRING", "STRING"],
  result: "BIGINT",
  eval: (s, c) => (typeof s === "string" && typeof c === "string" ? s.split(c).length - 1 : null),
};
`;

const SPLIT = `export const split = {
  kind: "table",
  params: ["STRING"],
  result: "ROW<word STRING>",
  *eval(line) {
    if (typeof line === "string") for (const w of line.split(" ")) yield [w];
  },
};
`;

function udfProject(dml: string, expected: string): string {
  return makeProject(
    {
      "sources/p/src_p_names": ["CREATE TABLE src_p_names (id INT, name STRING);"],
      "intermediates/p/int_p_counts": ["CREATE TABLE int_p_counts (id INT, word STRING, n BIGINT);", dml],
    },
    {
      "functions/count_char.ts": COUNT_CHAR,
      "functions/split.ts": SPLIT,
      "pipelines/intermediates/p/int_p_counts/tests/test_definitions.yaml": `test_suite:
  - name: test_counts
    inputs:
      - table_name: src_p_names
        file_name: ./tests/names.yaml
    outputs:
      - table_name: int_p_counts
        file_name: ./tests/expected.yaml
`,
      "pipelines/intermediates/p/int_p_counts/tests/names.yaml":
        "- { id: 1, name: banana split }\n- { id: 2, name: kiwi }\n",
      "pipelines/intermediates/p/int_p_counts/tests/expected.yaml": expected,
    },
  );
}

async function run(dir: string): Promise<TestResult[]> {
  const project = loadProject(dir, {});
  const tables = tablesWithTests(project, { kind: "table", table: "int_p_counts" });
  if ("error" in tables) throw new Error(tables.error);
  return runTests(project, tables);
}

const DML = `CREATE TEMPORARY FUNCTION count_char AS 'functions/count_char.ts' LANGUAGE TYPESCRIPT;
CREATE TEMPORARY FUNCTION split_words AS 'functions/split.ts#split' LANGUAGE TYPESCRIPT;

INSERT INTO int_p_counts
SELECT id, word, count_char(word, 'a') FROM src_p_names, LATERAL TABLE(split_words(name));
`;

describe("headwater test with user-defined functions", () => {
  it("runs a DML that creates and calls the project's scalar and table functions", async () => {
    const dir = udfProject(
      DML,
      "- { id: 1, word: banana, n: 3 }\n- { id: 1, word: split, n: 0 }\n- { id: 2, word: kiwi, n: 0 }\n",
    );
    const [result] = await run(dir);
    expect(result!.status).toBe("pass");
  });

  it("fails with the function's result when the expectation differs", async () => {
    const dir = udfProject(
      DML,
      "- { id: 1, word: banana, n: 2 }\n- { id: 1, word: split, n: 0 }\n- { id: 2, word: kiwi, n: 0 }\n",
    );
    const [result] = await run(dir);
    expect(result!.status).toBe("fail");
    const rows = result!.checks.find((c) => c.kind === "rows")!;
    const lines = rows.kind === "rows" ? rows.diff.lines : [];
    expect(lines.filter((l) => l.mark !== " ")).toEqual([
      { mark: "-", cells: ["1", "banana", "2"] },
      { mark: "+", cells: ["1", "banana", "3"] },
    ]);
  });

  it("a missing module is an error naming the module, not a pass", async () => {
    const dir = udfProject(
      DML.replace("functions/count_char.ts", "functions/nope.ts"),
      "- { id: 1, word: x, n: 0 }\n",
    );
    const [result] = await run(dir);
    expect(result!.status).toBe("error");
    expect(JSON.stringify(result)).toContain("module 'functions/nope.ts' does not exist");
  });
});
