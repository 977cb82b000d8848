import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderFinding } from "../../src/pipelines/project/findings.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";

/** A project from `{ "<layer>/<product>/<table>": [ddl, dml?] }`. */
function project(tables: Record<string, [string, string?]>): string {
  const dir = mkdtempSync(join(tmpdir(), "hw-project-"));
  for (const [path, [ddl, dml]] of Object.entries(tables)) {
    const name = path.split("/").pop()!;
    const scripts = join(dir, "pipelines", path, "sql-scripts");
    mkdirSync(scripts, { recursive: true });
    writeFileSync(join(scripts, `ddl.${name}.sql`), ddl);
    if (dml) writeFileSync(join(scripts, `dml.${name}.sql`), dml);
  }
  return dir;
}

const ddl = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (id STRING, v STRING);`;

describe("project loading", () => {
  it("reports a dependency cycle with its path", () => {
    const dir = project({
      "intermediates/p/t1": [ddl("t1"), "INSERT INTO t1 SELECT id, v FROM t2;"],
      "intermediates/p/t2": [ddl("t2"), "INSERT INTO t2 SELECT id, v FROM t1;"],
    });
    const loaded = loadProject(dir, {});
    expect(loaded.findings.map(renderFinding)).toEqual([
      "pipelines/intermediates/p/t1/sql-scripts/dml.t1.sql:1:1: error: tables depend on each other in a cycle: t1 → t2 → t1 [project/cycle]",
    ]);
  });

  it("keeps an undeclared table in the graph and says what to add", () => {
    const dir = project({
      "sources/p/src_p_a": [ddl("src_p_a"), "INSERT INTO src_p_a\nSELECT id, v FROM raw_a;"],
    });
    const loaded = loadProject(dir, {});
    expect(loaded.findings.map(renderFinding)).toEqual([
      "pipelines/sources/p/src_p_a/sql-scripts/dml.src_p_a.sql:2:19: error: 'src_p_a' reads table 'raw_a', which no table folder of the project declares; add its DDL (a source or seed table) [project/undeclared-table]",
    ]);
    expect(loaded.tables.get("raw_a")).toMatchObject({
      external: "undeclared",
      type: "external_kafka",
      children: ["src_p_a"],
    });
    expect(loaded.order).toEqual(["raw_a", "src_p_a"]);
  });

  it("binds DDL in dependency order (a view over a table declared later) and keeps going after errors", () => {
    const dir = project({
      "views/p/p_mv_a": ["CREATE VIEW p_mv_a AS SELECT id FROM src_p_z;"],
      "sources/p/src_p_z": [ddl("src_p_z"), "INSERT INTO src_p_z SELECT id, nope FROM src_p_z;"],
    });
    const loaded = loadProject(dir, {});
    expect(loaded.findings.map((f) => f.code)).toEqual(["bind/unknown-column"]);
    expect(loaded.tables.get("p_mv_a")!.parents).toEqual(["src_p_z"]);
    expect(loaded.tables.get("p_mv_a")!.type).toBe("view");
  });

  it("ignores CTEs that nothing reads and counts a shared CTE's joins once", () => {
    const dir = project({
      "sources/p/src_p_a": [ddl("src_p_a")],
      "facts/p/p_fct_a": [
        ddl("p_fct_a"),
        `INSERT INTO p_fct_a
         WITH unused AS (SELECT id, COUNT(*) AS n FROM src_p_a GROUP BY id),
              pairs AS (SELECT a.id, b.v FROM src_p_a AS a JOIN src_p_a AS b ON a.id = b.id)
         SELECT p1.id, p2.v FROM pairs AS p1 CROSS JOIN UNNEST(ARRAY[1]) AS u (n), pairs AS p2;`,
      ],
    });
    const t = loadProject(dir, {}).tables.get("p_fct_a")!;
    // The engine plans it now: the joins keep state, the unused CTE's GROUP BY does not appear.
    expect(t.state.findings.map((f) => f.reason).sort()).toEqual([
      "Join keeps every live row of both inputs",
    ]);
    expect(t.complexity.number_of_regular_joins).toBe(1);
  });
});
