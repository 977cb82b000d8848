import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseScript } from "../../sql/parser/index.ts";
import { configString } from "../config/load-config.ts";
import { statementName } from "../layout/naming.ts";
import type { Project, ProjectTable } from "../project/model.ts";
import type { StatementSpec } from "./statement.ts";
import { statementNameProblem } from "./statement-name.ts";

/** What deploying one table submits: its DDL, its DML, and the DROP that undeploy and restarts run. */
export interface TableStatements {
  readonly table: string;
  readonly ddl?: StatementSpec;
  readonly dml?: StatementSpec;
  readonly drop: StatementSpec;
}

/** Statement names of a table from the project's `deploy.environment` and `deploy.region`. */
export function statementNamesOf(
  project: Project,
  table: ProjectTable,
): Record<"ddl" | "dml" | "drop", string> {
  const env = configString(project.config, "deploy.environment");
  const region = configString(project.config, "deploy.region");
  const name = (kind: "ddl" | "dml" | "drop") => statementName(kind, table.name, table.product, env, region);
  return { ddl: name("ddl"), dml: name("dml"), drop: name("drop") };
}

/**
 * Reads a table's DDL and DML files into statements. Each file must hold exactly one SQL statement
 * (a target runs one statement per name); its text is sent without comments around it or the final
 * semicolon, which Flink's gateway rejects.
 */
export function tableStatements(project: Project, table: ProjectTable): TableStatements | { error: string } {
  const names = statementNamesOf(project, table);
  for (const name of Object.values(names)) {
    const problem = statementNameProblem(name);
    if (problem) return { error: `${table.name}: ${problem}` };
  }
  const read = (
    ref: string | undefined,
    kind: "ddl" | "dml",
  ): StatementSpec | undefined | { error: string } => {
    if (!ref) return undefined;
    const sql = oneStatement(project, ref);
    if (typeof sql !== "string") return sql;
    return { name: names[kind], kind, table: table.name, sql };
  };
  const ddl = read(table.ddlRef, "ddl");
  if (ddl && "error" in ddl) return ddl;
  const dml = read(table.dmlRef, "dml");
  if (dml && "error" in dml) return dml;
  return {
    table: table.name,
    ...(ddl ? { ddl } : {}),
    ...(dml ? { dml } : {}),
    drop: {
      name: names.drop,
      kind: "drop",
      table: table.name,
      sql: `DROP TABLE IF EXISTS ${quoteName(table.name)}`,
    },
  };
}

function oneStatement(project: Project, ref: string): string | { error: string } {
  let text: string;
  try {
    text = readFileSync(join(project.dir, ref), "utf8");
  } catch (error) {
    return { error: `${ref}: ${(error as Error).message}` };
  }
  const parsed = parseScript({ name: ref, text });
  if (parsed.diagnostics.length > 0)
    return { error: `${ref}: does not parse (run \`headwater sql check\` for the errors)` };
  if (parsed.statements.length !== 1)
    return {
      error: `${ref}: holds ${parsed.statements.length} statements; a deployed file holds exactly one`,
    };
  const span = parsed.statements[0]!.span;
  return text.slice(span.start, span.end).replace(/;\s*$/, "");
}

/** Backticks around each part that is not a plain identifier. */
function quoteName(name: string): string {
  return name
    .split(".")
    .map((part) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part) ? part : `\`${part.replaceAll("`", "``")}\``))
    .join(".");
}
