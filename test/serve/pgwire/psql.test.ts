import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDERS, type Served, serveOrders } from "./fixture.ts";

const PSQL = "/usr/bin/psql";
const run = promisify(execFile);

/** psql's unaligned, tuples-only output of each -c command, against the test endpoint. */
async function psql(
  served: Served,
  ...commands: string[]
): Promise<{ stdout: string; stderr: string; code: number }> {
  const args = [
    `host=127.0.0.1 port=${served.endpoint.port} user=tester dbname=headwater`,
    "-X",
    "-A",
    "-F",
    "|",
  ];
  for (const c of commands) args.push("-c", c);
  try {
    const { stdout, stderr } = await run(PSQL, args, { env: { ...process.env, PGCONNECT_TIMEOUT: "5" } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe.skipIf(!existsSync(PSQL))("psql against the SQL endpoint (skipped without /usr/bin/psql)", () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveOrders();
  });
  afterAll(() => served.endpoint.close());

  it("runs a SELECT and prints every value as PostgreSQL would", async () => {
    const { stdout, code } = await psql(served, "SELECT * FROM orders ORDER BY id");
    expect(code).toBe(0);
    const arrayText = (tags: readonly string[]): string =>
      `{${tags.map((t) => (t === "" || t === "NULL" || /[{}",\\\s]/.test(t) ? `"${t.replace(/["\\]/g, "\\$&")}"` : t)).join(",")}}`;
    const expected = ORDERS.map((r) =>
      r
        .map((v) =>
          v === null
            ? ""
            : typeof v === "boolean"
              ? v
                ? "t"
                : "f"
              : Array.isArray(v)
                ? arrayText(v)
                : String(v),
        )
        .join("|"),
    );
    expect(stdout.trim().split("\n")).toEqual([
      "id|customer|amount|placed|day|paid|tags",
      ...expected,
      `(${ORDERS.length} rows)`,
    ]);
  });

  it("lists tables with \\dt and describes one with \\d", async () => {
    const list = await psql(served, "\\dt");
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split("\n")).toEqual([
      "List of relations",
      "Schema|Name|Type|Owner",
      "main|events|table|headwater",
      "main|orders|table|headwater",
      "(2 rows)",
    ]);
    const table = await psql(served, "\\d orders");
    expect(table.code).toBe(0);
    expect(table.stdout.trim().split("\n")).toEqual([
      'Table "main.orders"',
      "Column|Type|Collation|Nullable|Default",
      "id|bigint||not null|",
      "customer|text|||",
      "amount|numeric(10,2)|||",
      "placed|timestamp without time zone|||",
      "day|date|||",
      "paid|boolean|||",
      "tags|text[]|||",
      "Indexes:",
      '    "orders_pkey" PRIMARY KEY, btree (id)',
    ]);
    const all = await psql(served, "\\d");
    expect(all.stdout).toContain("main|orders|table|headwater");
  });

  it("shows an error with its position under the offending word", async () => {
    const { stderr, code } = await psql(served, "SELECT id, nope FROM orders");
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines[0]).toBe('ERROR:  column "nope" does not exist');
    expect(lines[1]).toBe("LINE 1: SELECT id, nope FROM orders");
    expect(lines[2]!.indexOf("^")).toBe("LINE 1: SELECT id, ".length);
  });

  it("runs several statements of one query string and stops at the first error", async () => {
    const ok = await psql(served, "SELECT count(*) FROM orders; SELECT max(id) AS top FROM orders");
    expect(ok.stdout.trim().split("\n")).toEqual([
      "count",
      String(ORDERS.length),
      "(1 row)",
      "top",
      "4",
      "(1 row)",
    ]);
    const failing = await psql(served, "SELECT 1 AS a; SELECT * FROM missing; SELECT 3 AS c");
    expect(failing.stdout.trim().split("\n")).toEqual(["a", "1", "(1 row)"]);
    expect(failing.stderr).toContain('ERROR:  relation "missing" does not exist');
    // The position counts from the start of the whole query string.
    expect(failing.stderr).toContain("LINE 1: SELECT 1 AS a; SELECT * FROM missing; SELECT 3 AS c");
  });

  it("answers version(), SET and SHOW as PostgreSQL does", async () => {
    const { stdout } = await psql(
      served,
      "SELECT version()",
      "SET TimeZone = 'Asia/Kolkata'",
      "SHOW TimeZone",
    );
    const lines = stdout.trim().split("\n");
    expect(lines[1]).toMatch(/^PostgreSQL 15\.0 /);
    expect(lines).toContain("SET");
    expect(lines.slice(-2)).toEqual(["Asia/Kolkata", "(1 row)"]);
  });

  it("refuses writes", async () => {
    const { stderr, code } = await psql(served, "DELETE FROM orders");
    expect(code).toBe(1);
    expect(stderr).toContain("ERROR:  cannot execute DELETE in a read-only transaction");
  });
});
