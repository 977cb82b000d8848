import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
const run = promisify(execFile);
const SCRIPT = `CREATE TABLE orders (id BIGINT, customer STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED);
INSERT INTO orders VALUES (1, 'ann', 12.50), (2, 'bob', 3.25), (1, 'ann', 13.00);
CREATE TABLE notes (msg STRING);
INSERT INTO notes VALUES ('hello');
`;

let dir: string;
let script: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "headwater-cli-"));
  script = join(dir, "script.sql");
  writeFileSync(script, SCRIPT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--no-warnings", main, ...args]);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe("headwater sql-endpoint", () => {
  it("serves the script's tables until SIGINT, then exits cleanly", async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      ["--no-warnings", main, "sql-endpoint", "-f", script, "--port", "0", "--json"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
      const started = JSON.parse(line) as { host: string; port: number; tables: string[]; auth: string };
      expect(started).toMatchObject({ host: "127.0.0.1", tables: ["orders", "notes"], auth: "none" });
      const client = new pg.Client({ host: started.host, port: started.port, user: "cli" });
      await client.connect();
      const rows = (
        await client.query("SELECT id, customer, amount FROM orders WHERE amount > $1 ORDER BY id", [5])
      ).rows;
      expect(rows).toEqual([{ id: "1", customer: "ann", amount: "13.00" }]);
      await client.end();
      const exited = once(child, "exit");
      child.kill("SIGINT");
      const [code] = (await exited) as [number];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("rejects an unknown table and a bad port with exit code 2", async () => {
    const unknown = await cli("sql-endpoint", "-f", script, "--tables", "orders,nope", "--port", "0");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown table 'nope'");
    const port = await cli("sql-endpoint", "-f", script, "--port", "http");
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("--port must be a port number");
  });

  it("stops with exit code 1 when the script has an error", async () => {
    const bad = join(dir, "bad.sql");
    writeFileSync(bad, "CREATE TABLE t (x INT);\nINSERT INTO t VALUES ('a', 'b');\n");
    const result = await cli("sql-endpoint", "-f", bad, "--port", "0");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("bad.sql:2");
  });
});

describe("headwater export", () => {
  it("writes a new Parquet version per run and prints its manifest", async () => {
    const out = join(dir, "exports");
    const first = await cli("export", "orders", "-f", script, "--out", out, "--json");
    const second = await cli("export", "orders", "-f", script, "--out", out, "--json");
    expect([first.code, second.code]).toEqual([0, 0]);
    const manifests = [JSON.parse(first.stdout), JSON.parse(second.stdout)];
    expect(manifests.map((m) => m.version)).toEqual([1, 2]);
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    for (const m of manifests) {
      const path = join(out, "orders", `v${m.version}`, m.file.path);
      expect(m.file.sha256).toBe(createHash("sha256").update(readFileSync(path)).digest("hex"));
      const rows = (
        await c.runAndReadAll(`SELECT id, customer, amount::VARCHAR FROM '${path}' ORDER BY id`)
      ).getRowsJson();
      expect(rows).toEqual([
        ["1", "ann", "13.00"],
        ["2", "bob", "3.25"],
      ]);
      expect(m.rowCount).toBe(2);
    }
    c.closeSync();
    const text = await cli("export", "notes", "-f", script, "--out", out, "--format", "csv");
    expect(text.stdout).toMatch(/^notes v1: 1 row at changelog offset 1\n/);
  });

  it("rejects an unknown format with exit code 2", async () => {
    const result = await cli("export", "orders", "-f", script, "--format", "xlsx");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--format must be one of parquet, csv, json");
  });
});
