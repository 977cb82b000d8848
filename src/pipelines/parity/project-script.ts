import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Project } from "../project/model.ts";

/** One SQL file of a project, in the order a fresh deployment runs them. */
export interface ProjectStatement {
  readonly table: string;
  readonly kind: "ddl" | "dml";
  /** Project-relative path, for error messages. */
  readonly file: string;
  readonly sql: string;
}

/**
 * Every table's DDL, parents before children, then every DML in the same order: what deploying the
 * whole project to a fresh engine runs. Tables the project does not declare have no files.
 */
export function projectStatements(project: Project): ProjectStatement[] {
  const files = (kind: "ddl" | "dml"): ProjectStatement[] =>
    project.order.flatMap((name) => {
      const table = project.tables.get(name)!;
      const file = kind === "ddl" ? table.ddlRef : table.dmlRef;
      return file ? [{ table: name, kind, file, sql: readFileSync(join(project.dir, file), "utf8") }] : [];
    });
  return [...files("ddl"), ...files("dml")];
}
