import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectGoldenFile } from "../pipelines/golden.ts";

// `headwater sql -e/-f` as a user runs it: the real CLI in a child process. Its exact output is kept in
// golden files under test/cli/golden/sql-run (`UPDATE_GOLDEN=1 npx vitest run test/cli/sql-run.test.ts`
// rewrites them for review); the final rows are also checked against DuckDB running the same data.

const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
const GOLDEN = join(import.meta.dirname, "golden", "sql-run");

const sql = (...args: string[]) =>
  spawnSync(process.execPath, ["--no-warnings", main, "sql", ...args], { encoding: "utf8" });

/** The rows both engines load: orders with an event-time watermark, and the customers they join. */
const ROWS = `INSERT INTO orders VALUES
  (1, 'alice', 10.50, TIMESTAMP '2024-01-01 10:00:01'),
  (2, 'bob', 20.00, TIMESTAMP '2024-01-01 10:00:03'),
  (1, 'alice', 12.50, TIMESTAMP '2024-01-01 10:00:07'),
  (3, 'carol', 5.25, TIMESTAMP '2024-01-01 10:00:12'),
  (2, 'bob', 22.00, TIMESTAMP '2024-01-01 10:00:14'),
  (4, 'dave', 7.00, TIMESTAMP '2024-01-01 10:00:21');
INSERT INTO customers VALUES ('alice', 'Lyon'), ('bob', 'Oslo'), ('carol', 'Porto');
`;

const TABLES = `CREATE TABLE orders (
  order_id INT,
  customer STRING,
  amount DECIMAL(10, 2),
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
);
CREATE TABLE customers (customer STRING, city STRING);
${ROWS}`;

interface Query {
  readonly name: string;
  readonly flink: string;
  /** The same result computed by DuckDB, each column as the text Flink prints. */
  readonly duckdb: string;
}

const QUERIES: readonly Query[] = [
  {
    name: "values",
    flink:
      "SELECT * FROM (VALUES (1, 'a'), (2, CAST(NULL AS STRING)), (3, 'a much longer text than the tableau shows')) AS t(id, name);",
    duckdb:
      "SELECT * FROM (VALUES (1, 'a'), (2, NULL), (3, 'a much longer text than the tableau shows')) AS t(id, name)",
  },
  {
    name: "dedup",
    flink: `SELECT order_id, customer, amount, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY ts DESC) AS rn FROM orders
) WHERE rn = 1;`,
    duckdb: `SELECT order_id, customer, amount::VARCHAR, strftime(ts, '%Y-%m-%d %H:%M:%S.%g') FROM orders
      QUALIFY ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY ts DESC) = 1`,
  },
  {
    name: "join",
    flink:
      "SELECT o.order_id, o.customer, c.city, o.amount FROM orders AS o JOIN customers AS c ON o.customer = c.customer;",
    duckdb:
      "SELECT o.order_id, o.customer, c.city, o.amount::VARCHAR FROM orders AS o JOIN customers AS c ON o.customer = c.customer",
  },
  {
    name: "window",
    flink: `SELECT window_start, window_end, COUNT(*) AS orders, SUM(amount) AS revenue
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;`,
    duckdb: `SELECT strftime(time_bucket(INTERVAL '10 seconds', ts), '%Y-%m-%d %H:%M:%S.%g'),
      strftime(time_bucket(INTERVAL '10 seconds', ts) + INTERVAL '10 seconds', '%Y-%m-%d %H:%M:%S.%g'),
      COUNT(*), SUM(amount)::VARCHAR
      FROM orders GROUP BY 1, 2`,
  },
];

const FORMATS = ["table", "changelog", "csv", "json"] as const;
const EXT = { table: "txt", changelog: "txt", csv: "csv", json: "jsonl" } as const;

/** DuckDB's rows of a query as sorted `a,b,c` lines, NULL as an empty field. */
let oracle: (query: string) => Promise<string[]>;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run("CREATE TABLE orders (order_id INT, customer VARCHAR, amount DECIMAL(10, 2), ts TIMESTAMP)");
  await db.run("CREATE TABLE customers (customer VARCHAR, city VARCHAR)");
  await db.run(ROWS);
  oracle = async (query) => {
    const rows = (await db.runAndReadAll(query)).getRows();
    return rows.map((r) => r.map((v) => (v === null ? "" : String(v))).join(",")).sort();
  };
  afterAll(() => {
    db.closeSync();
    instance.closeSync();
  });
});

describe("headwater sql -e", () => {
  for (const format of FORMATS) {
    it(`prints a VALUES query, a deduplication, a join and a window aggregation as --format ${format}`, () => {
      const run = sql("--format", format, "-e", `${TABLES}${QUERIES.map((q) => q.flink).join("\n")}`);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expectGoldenFile(join(GOLDEN, `queries.${format}.golden.${EXT[format]}`), run.stdout);
    });
  }

  it("returns the rows DuckDB computes from the same data", async () => {
    for (const query of QUERIES) {
      const run = sql("--format", "csv", "-e", `${TABLES}${query.flink}`);
      expect(run.status, run.stderr).toBe(0);
      const [, ...rows] = run.stdout.trimEnd().split("\n");
      expect(rows.sort(), query.name).toEqual(await oracle(query.duckdb));
    }
  });
});

describe("headwater sql -f", () => {
  const dir = mkdtempSync(join(tmpdir(), "headwater-sql-run-"));

  it("runs DDL, INSERTs and SELECTs in order and prints only the queries", async () => {
    const script = join(dir, "totals.sql");
    writeFileSync(
      script,
      `${TABLES}
CREATE TABLE totals (customer STRING, orders BIGINT, spent DECIMAL(38, 2), PRIMARY KEY (customer) NOT ENFORCED);
INSERT INTO totals SELECT customer, COUNT(*), SUM(amount) FROM orders GROUP BY customer;
SELECT * FROM totals;
`,
    );
    const run = sql("-f", script);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expectGoldenFile(join(GOLDEN, "script.golden.txt"), run.stdout);
    const csv = sql("--format", "csv", "-f", script);
    expect(csv.stdout.trimEnd().split("\n").slice(1).sort()).toEqual(
      await oracle("SELECT customer, COUNT(*), SUM(amount)::VARCHAR FROM orders GROUP BY customer"),
    );
  });

  it("stops at a statement that cannot run: exit 1, its position on stderr, earlier results printed as they are", () => {
    const before = `${TABLES}SELECT order_id, city FROM orders JOIN customers ON orders.customer = customers.customer WHERE order_id = 3;`;
    const script = join(dir, "broken.sql");
    writeFileSync(script, `${before}\nSELECT order_id, nope FROM orders;\nSELECT 'never printed' AS x;\n`);
    const run = sql("-f", script);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(sql("-e", before).stdout);
    expectGoldenFile(join(GOLDEN, "broken.stderr.golden.txt"), run.stderr.replaceAll(dir, "<dir>"));
  });

  it("runs nothing of a script that does not parse", () => {
    const run = sql("-e", "SELECT 1 AS one;\nSELEC 2;\nSELECT 3 AS three;");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "<-e>:2:1: error: expected a statement but found 'SELEC'\n 2 | SELEC 2;\n   | ^^^^^\n",
    );
  });
});

describe("headwater sql: the command line", () => {
  it.each([
    [["--format", "pie", "-e", "SELECT 1;"], "--format must be one of table, changelog, csv, json"],
    [["--bogus", "-e", "SELECT 1;"], "unknown option '--bogus'"],
    [["-e", "SELECT 1;", "-f", "x.sql"], "not both"],
    [["--parallelism", "0", "-e", "SELECT 1;"], "--parallelism must be a positive integer, got '0'"],
    [["-f", "/no/such/script.sql"], "cannot read /no/such/script.sql: ENOENT"],
    [["-e"], "argument missing"],
  ])("exits 2 for %j", (args, message) => {
    const run = sql(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  });
});
