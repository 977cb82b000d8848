import type { Ident } from "../ast/names.ts";
import type { WindowSpec } from "../ast/query.ts";
import type { BoundAggregate, BoundExpr, BoundWindowCall } from "./bound.ts";
import type { BindContext } from "./context.ts";
import type { Scope } from "./scope.ts";

/** The clause an expression stands in; it decides what is allowed (aggregates, OVER) and error wording. */
export type Clause =
  | "SELECT"
  | "WHERE"
  | "GROUP BY"
  | "HAVING"
  | "ON"
  | "ORDER BY"
  | "VALUES"
  | "argument"
  | "computed column"
  | "watermark"
  | "LIMIT"
  | "PARTITION"
  | "MATCH_RECOGNIZE";

/**
 * The GROUP BY keys and the aggregates found so far in a grouped select. Expressions bound against it
 * may only use grouped expressions outside aggregate calls.
 */
export interface Aggregation {
  /** GROUP BY present: a group is never empty, so aggregates of NOT NULL inputs are NOT NULL. */
  readonly grouped: boolean;
  readonly groupExprs: readonly BoundExpr[];
  readonly groupKeys: ReadonlyMap<string, number>;
  readonly aggregates: BoundAggregate[];
  readonly aggregateKeys: Map<string, number>;
}

/** Everything an expression needs to bind. */
export interface ExprScope {
  readonly ctx: BindContext;
  readonly scope: Scope;
  readonly clause: Clause;
  /** Present in the SELECT list, HAVING and ORDER BY of a grouped select. */
  readonly aggregation?: Aggregation;
  /** Collects OVER calls; present where window functions are allowed (SELECT, ORDER BY). */
  readonly windowCalls?: BoundWindowCall[];
  readonly namedWindows?: ReadonlyMap<string, { readonly name: Ident; readonly spec: WindowSpec }>;
}

/** A stable text key for a bound expression: equal keys mean the same computation (spans ignored). */
export function exprKey(expr: BoundExpr): string {
  return JSON.stringify(expr, (k, v) => {
    if (k === "span") return undefined;
    if (typeof v === "bigint") return `${v}n`;
    if (v instanceof Uint8Array) return Array.from(v);
    return v;
  });
}
