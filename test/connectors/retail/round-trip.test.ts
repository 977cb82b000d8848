import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import {
  columnIndex,
  generateRetail,
  malformedCount,
  RETAIL_SCHEMAS,
  type RetailDataSetName,
  type RetailEvent,
  type RetailReport,
  type RetailSchema,
  retailSchema,
  writeRetailFiles,
} from "../../../src/connectors/retail/index.ts";
import { parseCsv } from "./support.ts";

function duckType(type: string): string {
  if (type === "STRING") return "VARCHAR";
  if (type === "INT") return "INTEGER";
  return type.startsWith("TIMESTAMP") ? "TIMESTAMP" : type;
}

function columnsSpec(schema: RetailSchema): string {
  return `{${schema.columns.map((c) => `'${c.name}': '${duckType(c.type)}'`).join(", ")}}`;
}

let dir = "";
let report: RetailReport;
const events: RetailEvent[] = [];
const connection = DuckDBInstance.create().then((db) => db.connect());

async function scalar(sql: string): Promise<unknown> {
  const reader = await (await connection).runAndReadAll(sql);
  return reader.getRows()[0]![0];
}

/**
 * Loads a data set's CSV into a DuckDB table of the same name. Materialising every column matters:
 * DuckDB skips casting columns a query does not read, so a scan alone would keep rows whose bad
 * value sits in an unread column.
 */
async function load(name: RetailDataSetName, format: "csv" | "jsonl"): Promise<void> {
  const schema = retailSchema(name);
  const path = join(dir, schema.domain, `${name}.${format}`);
  const scan =
    format === "csv"
      ? `read_csv('${path}', header = true, ignore_errors = true, null_padding = false, columns = ${columnsSpec(schema)})`
      : `read_json('${path}', format = 'newline_delimited', ignore_errors = true, columns = ${columnsSpec(schema)})`;
  await (await connection).run(`CREATE OR REPLACE TABLE ${format}_${name} AS SELECT * FROM ${scan}`);
}

const csvScan = (name: RetailDataSetName) => `csv_${name}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "retail-round-trip-"));
  const generation = generateRetail({ customers: 3000, seed: 77, dirt: { malformedRate: 0.02 } });
  const tee = function* () {
    for (const e of generation) {
      events.push(e);
      yield e;
    }
  };
  await writeRetailFiles(dir, tee(), ["csv", "jsonl"]);
  report = generation.report;
  for (const schema of RETAIL_SCHEMAS) await load(schema.name, "csv");
  await load("support_tickets", "jsonl");
});

const wellFormed = (name: RetailDataSetName) =>
  events.filter((e) => e.dataSet === name && e.malformed === null);

describe("retail CSV round trip through DuckDB", () => {
  it("reads back every well-formed row and rejects every malformed one", async () => {
    for (const schema of RETAIL_SCHEMAS) {
      const count = Number(await scalar(`SELECT count(*) FROM ${csvScan(schema.name)}`));
      expect(count, schema.name).toBe(report.rows[schema.name] - malformedCount(report, schema.name));
    }
  });

  it("agrees with the generator on sums, NULLs and distinct keys", async () => {
    const tx = columnIndex("transactions");
    const total = wellFormed("transactions").reduce((s, e) => s + (e.row[tx.total_amount!] as bigint), 0n);
    expect(
      await scalar(`SELECT CAST(sum(total_amount) * 100 AS BIGINT) FROM ${csvScan("transactions")}`),
    ).toBe(total);
    const items = columnIndex("transaction_items");
    const quantity = wellFormed("transaction_items").reduce(
      (s, e) => s + (e.row[items.quantity!] as number),
      0,
    );
    expect(Number(await scalar(`SELECT sum(quantity) FROM ${csvScan("transaction_items")}`))).toBe(quantity);
    const noEmail = wellFormed("customers").filter((e) => e.row[3] === null).length;
    expect(
      Number(await scalar(`SELECT count(*) FILTER (WHERE email IS NULL) FROM ${csvScan("customers")}`)),
    ).toBe(noEmail);
    const ids = new Set(wellFormed("customers").map((e) => e.row[0])).size;
    expect(Number(await scalar(`SELECT count(DISTINCT customer_id) FROM ${csvScan("customers")}`))).toBe(ids);
    const lastSession = Math.max(...wellFormed("app_usage").map((e) => e.row[3] as number));
    expect(await scalar(`SELECT epoch_ms(max(session_start)) FROM ${csvScan("app_usage")}`)).toBe(
      BigInt(lastSession),
    );
  });

  it("writes RFC 4180 text that a strict reader splits into full records", async () => {
    const text = await readFile(join(dir, "customer", "customers.csv"), "utf8");
    const records = parseCsv(text).slice(1);
    const width = retailSchema("customers").columns.length;
    const short = records.filter((r) => r.length !== width).length;
    expect(short).toBe(report.malformed.customers.truncated);
  });
});

describe("retail JSON lines", () => {
  it("parses every line but the truncated ones, with exact decimals", async () => {
    const text = await readFile(join(dir, "sales", "transactions.jsonl"), "utf8");
    let broken = 0;
    let total = 0n;
    for (const line of text.trimEnd().split("\n")) {
      try {
        const record = JSON.parse(line) as Record<string, unknown>;
        const amount = /"total_amount":(-?\d+)\.(\d{2})[,}]/.exec(line);
        if (typeof record.total_amount === "number" && amount) total += BigInt(amount[1]! + amount[2]!);
      } catch {
        broken++;
      }
    }
    expect(broken).toBe(report.malformed.transactions.truncated);
    const tx = columnIndex("transactions");
    const expected = events
      .filter(
        (e) => e.dataSet === "transactions" && (e.malformed === null || e.malformed.kind === "bad_date"),
      )
      .reduce((s, e) => s + (e.row[tx.total_amount!] as bigint), 0n);
    const badTotals = events.filter(
      (e) =>
        e.dataSet === "transactions" &&
        e.malformed?.kind === "bad_number" &&
        e.malformed.column !== tx.total_amount,
    );
    expect(total).toBe(expected + badTotals.reduce((s, e) => s + (e.row[tx.total_amount!] as bigint), 0n));
  });

  it("reads back in DuckDB with the declared types", async () => {
    // DuckDB's JSON reader is lenient: a value that does not fit its type becomes NULL and a truncated
    // line becomes a row of NULLs, so the checks count those instead of rejected lines.
    expect(Number(await scalar("SELECT count(*) FROM jsonl_support_tickets"))).toBe(
      report.rows.support_tickets,
    );
    expect(
      Number(await scalar("SELECT count(*) FILTER (WHERE ticket_id IS NULL) FROM jsonl_support_tickets")),
    ).toBe(report.malformed.support_tickets.truncated);
    const score = columnIndex("support_tickets").satisfaction_score!;
    const expected = events
      .filter(
        (e) =>
          e.dataSet === "support_tickets" &&
          e.malformed?.kind !== "truncated" &&
          e.malformed?.column !== score,
      )
      .reduce((s, e) => s + ((e.row[score] as number | null) ?? 0), 0);
    expect(Number(await scalar("SELECT sum(satisfaction_score) FROM jsonl_support_tickets"))).toBe(expected);
  });
});
