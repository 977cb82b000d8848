import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
const shell = (input: string) =>
  spawnSync(process.execPath, ["--no-warnings", main, "sql"], { input, encoding: "utf8" });

describe("headwater sql (the shell)", () => {
  it("runs multi-line statements in one session, keeps INSERT jobs running, and switches result modes", () => {
    const { stdout, status } = shell(
      [
        "CREATE TABLE t (k STRING, v INT);",
        "INSERT INTO t",
        "  VALUES ('a', 1), ('a;', 2);",
        "CREATE TABLE totals (k STRING, s INT, PRIMARY KEY (k) NOT ENFORCED);",
        "INSERT INTO totals SELECT k, SUM(v) FROM t GROUP BY k;",
        "INSERT INTO t VALUES ('a', 10);",
        "SELECT * FROM totals;",
        "SET 'sql-client.execution.result-mode' = 'changelog';",
        "SELECT k, v FROM t WHERE k = 'a';",
        "QUIT;",
        "SELECT 'never run';",
      ].join("\n"),
    );
    expect(status).toBe(0);
    expect(stdout).toContain("| a; |  2 |");
    expect(stdout).toContain("|  a | 11 |");
    expect(stdout).toMatch(/\| \+I \| a \| {2}1 \|\n\| \+I \| a \| 10 \|/);
    expect(stdout).not.toContain("never run");
  });

  it("reports a bad statement once, goes on, and exits 1 when input is piped", () => {
    const { stdout, status } = shell(
      "SELECT nope;\nSELECT 1 AS one;\nSET 'sql-client.execution.result-mode' = 'pie';\n",
    );
    expect(stdout.match(/\[ERROR\]/g)).toHaveLength(2);
    expect(stdout).toContain("unknown column 'nope'");
    expect(stdout).toContain("| one |");
    expect(status).toBe(1);
  });
});
