import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/index.ts";
import {
  exportTable,
  listVersions,
  readManifest,
  versionPath,
} from "../../../src/serve/export/export-table.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "headwater-export-"));
  dirs.push(dir);
  return dir;
}

/** Reads a data file back with DuckDB's own readers. */
async function readBack(path: string, format: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  try {
    const reader = format === "parquet" ? "read_parquet" : format === "csv" ? "read_csv" : "read_json";
    return (
      await c.runAndReadAll(`SELECT * FROM ${reader}('${path}') ORDER BY 1`)
    ).getRowsJson() as unknown[][];
  } finally {
    c.closeSync();
  }
}

async function ordersEngine() {
  const engine = createEngine();
  await engine.execute(`CREATE TABLE orders (id BIGINT, customer STRING, amount DECIMAL(10, 2), placed TIMESTAMP(3),
      PRIMARY KEY (id) NOT ENFORCED);
    INSERT INTO orders VALUES (1, 'ann', 12.50, TIMESTAMP '2024-03-01 10:15:30.123'),
      (2, 'bob', -0.01, TIMESTAMP '1969-12-31 23:59:59.999')`);
  return engine;
}

describe("exportTable", () => {
  it("writes versioned Parquet snapshots whose manifests match the files, keeping earlier versions", async () => {
    const engine = await ordersEngine();
    const dir = tempDir();
    const first = await exportTable(engine.table("orders"), { format: "parquet", dir });
    await engine.execute(
      "INSERT INTO orders VALUES (3, 'cy', 7.00, TIMESTAMP '2024-03-02 00:00:00'), (1, 'ann', 13.00, TIMESTAMP '2024-03-01 10:15:30.123')",
    );
    const second = await exportTable(engine.table("orders"), { format: "parquet", dir });

    expect([first.version, second.version]).toEqual([1, 2]);
    expect(await listVersions(dir, "orders")).toEqual([1, 2]);
    expect((await readManifest(dir, "orders")).version).toBe(2);
    expect(readFileSync(join(dir, "orders", "latest"), "utf8")).toBe("v2\n");
    expect(first.schema).toEqual({
      columns: [
        { name: "id", type: "BIGINT NOT NULL", nullable: false },
        { name: "customer", type: "STRING", nullable: true },
        { name: "amount", type: "DECIMAL(10, 2)", nullable: true },
        { name: "placed", type: "TIMESTAMP(3)", nullable: true },
      ],
      primaryKey: ["id"],
    });
    expect(first.sourceOffset).toBe(2);
    expect(second.sourceOffset).toBe(engine.table("orders").endOffset);

    for (const [manifest, expected] of [
      [
        first,
        [
          [1, "ann", "12.50", "2024-03-01 10:15:30.123"],
          [2, "bob", "-0.01", "1969-12-31 23:59:59.999"],
        ],
      ],
      [
        second,
        [
          [1, "ann", "13.00", "2024-03-01 10:15:30.123"],
          [2, "bob", "-0.01", "1969-12-31 23:59:59.999"],
          [3, "cy", "7.00", "2024-03-02 00:00:00"],
        ],
      ],
    ] as const) {
      const path = join(versionPath(dir, "orders", manifest.version), manifest.file.path);
      const rows = await readBack(path, "parquet");
      expect(rows.map((r) => [Number(r[0]), r[1], r[2], r[3]])).toEqual(expected);
      expect(manifest.rowCount).toBe(expected.length);
      const bytes = readFileSync(path);
      expect(manifest.file.bytes).toBe(bytes.length);
      expect(manifest.file.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(await readManifest(dir, "orders", manifest.version)).toEqual(manifest);
      // Published files are read-only.
      expect(statSync(path).mode & 0o222).toBe(0);
    }
  });

  it("writes CSV with a header and JSON lines", async () => {
    const engine = await ordersEngine();
    const dir = tempDir();
    const csv = await exportTable(engine.table("orders"), { format: "csv", dir });
    const json = await exportTable(engine.table("orders"), { format: "json", dir, name: "orders_json" });
    const csvPath = join(versionPath(dir, "orders", csv.version), csv.file.path);
    expect(readFileSync(csvPath, "utf8").split("\n")[0]).toBe("id,customer,amount,placed");
    expect((await readBack(csvPath, "csv")).length).toBe(2);
    const jsonPath = join(versionPath(dir, "orders_json", json.version), json.file.path);
    const lines = readFileSync(jsonPath, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: 1, customer: "ann", amount: 12.5, placed: "2024-03-01 10:15:30.123" },
      { id: 2, customer: "bob", amount: -0.01, placed: "1969-12-31 23:59:59.999" },
    ]);
  });

  it("gives concurrent exports distinct versions", async () => {
    const engine = await ordersEngine();
    const dir = tempDir();
    const manifests = await Promise.all(
      [1, 2, 3].map(() => exportTable(engine.table("orders"), { format: "csv", dir })),
    );
    expect(manifests.map((m) => m.version).sort()).toEqual([1, 2, 3]);
    expect(readFileSync(join(dir, "orders", "latest"), "utf8")).toBe("v3\n");
  });

  it("refuses a name that is not a plain file name", async () => {
    const engine = await ordersEngine();
    await expect(
      exportTable(engine.table("orders"), { format: "csv", dir: tempDir(), name: "../x" }),
    ).rejects.toThrow(/must be a plain file name/);
  });
});
