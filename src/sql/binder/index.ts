import type { Diagnostic } from "../../common/diagnostic.ts";
import type { Statement } from "../ast/statement.ts";
import type { SessionCatalog } from "../catalog/session-catalog.ts";
import { mapArray } from "../map-array.ts";
import { bindStatement } from "./bind-statement.ts";
import type { BoundStatement } from "./bound.ts";

export { bindQuery } from "./bind-query.ts";
export type * from "./bound.ts";
export { BindContext } from "./context.ts";
export { walkExpr } from "./walk-ast.ts";

/** A statement of a script and, when it has no errors, its bound form. */
export interface ScriptStatement {
  readonly statement: Statement;
  readonly bound?: BoundStatement;
}

export interface BoundScript {
  /** One entry per statement; `bound` is absent for a statement with errors. */
  readonly statements: readonly ScriptStatement[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Binds a script in order against a session catalog, which it updates with every valid DDL statement.
 * All statements are bound, so every error of the script is reported, not only the first.
 */
export function bindScript(statements: readonly Statement[], catalog: SessionCatalog): BoundScript {
  const diagnostics: Diagnostic[] = [];
  const results = mapArray(statements, (statement) => bindScriptStatement(statement, catalog, diagnostics));
  return { statements: results, diagnostics };
}

/** Binds the next statement of a script against `catalog`, adding its errors to `diagnostics`. */
export function bindScriptStatement(
  statement: Statement,
  catalog: SessionCatalog,
  diagnostics: Diagnostic[],
): ScriptStatement {
  const { bound, ctx } = bindStatement(statement, catalog);
  diagnostics.push(...ctx.diagnostics);
  return bound ? { statement, bound } : { statement };
}
