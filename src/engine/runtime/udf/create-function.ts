import type { SourceText, Span } from "../../../common/source.ts";
import type { AlterFunction, CreateFunction } from "../../../sql/ast/statement.ts";
import { qualify, type UserFunction } from "../../../sql/catalog/catalog.ts";
import type { SessionCatalog } from "../../../sql/catalog/session-catalog.ts";
import { PlanError } from "../../plan/plan-error.ts";
import { loadUdfModule } from "./load-udf-module.ts";
import { UdfShapeError } from "./udf-signature.ts";

const MODULE_PATH = /\.(?:ts|mts|js|mjs)(?:#[^#]*)?$/;

type FunctionDdl = CreateFunction | AlterFunction;

/** The catalog entry a CREATE or ALTER FUNCTION addresses, before the statement is bound. */
export function functionEntryOf(stmt: FunctionDdl, catalog: SessionCatalog): UserFunction | undefined {
  const { namespace, path } = addressOf(stmt, catalog);
  return path ? catalog.functionIn(namespace, path) : undefined;
}

/**
 * After the binder registered `CREATE|ALTER FUNCTION f AS '<module>' LANGUAGE TYPESCRIPT` (or a module
 * path without LANGUAGE), loads the module and gives the catalog entry its signature. When the module
 * does not load, the function is removed again (or, for ALTER, `previous` restored) and the error
 * points at the module reference. Functions in other languages stay as they are: calls bind, and
 * planning one says the engine cannot run it.
 */
export async function loadCreatedFunction(
  stmt: FunctionDdl,
  catalog: SessionCatalog,
  source: SourceText,
  baseDir: string,
  previous: UserFunction | undefined,
): Promise<void> {
  const typescript =
    stmt.language === "TYPESCRIPT" || (stmt.language === undefined && MODULE_PATH.test(stmt.implementation));
  if (!typescript) return;
  const { namespace, path } = addressOf(stmt, catalog);
  const parts = stmt.name.parts.map((p) => p.value);
  const entry = path ? catalog.functionIn(namespace, path) : undefined;
  // IF NOT EXISTS of a function that is loaded already leaves it as it is.
  if (!entry || entry.signature || entry.implementation !== stmt.implementation) return;
  try {
    catalog.putFunction({ ...entry, signature: await loadUdfModule(stmt.implementation, baseDir) });
  } catch (error) {
    if (stmt.kind === "alterFunction" && previous) catalog.putFunction(previous);
    else catalog.dropFunction(namespace, path!);
    if (error instanceof UdfShapeError)
      throw new PlanError(
        `${stmt.kind === "alterFunction" ? "ALTER" : "CREATE"} FUNCTION ${parts.join(".")}: ${error.message}`,
        literalSpan(stmt, source),
      );
    throw error;
  }
}

/** The span of the `'...'` after AS: the first quote after the function's name. */
function addressOf(
  stmt: FunctionDdl,
  catalog: SessionCatalog,
): { namespace: "system" | "temporary" | "catalog"; path: readonly string[] | undefined } {
  const namespace = stmt.system ? "system" : stmt.temporary ? "temporary" : "catalog";
  const parts = stmt.name.parts.map((p) => p.value);
  return { namespace, path: namespace === "system" ? parts : qualify(catalog, parts) };
}

function literalSpan(stmt: FunctionDdl, source: SourceText): Span {
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
