// `headwater sql --parallelism N`: a script's statements run on N worker threads, print the results
// parallelism 1 prints, and the process exits when the script is done.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nexmarkTableSql } from "../../../src/connectors/nexmark/index.ts";

const main = join(import.meta.dirname, "..", "..", "..", "src", "cli", "main.ts");
const sql = (...args: string[]) =>
  spawnSync(process.execPath, ["--no-warnings", main, "sql", ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });

const SCRIPT = `${nexmarkTableSql({ "events.num": "5000" })};
SELECT event_type, COUNT(*) AS c FROM nexmark GROUP BY event_type;
SELECT bid.auction % 7 AS a, MAX(bid.price) AS m FROM nexmark WHERE event_type = 2 GROUP BY bid.auction % 7`;

describe("headwater sql --parallelism", () => {
  it("prints the results of parallelism 1 and exits 0", () => {
    const serial = sql("--format", "csv", "-e", SCRIPT);
    const parallel = sql("--format", "csv", "--parallelism", "2", "-e", SCRIPT);
    expect(serial.status).toBe(0);
    expect(parallel.status).toBe(0);
    const rows = (out: string) => out.trim().split("\n").sort();
    expect(rows(parallel.stdout)).toEqual(rows(serial.stdout));
    expect(parallel.stdout).toContain("2,4600");
  }, 240_000);

  it("rejects a parallelism that is not a positive integer with a usage error", () => {
    const { status, stderr } = sql("--parallelism", "two", "-e", "SELECT 1");
    expect(status).toBe(2);
    expect(stderr).toContain("--parallelism must be a positive integer, got 'two'");
  });
});
