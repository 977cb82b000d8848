// The generator connectors (datagen, nexmark) and the output-only ones (print, blackhole) through
// the engine: options checked as Flink's factories do, seeded and reproducible rows, Flink's print format.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import {
  BID,
  NexmarkGenerator,
  nexmarkTableSql,
  nexmarkViewsSql,
  writeNexmarkCsv,
} from "../../../src/connectors/nexmark/index.ts";
import {
  createEngine,
  type Engine,
  type QueryResult,
  type StatementResult,
} from "../../../src/engine/index.ts";

const T0 = Date.UTC(2026, 0, 1, 12);

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

function engine(print?: (line: string) => void): Engine {
  const e = createEngine({ clock: () => T0, ...(print ? { print } : {}) });
  engines.push(e);
  return e;
}

function query(result: StatementResult): QueryResult {
  if (result.kind !== "query") throw new Error(`expected a query result, got ${result.kind}`);
  return result;
}

const DATAGEN = `CREATE TABLE gen (
    id BIGINT, name STRING, score INT, price DECIMAL(8, 2), ts TIMESTAMP(3), flag BOOLEAN, tags ARRAY<INT>
  ) WITH (
    'connector' = 'datagen', 'number-of-rows' = '50',
    'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '1000',
    'fields.name.length' = '6', 'fields.score.min' = '10', 'fields.score.max' = '20',
    'fields.price.min' = '1', 'fields.price.max' = '5', 'fields.ts.max-past' = '1 h',
    'fields.tags.length' = '2'
  )`;

async function datagenRows(extra = ""): Promise<Row[]> {
  const e = engine();
  await e.execute(
    extra === ""
      ? DATAGEN
      : DATAGEN.replace("'connector' = 'datagen',", `'connector' = 'datagen', ${extra},`),
  );
  const result = query(await e.execute("SELECT * FROM gen"));
  await e.runBounded();
  return result.table();
}

describe("datagen", () => {
  it("generates number-of-rows rows within each field's options, the same in every run", async () => {
    const rows = await datagenRows();
    expect(rows).toHaveLength(50);
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (const [, name, score, price, ts, flag, tags] of rows) {
      expect(name).toMatch(/^[0-9a-f]{6}$/);
      expect(score as number).toBeGreaterThanOrEqual(10);
      expect(score as number).toBeLessThanOrEqual(20);
      expect(price as bigint).toBeGreaterThanOrEqual(100n);
      expect(price as bigint).toBeLessThanOrEqual(500n);
      expect(ts as number).toBeGreaterThan(T0 - 3_600_001);
      expect(ts as number).toBeLessThanOrEqual(T0);
      expect(typeof flag).toBe("boolean");
      expect(tags).toHaveLength(2);
    }
    // Not constant: a random column takes several values.
    expect(new Set(rows.map((r) => r[2])).size).toBeGreaterThan(3);
    expect(await datagenRows()).toEqual(rows);
  });

  it("gives other rows for another seed", async () => {
    const a = await datagenRows();
    const b = await datagenRows("'seed' = '7'");
    expect(b.map((r) => r[0])).toEqual(a.map((r) => r[0]));
    expect(b.map((r) => r[1])).not.toEqual(a.map((r) => r[1]));
  });

  it("ends a sequence-only table at the end of its sequence", async () => {
    const e = engine();
    await e.execute(
      "CREATE TABLE s (n INT, label STRING) WITH ('connector' = 'datagen', 'fields.n.kind' = 'sequence', 'fields.n.start' = '5', 'fields.n.end' = '9', 'fields.label.kind' = 'sequence', 'fields.label.start' = '100', 'fields.label.end' = '200')",
    );
    const result = query(await e.execute("SELECT n, label FROM s"));
    await e.runBounded();
    expect(result.status).toBe("finished");
    expect(result.table()).toEqual([
      [5, "100"],
      [6, "101"],
      [7, "102"],
      [8, "103"],
      [9, "104"],
    ]);
  });

  it("names the table and option for bad options", async () => {
    const e = engine();
    await expect(
      e.execute("CREATE TABLE g (a INT) WITH ('connector' = 'datagen', 'fields.b.min' = '1')"),
    ).rejects.toThrow("options 'fields.b.*' name no column of the table");
    await expect(
      e.execute("CREATE TABLE g (a INT) WITH ('connector' = 'datagen', 'fields.a.kind' = 'sequence')"),
    ).rejects.toThrow("'fields.a.start' and 'fields.a.end' are required for a sequence");
    await expect(
      e.execute("CREATE TABLE g (a INT) WITH ('connector' = 'datagen', 'rows-per-secnd' = '5')"),
    ).rejects.toThrow(
      "unsupported option 'rows-per-secnd' for connector 'datagen'; did you mean 'rows-per-second'?",
    );
    await expect(
      e.execute("CREATE TABLE g (a INT) WITH ('connector' = 'datagen', 'fields.a.maxx' = '5')"),
    ).rejects.toThrow("did you mean 'fields.a.max'?");
    await expect(
      e.execute("CREATE TABLE g (a STRING) WITH ('connector' = 'datagen', 'fields.a.min' = '5')"),
    ).rejects.toThrow("option 'fields.a.min' applies to random numeric fields only, not to VARCHAR");
  });

  it("paces rows-per-second in wall-clock time", async () => {
    const e = engine();
    await e.execute(
      "CREATE TABLE g (a INT) WITH ('connector' = 'datagen', 'rows-per-second' = '20', 'number-of-rows' = '30')",
    );
    const result = query(await e.execute("SELECT a FROM g"));
    // The first second's 20 rows come at once, the next 10 a second later.
    expect(result.table()).toHaveLength(20);
    const started = performance.now();
    await e.runBounded();
    expect(result.table()).toHaveLength(30);
    expect(performance.now() - started).toBeGreaterThan(500);
  });
});

describe("nexmark", () => {
  const OPTIONS = {
    "events.num": "3000",
    "first-event.rate": "500",
    "next-event.rate": "500",
    "bid.proportion": "40",
    "auction.proportion": "8",
    "person.proportion": "2",
    seed: "11",
  };

  it("emits the generator's events, and bids agree with DuckDB over the same events written to CSV", async () => {
    const e = engine();
    await e.execute(`${nexmarkTableSql(OPTIONS)}\n${nexmarkViewsSql()}`);
    const bids = query(await e.execute("SELECT auction, bidder, price, channel, `dateTime` FROM bid"));
    const perChannel = query(
      await e.execute(
        "SELECT channel, COUNT(*) AS n, SUM(price) AS total, MAX(bidder) AS top FROM bid GROUP BY channel",
      ),
    );
    await e.runBounded();
    const generator = NexmarkGenerator.fromWithOptions(OPTIONS);
    const expected = generator
      .generate(0, 3000)
      .filter((event) => event[0] === BID)
      .map((event) => {
        const bid = event[3] as Row;
        return [bid[0], bid[1], bid[2], bid[3], bid[5]];
      });
    expect(bids.table()).toEqual(expected);
    // The proportions reach the generator: 40 of every 50 events are bids.
    expect(expected).toHaveLength(2400);

    const dir = mkdtempSync(join(tmpdir(), "nexmark-connector-"));
    try {
      const files = writeNexmarkCsv(generator, dir, { count: 3000 });
      const duck = await (await DuckDBInstance.create(":memory:")).connect();
      const reader = await duck.runAndReadAll(
        `SELECT channel, COUNT(*), SUM(price), MAX(bidder) FROM read_csv('${files.bid}', header = true) GROUP BY channel`,
      );
      const theirs = reader.getRows().map((r) => [String(r[0]), Number(r[1]), Number(r[2]), Number(r[3])]);
      duck.closeSync();
      const ours = perChannel.table().map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[3])]);
      const byText = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
      expect(ours.sort(byText)).toEqual(theirs.sort(byText));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a table without the nexmark columns and unknown options, naming the table", async () => {
    const e = engine();
    await expect(e.execute("CREATE TABLE n (a INT) WITH ('connector' = 'nexmark')")).rejects.toThrow(
      "table 'default_catalog.default_database.n': a nexmark table has the physical columns event_type, person, auction, bid",
    );
    await expect(e.execute(nexmarkTableSql({ "events.nm": "5" }))).rejects.toThrow(
      "nexmark option 'events.nm' = '5': unsupported option; did you mean 'events.num'?",
    );
  });
});

describe("print and blackhole", () => {
  it("prints each change as Flink's print connector does, with its identifier", async () => {
    const lines: string[] = [];
    const e = engine((line) => lines.push(line));
    await e.execute(`CREATE TABLE out (k STRING, n BIGINT, ts TIMESTAMP(3), amount DECIMAL(5, 2), b BYTES)
        WITH ('connector' = 'print', 'print-identifier' = 'counts');
      INSERT INTO out SELECT k, COUNT(*), TIMESTAMP '2024-03-01 10:15:00', CAST(1.5 AS DECIMAL(5, 2)), x'01ff'
        FROM (VALUES ('a'), ('b'), ('a')) AS t(k) GROUP BY k;`);
    await e.runBounded();
    expect(lines).toEqual([
      "counts> +I[a, 1, 2024-03-01T10:15, 1.50, [1, -1]]",
      "counts> +I[b, 1, 2024-03-01T10:15, 1.50, [1, -1]]",
      "counts> -U[a, 1, 2024-03-01T10:15, 1.50, [1, -1]]",
      "counts> +U[a, 2, 2024-03-01T10:15, 1.50, [1, -1]]",
    ]);
  });

  it("discards into a blackhole, and a print table cannot be read", async () => {
    const e = engine();
    await e.execute(`CREATE TABLE sink (k STRING, n BIGINT) WITH ('connector' = 'blackhole');
      CREATE TABLE p (k STRING) WITH ('connector' = 'print');`);
    const insert = await e.execute(
      "INSERT INTO sink SELECT k, COUNT(*) FROM (VALUES ('a'), ('a')) AS t(k) GROUP BY k",
    );
    expect(insert.kind).toBe("insert");
    await expect(e.execute("SELECT * FROM p")).rejects.toThrow(
      "table 'default_catalog.default_database.p' cannot be read: connector 'print' only writes",
    );
  });
});
