// Flink's filesystem connector over local directories: files read in path order (hidden ones
// skipped), new files picked up with source.monitor-interval, part files written and committed,
// Parquet read through DuckDB.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, describe, expect, it } from "vitest";
import {
  createEngine,
  type Engine,
  type QueryResult,
  type StatementResult,
} from "../../../src/engine/index.ts";
import { tempDir } from "../../store/temp-dir.ts";

const T0 = Date.UTC(2026, 0, 1);

function query(result: StatementResult): QueryResult {
  if (result.kind !== "query") throw new Error(`expected a query result, got ${result.kind}`);
  return result;
}

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

function engine(): Engine {
  const e = createEngine({ clock: () => T0 });
  engines.push(e);
  return e;
}

const fsTable = (name: string, dir: string, format: string, extra = "", columns = "id INT, name STRING") =>
  `CREATE TABLE ${name} (${columns}) WITH ('connector' = 'filesystem', 'path' = '${dir}', 'format' = '${format}'${extra})`;

describe("filesystem source", () => {
  it("reads every data file of a directory in path order, skipping hidden files, with file metadata", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "b.csv"), '3,"cyd, jr"\n4,"multi\nline"\n');
    fs.writeFileSync(path.join(dir, "a.csv"), "1,ann\n2,bob\n\n");
    fs.writeFileSync(path.join(dir, ".part-x.inprogress"), "9,hidden\n");
    fs.writeFileSync(path.join(dir, "_SUCCESS"), "");
    const e = engine();
    await e.execute(
      fsTable("people", dir, "csv", "", "id INT, name STRING, file STRING METADATA FROM 'file.name' VIRTUAL"),
    );
    const result = query(await e.execute("SELECT id, name, file FROM people"));
    await e.runBounded();
    expect(result.status).toBe("finished");
    expect(result.table()).toEqual([
      [1, "ann", "a.csv"],
      [2, "bob", "a.csv"],
      [3, "cyd, jr", "b.csv"],
      [4, "multi\nline", "b.csv"],
    ]);
  });

  it("picks up new files while a query runs with source.monitor-interval", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "1.json"), '{"id": 1, "name": "ann"}\n');
    const e = engine();
    await e.execute(fsTable("events", dir, "json", ", 'source.monitor-interval' = '50 ms'"));
    const counts = query(await e.execute("SELECT COUNT(*) AS n, MAX(id) AS top FROM events"));
    expect(counts.table()).toEqual([[1, 1]]);
    fs.writeFileSync(path.join(dir, "2.json"), '{"id": 2, "name": "bob"}\n{"id": 3, "name": "cyd"}\n');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && counts.table()[0]?.[0] !== 3) await new Promise((r) => setTimeout(r, 20));
    expect(counts.table()).toEqual([[3, 3]]);
    expect(counts.status).toBe("running");
    await e.runBounded();
    expect(counts.status).toBe("finished");
  });

  it("logs a malformed line with its file and line to the dead-letter table", async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, "e.json"),
      '{"id": 1, "name": "ann"}\n{"id": 2, "name": \n{"id": 3, "name": "cyd"}\n',
    );
    const e = engine();
    await e.execute(fsTable("events", dir, "json", ", 'error-handling.mode' = 'log'"));
    const rows = query(await e.execute("SELECT id FROM events"));
    await e.runBounded();
    expect(rows.table()).toEqual([[1], [3]]);
    const letters = query(
      await e.execute("SELECT error_details['file'], error_details['line'] FROM error_log"),
    );
    await e.runBounded();
    expect(letters.table()).toEqual([[path.join(dir, "e.json"), "2"]]);
  });

  it("fails on a missing path and an unsupported format, naming the table", async () => {
    const e = engine();
    await e.execute(fsTable("nowhere", "/nonexistent/headwater", "csv"));
    await expect(e.execute("SELECT * FROM nowhere")).rejects.toThrow(
      "table 'default_catalog.default_database.nowhere': path '/nonexistent/headwater' does not exist",
    );
    await expect(e.execute(fsTable("av", tempDir(), "avro"))).rejects.toThrow(
      "format 'avro' is not supported by the filesystem connector",
    );
  });
});

describe("filesystem sink", () => {
  it("writes part files, hidden until committed, that a filesystem source reads back", async () => {
    const dir = path.join(tempDir(), "out");
    const e = engine();
    await e.execute(`${fsTable("out", dir, "json")};
      INSERT INTO out VALUES (1, 'ann'), (2, 'bob');`);
    await e.runBounded();
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^part-[0-9a-f-]+-0-0$/);
    expect(fs.readFileSync(path.join(dir, files[0]!), "utf8")).toBe(
      '{"id":1,"name":"ann"}\n{"id":2,"name":"bob"}\n',
    );
    await e.execute(fsTable("back", dir, "json"));
    const back = query(await e.execute("SELECT * FROM back"));
    await e.runBounded();
    expect(back.table()).toEqual([
      [1, "ann"],
      [2, "bob"],
    ]);
  });
});

describe("parquet", () => {
  it("reads Parquet files as DuckDB wrote them", async () => {
    const dir = tempDir();
    const file = path.join(dir, "orders.parquet");
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    await duck.run(
      `COPY (SELECT i AS id, 'c' || (i % 3) AS customer, CAST(i * 1.25 AS DECIMAL(10, 2)) AS amount, DATE '2024-01-01' + CAST(i AS INTEGER) AS day
             FROM range(1, 6) t(i)) TO '${file}' (FORMAT PARQUET)`,
    );
    const oracle = (
      await duck.runAndReadAll(
        `SELECT customer, SUM(amount), COUNT(*) FROM read_parquet('${file}') GROUP BY customer ORDER BY customer`,
      )
    )
      .getRows()
      .map((r) => [String(r[0]), String(r[1]), Number(r[2])]);
    duck.closeSync();
    const e = engine();
    await e.execute(
      fsTable("orders", dir, "parquet", "", "id BIGINT, customer STRING, amount DECIMAL(10, 2), day DATE"),
    );
    const rows = query(await e.execute("SELECT id, customer, amount, day FROM orders"));
    const sums = query(
      await e.execute("SELECT customer, SUM(amount), COUNT(*) FROM orders GROUP BY customer"),
    );
    await e.runBounded();
    expect(rows.table()[0]).toEqual([1, "c1", 125n, 19724]);
    expect(rows.table()).toHaveLength(5);
    const ours = sums
      .table()
      .map((r) => [r[0], (Number(r[1]) / 100).toFixed(2), Number(r[2])])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(ours).toEqual(oracle);
  });

  it("writes Parquet part files, committed when the input ends, that DuckDB and the source read back", async () => {
    const dir = path.join(tempDir(), "out");
    const columns =
      "id BIGINT, customer STRING, amount DECIMAL(10, 2), day DATE, ts TIMESTAMP(3), ok BOOLEAN, tags ARRAY<INT>";
    const e = engine();
    await e.execute(`${fsTable("pq", dir, "parquet", "", columns)};
      INSERT INTO pq VALUES
        (1, 'ann', 12.50, DATE '2024-02-29', TIMESTAMP '2024-02-29 12:34:56.789', TRUE, ARRAY[1, 2]),
        (2, CAST(NULL AS STRING), -0.01, DATE '1969-12-31', TIMESTAMP '1970-01-01 00:00:00.001', FALSE, ARRAY[3]);`);
    await e.runBounded();
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^part-[0-9a-f-]+-0-0$/);
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    const read = await duck.runAndReadAll(
      `SELECT id, customer, CAST(amount AS VARCHAR), CAST(day AS VARCHAR), CAST(ts AS VARCHAR), ok, CAST(tags AS VARCHAR), typeof(amount)
         FROM read_parquet('${path.join(dir, files[0]!)}') ORDER BY id`,
    );
    duck.closeSync();
    expect(read.getRows().map((r) => r.map((v) => (typeof v === "bigint" ? Number(v) : v)))).toEqual([
      [1, "ann", "12.50", "2024-02-29", "2024-02-29 12:34:56.789", true, "[1, 2]", "DECIMAL(10,2)"],
      [2, null, "-0.01", "1969-12-31", "1970-01-01 00:00:00.001", false, "[3]", "DECIMAL(10,2)"],
    ]);
    await e.execute(
      fsTable("back", dir, "parquet", "", "id BIGINT, customer STRING, amount DECIMAL(10, 2), day DATE"),
    );
    const back = query(await e.execute("SELECT id, customer, amount, day FROM back"));
    await e.runBounded();
    expect(back.table()).toEqual([
      [1, "ann", 1250n, 19782],
      [2, null, -1n, -1],
    ]);
  });

  it("rolls Parquet part files at sink.rolling-policy.file-size, no row lost or repeated", async () => {
    const dir = path.join(tempDir(), "rolled");
    const e = engine();
    await e.execute(`
      CREATE TABLE gen (id BIGINT, name STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '3000',
        'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '3000', 'fields.name.length' = '20');
      ${fsTable("rolled", dir, "parquet", ", 'sink.rolling-policy.file-size' = '16kb'", "id BIGINT, name STRING")};
      INSERT INTO rolled SELECT id, name FROM gen;`);
    await e.runBounded();
    const files = fs.readdirSync(dir);
    expect(files.every((f) => /^part-[0-9a-f-]+-0-\d+$/.test(f))).toBe(true);
    // 3000 rows of about 28 bytes: six parts of up to 16 KiB.
    expect(files).toHaveLength(6);
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    const totals = await duck.runAndReadAll(
      `SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM read_parquet('${dir}/part-*')`,
    );
    duck.closeSync();
    expect(totals.getRows()[0]!.map(Number)).toEqual([3000, 3000, 1, 3000]);
  });
});
