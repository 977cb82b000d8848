// Files loaded into a topic by `headwater topic produce --file`: a Parquet file's rows become JSON
// values (keyed by a column when asked), which a json table over the topic reads back as DuckDB
// reads the file.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { recordsFromFile } from "../../../src/connectors/topics/index.ts";
import { StoreTopics } from "../../../src/connectors/topics/store-topics.ts";
import { createEngine } from "../../../src/engine/index.ts";
import { tempDir } from "../../store/temp-dir.ts";

const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

async function writeParquet(file: string): Promise<string[][]> {
  const duck = await (await DuckDBInstance.create(":memory:")).connect();
  await duck.run(
    `COPY (SELECT i AS id, 'c' || (i % 3) AS customer, CAST(i * 2.5 AS DECIMAL(10, 2)) AS amount,
                  DATE '2024-01-01' + CAST(i AS INTEGER) AS day
           FROM range(1, 101) t(i)) TO '${file}' (FORMAT PARQUET)`,
  );
  const oracle = await duck.runAndReadAll(
    `SELECT customer, CAST(SUM(amount) AS VARCHAR), CAST(MAX(day) AS VARCHAR) FROM read_parquet('${file}') GROUP BY customer ORDER BY customer`,
  );
  duck.closeSync();
  return oracle.getRows().map((r) => r.map(String));
}

describe("loading Parquet files into a topic", () => {
  it("produces each row as a JSON object, keyed by a column", async () => {
    const file = path.join(tempDir(), "orders.parquet");
    await writeParquet(file);
    const records = await recordsFromFile(file, { format: "parquet", header: false, keyField: "customer" });
    expect(records).toHaveLength(100);
    expect(text(records[0]!.key)).toBe("c1");
    expect(JSON.parse(text(records[0]!.value)!)).toEqual({
      id: 1,
      customer: "c1",
      amount: 2.5,
      day: "2024-01-02",
    });
  });

  it("gives rows a json table reads as DuckDB reads the file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "orders.parquet");
    const oracle = await writeParquet(file);
    const store = path.join(dir, "store");
    const topics = new StoreTopics(store);
    await topics.create("orders", { partitions: 2, compact: false, retentionMs: null });
    await topics.produce("orders", await recordsFromFile(file, { format: "parquet", header: false }));
    await topics.close();
    const engine = createEngine({ storeDir: store });
    try {
      await engine.execute(
        "CREATE TABLE orders (id BIGINT, customer STRING, amount DECIMAL(10, 2), day DATE) WITH ('value.format' = 'json')",
      );
      const result = await engine.execute(
        "SELECT customer, SUM(amount) AS total, MAX(day) AS last_day FROM orders GROUP BY customer",
      );
      await engine.runBounded();
      if (result.kind !== "query") throw new Error("expected a query");
      const ours = result
        .table()
        .map((r) => [
          r[0],
          (Number(r[1]) / 100).toFixed(2),
          new Date((r[2] as number) * 86_400_000).toISOString().slice(0, 10),
        ])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(ours).toEqual(oracle);
    } finally {
      await engine.close();
    }
  });

  it("says which file and column are wrong", async () => {
    const file = path.join(tempDir(), "orders.parquet");
    await writeParquet(file);
    await expect(
      recordsFromFile(file, { format: "parquet", header: false, keyField: "nope" }),
    ).rejects.toThrow(
      `${file}: the file has no column 'nope' for the key (columns: id, customer, amount, day)`,
    );
    const csvFile = path.join(tempDir(), "not.parquet");
    fs.writeFileSync(csvFile, "a,b\n");
    await expect(recordsFromFile(csvFile, { format: "parquet", header: false })).rejects.toThrow(
      `${csvFile}: not a readable Parquet file`,
    );
  });
});
