import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { SourceText } from "../../common/source.ts";

/** A table folder found in the layout: the directory holding `sql-scripts/`. */
export interface TableFolder {
  /** Project-relative, `/`-separated: `pipelines/sources/p2/src_x`. */
  readonly folder: string;
  /** Segments below the pipelines root: `["sources", "p2", "src_x"]`. */
  readonly segments: readonly string[];
  readonly ddl?: SourceText;
  readonly dml?: SourceText;
  /** Extra `ddl.*` files (shift_left takes the first; DLQ tables are skipped). */
  readonly ignoredDdl: readonly string[];
}

export const SQL_SCRIPTS = "sql-scripts";

/**
 * Walks the pipelines root for `sql-scripts` folders, in sorted order so every output is stable.
 * `tests/` folders are not tables. Source names are project-relative paths, as in findings and JSON.
 */
export function discoverTableFolders(projectDir: string, pipelinesDir: string): TableFolder[] {
  const root = join(projectDir, pipelinesDir);
  if (!existsSync(root)) return [];
  const out: TableFolder[] = [];
  const visit = (dir: string) => {
    const names = readdirSync(dir).sort();
    if (names.includes(SQL_SCRIPTS) && statSync(join(dir, SQL_SCRIPTS)).isDirectory())
      out.push(readFolder(projectDir, root, dir));
    for (const name of names) {
      if (name === SQL_SCRIPTS || name === "tests" || name.startsWith(".")) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
    }
  };
  visit(root);
  return out;
}

function readFolder(projectDir: string, root: string, dir: string): TableFolder {
  const scripts = join(dir, SQL_SCRIPTS);
  const files = readdirSync(scripts).sort();
  const ddlFiles = files.filter((f) => f.startsWith("ddl.") && f.endsWith(".sql") && !f.includes("dlq"));
  const dmlFile = files.find((f) => f.startsWith("dml.") && f.endsWith(".sql"));
  const read = (name: string): SourceText => ({
    name: toPosix(relative(projectDir, join(scripts, name))),
    text: readFileSync(join(scripts, name), "utf8"),
  });
  return {
    folder: toPosix(relative(projectDir, dir)),
    segments: toPosix(relative(root, dir)).split("/"),
    ...(ddlFiles[0] ? { ddl: read(ddlFiles[0]) } : {}),
    ...(dmlFile ? { dml: read(dmlFile) } : {}),
    ignoredDdl: ddlFiles.slice(1).map((f) => toPosix(relative(projectDir, join(scripts, f)))),
  };
}

export const toPosix = (path: string): string => path.split(sep).join("/");
