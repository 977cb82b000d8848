import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../golden.ts";
import { copyFixture, editFile } from "./projects.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const NODE = join(ROOT, "node_modules", ".bin", "node");
const MAIN = join(ROOT, "src", "cli", "main.ts");

function headwater(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(NODE, ["--no-warnings", MAIN, ...args], { encoding: "utf8", cwd: tmpdir() });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe("headwater test", () => {
  it("runs every test of a project, prints each with its time and a summary, exit 0", () => {
    const result = headwater("test", "--all", "--project", join(FIXTURES, "shift-left-graph"));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.replace(/\(\d+\.\d+ ms\)/, "(… ms)"))).toEqual([
      "PASS   b › test_b_updates_and_deletes  (… ms)",
      "PASS   src_x › test_src_x_rows  (… ms)",
      "PASS   src_x › test_src_x_validation  (… ms)",
      "PASS   c › test_c_both_inputs  (… ms)",
      "PASS   f › test_f_1  (… ms)",
      expect.stringMatching(
        /^5 test\(s\): 5 passed, 0 failed — engine time \d+\.\d+ ms, wall time \d+\.\d+ ms$/,
      ),
    ]);
  });

  it("exit 1 with the diff when a test fails; --json for scripts", () => {
    const dir = copyFixture("shift-left-graph");
    editFile(dir, "pipelines/intermediates/p2/b/tests/expected_b_1.yaml", (t) =>
      t.replace("banana", "cherry"),
    );
    const text = headwater("test", "b", "--project", dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      [
        "       pipelines/intermediates/p2/b/tests/expected_b_1.yaml: rows of b (order ignored): 1 expected row(s) missing (-), 1 unexpected (+)",
        "           default_key | b_value",
        "         - k1          | cherry",
        "           k3          | NULL",
        "         + k1          | banana",
        "         key k1: b_value expected cherry, got banana",
      ].join("\n"),
    );
    const json = headwater("test", "--product", "p2", "--json", "--project", dir);
    expect(json.code).toBe(1);
    const run = JSON.parse(json.stdout) as { results: { table: string; status: string }[]; wall_ms: number };
    expect(run.wall_ms).toBeGreaterThan(0);
    const results = run.results;
    expect(results.map((r) => [r.table, r.status])).toEqual([
      ["b", "fail"],
      ["src_x", "pass"],
      ["src_x", "pass"],
      ["c", "pass"],
      ["f", "pass"],
    ]);
  });

  it("init scaffolds tests that then pass; usage errors exit 2", () => {
    const dir = copyFixture("retail");
    const init = headwater("test", "init", "src_customers_clicks", "--format", "yaml", "--project", dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("created pipelines/sources/customers/clicks/tests/test_definitions.yaml");
    expect(headwater("test", "src_customers_clicks", "--project", dir).code).toBe(0);
    expect(headwater("test", "--project", dir).code).toBe(2);
    expect(headwater("test", "b", "--all").code).toBe(2);
    expect(headwater("test", "init", "x", "--cases", "0").code).toBe(2);
    const missing = headwater("test", "raw_clicks", "--project", dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      "headwater: raw_clicks has no tests: create them with 'headwater test init raw_clicks'\n",
    );
    expect(headwater("test", "init", "--help").stdout).toContain("--rows");
  });
});
