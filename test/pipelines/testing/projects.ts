import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FIXTURES } from "../golden.ts";

/** A copy of a fixture project in a temporary folder, to edit. */
export function copyFixture(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "hw-testkit-")), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** A project from `{ "<layer>/<product>/<table>": [ddl, dml?] }` plus extra files by project path. */
export function makeProject(
  tables: Record<string, [string, string?]>,
  files: Record<string, string> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), "hw-testkit-"));
  for (const [path, [ddl, dml]] of Object.entries(tables)) {
    const name = path.split("/").pop()!;
    const scripts = join(dir, "pipelines", path, "sql-scripts");
    mkdirSync(scripts, { recursive: true });
    writeFileSync(join(scripts, `ddl.${name}.sql`), ddl);
    if (dml) writeFileSync(join(scripts, `dml.${name}.sql`), dml);
  }
  for (const [path, text] of Object.entries(files)) writeFile(dir, path, text);
  return dir;
}

export function writeFile(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

export function editFile(dir: string, path: string, edit: (text: string) => string): void {
  writeFileSync(join(dir, path), edit(readFileSync(join(dir, path), "utf8")));
}

/**
 * A project whose fact table uses MATCH_RECOGNIZE, which the engine does not run (and is not about
 * to): its tests must come out as errors.
 */
export function unsupportedProject(files: Record<string, string> = {}): string {
  const ddl = (name: string) =>
    `CREATE TABLE ${name} (id STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);`;
  return makeProject(
    {
      "sources/p/src_p_events": [ddl("src_p_events")],
      "facts/p/p_fct_rises": [
        "CREATE TABLE p_fct_rises (id STRING, first_v INT, last_v INT);",
        `INSERT INTO p_fct_rises
SELECT id, first_v, last_v FROM src_p_events
MATCH_RECOGNIZE (
  PARTITION BY id ORDER BY ts
  MEASURES FIRST(A.v) AS first_v, LAST(B.v) AS last_v
  PATTERN (A B+)
  DEFINE B AS B.v > A.v
);`,
      ],
    },
    files,
  );
}
