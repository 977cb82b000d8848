import type { SourceText, Span } from "../../../common/source.ts";
import type { CreateFunction } from "../../../sql/ast/statement.ts";
import { qualify } from "../../../sql/catalog/catalog.ts";
import type { SessionCatalog } from "../../../sql/catalog/session-catalog.ts";
import { PlanError } from "../../plan/plan-error.ts";
import { loadUdfModule } from "./load-udf-module.ts";
import { UdfShapeError } from "./udf-signature.ts";

const MODULE_PATH = /\.(?:ts|mts|js|mjs)(?:#[^#]*)?$/;

/**
 * After the binder registered `CREATE FUNCTION f AS '<module>' LANGUAGE TYPESCRIPT` (or a module path
 * without LANGUAGE), loads the module and gives the catalog entry its signature. A function that does
 * not load is removed again, and the error points at the module reference. Functions in other
 * languages stay as they are: calls bind, and planning one says the engine cannot run it.
 */
export async function loadCreatedFunction(
  stmt: CreateFunction,
  catalog: SessionCatalog,
  source: SourceText,
  baseDir: string,
): Promise<void> {
  const typescript =
    stmt.language === "TYPESCRIPT" || (stmt.language === undefined && MODULE_PATH.test(stmt.implementation));
  if (!typescript) return;
  const namespace = stmt.system ? "system" : stmt.temporary ? "temporary" : "catalog";
  const parts = stmt.name.parts.map((p) => p.value);
  const path = namespace === "system" ? parts : qualify(catalog, parts);
  const entry = path ? catalog.functionIn(namespace, path) : undefined;
  // IF NOT EXISTS of a function that is loaded already leaves it as it is.
  if (!entry || entry.signature || entry.implementation !== stmt.implementation) return;
  try {
    catalog.putFunction({ ...entry, signature: await loadUdfModule(stmt.implementation, baseDir) });
  } catch (error) {
    catalog.dropFunction(namespace, path!);
    if (error instanceof UdfShapeError)
      throw new PlanError(`CREATE FUNCTION ${parts.join(".")}: ${error.message}`, literalSpan(stmt, source));
    throw error;
  }
}

/** The span of the `'...'` after AS: the first quote after the function's name. */
function literalSpan(stmt: CreateFunction, source: SourceText): Span {
  const text = source.text;
  const name = stmt.name.span;
  const start = text.indexOf("'", name.end);
  if (start < 0 || start >= stmt.span.end) return name;
  let end = start + 1;
  while (end < stmt.span.end && !(text[end] === "'" && text[end + 1] !== "'"))
    end += text[end] === "'" ? 2 : 1;
  const between = text.slice(name.start, start);
  const newline = between.lastIndexOf("\n");
  const line = name.line + (between.match(/\n/g)?.length ?? 0);
  const col = newline < 0 ? name.col + between.length : between.length - newline;
  return { start, end: Math.min(end + 1, stmt.span.end), line, col };
}
