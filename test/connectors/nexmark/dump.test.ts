import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import {
  AUCTION,
  BID,
  eventToJson,
  formatTimestamp,
  NexmarkGenerator,
  PERSON,
  writeNexmarkCsv,
  writeNexmarkJsonLines,
} from "../../../src/connectors/nexmark/index.ts";

const directory = mkdtempSync(join(tmpdir(), "nexmark-dump-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const generator = new NexmarkGenerator();
const range = { from: 100, count: 25_000 };
const rows = generator.generate(range.from, range.count);
const of = (type: number) => rows.filter((r) => r[0] === type).map((r) => r[type + 1] as SqlValue[]);

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const connection = await (await DuckDBInstance.create()).connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    connection.closeSync();
  }
}

describe("nexmark dump", () => {
  it("formats timestamps as yyyy-MM-dd HH:mm:ss.SSS in UTC", () => {
    expect(formatTimestamp(Date.UTC(2015, 6, 15, 1, 2, 3, 45))).toBe("2015-07-15 01:02:03.045");
  });

  it("writes one JSON object per event with the table's physical columns", () => {
    const path = join(directory, "events.jsonl");
    expect(writeNexmarkJsonLines(generator, path, range)).toBe(range.count);
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(range.count);
    expect(lines[0]).toBe(eventToJson(rows[0]!));
    const bidLine = lines.find((l) => l.startsWith('{"event_type":2'))!;
    const bid = JSON.parse(bidLine);
    expect(Object.keys(bid)).toEqual(["event_type", "person", "auction", "bid"]);
    expect(bid.person).toBeNull();
    expect(Object.keys(bid.bid)).toEqual([
      "auction",
      "bidder",
      "price",
      "channel",
      "url",
      "dateTime",
      "extra",
    ]);
    expect(bid.bid.dateTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
  });

  it("writes CSV files per entity that DuckDB reads back to the same values", async () => {
    const files = writeNexmarkCsv(generator, join(directory, "csv"), range);
    expect(files.counts).toEqual({
      person: of(PERSON).length,
      auction: of(AUCTION).length,
      bid: of(BID).length,
    });
    const read = (path: string, order: string) =>
      query(`SELECT * FROM read_csv('${path}', header = true, quote = '"', escape = '"') ORDER BY ${order}`);
    const bids = await read(files.bid, "dateTime, auction, bidder, price, extra");
    expect(bids).toHaveLength(files.counts.bid);
    const stats = await query(
      `SELECT any_value(typeof(dateTime)) AS t, sum(price)::DOUBLE AS total, count(DISTINCT url)::INTEGER AS urls FROM '${files.bid}'`,
    );
    const expectedTotal = of(BID).reduce((s, b) => s + (b[2] as number), 0);
    expect(stats[0]).toEqual({
      t: "TIMESTAMP",
      total: expectedTotal,
      urls: new Set(of(BID).map((b) => b[4])).size,
    });
    const people = await read(files.person, "id");
    expect(people.map((p) => [p.id, p.name, p.emailAddress, p.city, p.extra])).toEqual(
      of(PERSON).map((p) => [BigInt(p[0] as number), p[1], p[2], p[4], p[7]]),
    );
    const auctions = await read(files.auction, "id");
    expect(auctions.map((a) => [a.id, (a.expires as Date).getTime(), a.description])).toEqual(
      of(AUCTION).map((a) => [BigInt(a[0] as number), a[6], a[2]]),
    );
  });

  it("writes JSON lines that DuckDB reads as the nested nexmark schema", async () => {
    const path = join(directory, "events.jsonl");
    writeNexmarkJsonLines(generator, path, range);
    const counts = await query(
      `SELECT event_type, count(*)::INTEGER AS n, max(bid.price)::DOUBLE AS top FROM read_json('${path}', columns = {
        event_type: 'INTEGER',
        person: 'STRUCT(id BIGINT, name VARCHAR, dateTime TIMESTAMP)',
        auction: 'STRUCT(id BIGINT, expires TIMESTAMP)',
        bid: 'STRUCT(auction BIGINT, price BIGINT, dateTime TIMESTAMP)'
      }) GROUP BY event_type ORDER BY event_type`,
    );
    const topPrice = Math.max(...of(BID).map((b) => b[2] as number));
    expect(counts).toEqual([
      { event_type: 0, n: of(PERSON).length, top: null },
      { event_type: 1, n: of(AUCTION).length, top: null },
      { event_type: 2, n: of(BID).length, top: topPrice },
    ]);
  });
});
