// Flink's dynamic table options: `/*+ OPTIONS('k' = 'v') */` after a table overrides its WITH options
// for one scan or one INSERT, validated by the connector like WITH options, refused when
// 'table.dynamic-table-options.enabled' is false.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  createEngine,
  type Engine,
  type QueryResult,
  type StatementResult,
} from "../../../src/engine/index.ts";
import { tempDir } from "../../store/temp-dir.ts";

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

function engine(options: Parameters<typeof createEngine>[0] = {}): Engine {
  const e = createEngine({ clock: () => Date.UTC(2026, 0, 1), ...options });
  engines.push(e);
  return e;
}

function query(result: StatementResult): QueryResult {
  if (result.kind !== "query") throw new Error(`expected a query result, got ${result.kind}`);
  return result;
}

async function rows(e: Engine, sql: string) {
  const result = query(await e.execute(sql));
  await e.runBounded();
  return result.table();
}

const fsTable = (name: string, dir: string) =>
  `CREATE TABLE ${name} (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = '${dir}', 'format' = 'csv')`;

describe("OPTIONS hints", () => {
  it("override a scan's options for that scan only", async () => {
    const a = tempDir();
    const b = tempDir();
    fs.writeFileSync(path.join(a, "a.csv"), "1,ann\n");
    fs.writeFileSync(path.join(b, "b.csv"), "2,bob\n3,cyd\n");
    const e = engine();
    await e.execute(fsTable("people", a));
    expect(await rows(e, `SELECT * FROM people /*+ OPTIONS('path' = '${b}') */`)).toEqual([
      [2, "bob"],
      [3, "cyd"],
    ]);
    expect(await rows(e, "SELECT * FROM people")).toEqual([[1, "ann"]]);
    // Two OPTIONS hints merge; the later value of a key wins.
    expect(
      await rows(
        e,
        `SELECT COUNT(*) FROM people /*+ OPTIONS('path' = '/nonexistent'), OPTIONS('path' = '${b}') */`,
      ),
    ).toEqual([[2]]);
  });

  it("override a generator's options in a join of two scans of one table", async () => {
    const e = engine();
    await e.execute(
      "CREATE TABLE gen (n BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '5', 'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '100')",
    );
    expect(await rows(e, "SELECT COUNT(*), MAX(n) FROM gen /*+ OPTIONS('number-of-rows' = '3') */")).toEqual([
      [3, 3],
    ]);
    expect(await rows(e, "SELECT COUNT(*) FROM gen")).toEqual([[5]]);
  });

  it("override a sink's options for that INSERT", async () => {
    const base = tempDir();
    const other = path.join(tempDir(), "elsewhere");
    const e = engine();
    await e.execute(fsTable("out", path.join(base, "out")));
    await e.execute(`INSERT INTO out /*+ OPTIONS('path' = '${other}') */ VALUES (7, 'gus')`);
    await e.runBounded();
    const written = fs.readdirSync(other).filter((f) => f.startsWith("part-"));
    expect(written).toHaveLength(1);
    expect(fs.readFileSync(path.join(other, written[0]!), "utf8")).toBe("7,gus\n");
    expect(fs.existsSync(path.join(base, "out"))).toBe(false);
  });

  it("keep an in-memory table's rows (hints do not make it another table)", async () => {
    const e = engine();
    await e.execute("CREATE TABLE t (k STRING, v INT); INSERT INTO t VALUES ('a', 1), ('b', 2);");
    await e.runBounded();
    expect(
      await rows(e, "SELECT k, v FROM t /*+ OPTIONS('scan.startup.mode' = 'earliest-offset') */"),
    ).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });

  it("are validated by the connector, reported at the hint", async () => {
    const e = engine();
    await e.execute(fsTable("people", tempDir()));
    await expect(e.execute("SELECT * FROM people /*+ OPTIONS('pathh' = '/tmp') */")).rejects.toThrow(
      /OPTIONS hint: .*people'.*'pathh'[\s\S]*did you mean 'path'[\s\S]*\^/,
    );
    await expect(
      e.execute("SELECT * FROM people /*+ OPTIONS('source.monitor-interval' = 'soon') */"),
    ).rejects.toThrow(/OPTIONS hint: .*'source.monitor-interval'.*'soon'/);
  });

  it("are refused when table.dynamic-table-options.enabled is false, and on views", async () => {
    const e = engine();
    await e.execute(fsTable("people", tempDir()));
    await e.execute("CREATE VIEW v AS SELECT * FROM people");
    await expect(e.execute("SELECT * FROM v /*+ OPTIONS('path' = '/tmp') */")).rejects.toThrow(
      "view 'default_catalog.default_database.v' cannot be enriched with new options",
    );
    await expect(e.execute("SET 'table.dynamic-table-options.enabled' = 'maybe'")).rejects.toThrow(
      "expected 'true' or 'false'",
    );
    await e.execute("SET 'table.dynamic-table-options.enabled' = 'false'");
    await expect(e.execute("SELECT * FROM people /*+ OPTIONS('path' = '/tmp') */")).rejects.toThrow(
      "OPTIONS hint is allowed only when table.dynamic-table-options.enabled is set to true",
    );
    // Other hints are not options and stay allowed.
    expect(await rows(e, "SELECT * FROM people /*+ STATE_TTL('people' = '1d') */")).toEqual([]);
  });
});
