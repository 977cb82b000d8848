import type { Expr } from "../../sql/ast/expression.ts";
import { bindExpr } from "../../sql/binder/bind-expression.ts";
import type { BoundExpr } from "../../sql/binder/bound.ts";
import { BindContext } from "../../sql/binder/context.ts";
import { type Clause, exprScope } from "../../sql/binder/expr-scope.ts";
import { Scope, ScopeRelation } from "../../sql/binder/scope.ts";
import type { Catalog } from "../../sql/catalog/catalog.ts";
import { ROWTIME_COLUMN, type TableSchema } from "../../sql/catalog/table-schema.ts";
import { type Fields, fieldRef, slotIndex } from "./layout.ts";
import { PlanError } from "./plan-error.ts";
import { rewriteExpr } from "./rewrite-expr.ts";

/** A computed column: its position in the scan's output and its expression over the scan's fields. */
export interface ComputedColumn {
  readonly index: number;
  readonly expr: BoundExpr;
}

/**
 * How a source derives its watermark from each row: `expr` over the scan's fields (undefined for
 * Confluent's system strategy on `$rowtime`, which follows the highest rowtime seen).
 */
export interface WatermarkStrategy {
  readonly rowtime: number;
  readonly expr?: BoundExpr;
}

export interface ScanExpressions {
  readonly computed: readonly ComputedColumn[];
  readonly watermark?: WatermarkStrategy;
}

/**
 * Binds a table's computed columns and watermark (kept as SQL text in the catalog) against the scan's
 * output, so the source computes them row by row. A table without a declared watermark but with
 * Confluent's `$rowtime` time attribute gets the system watermark on it.
 */
export function scanExpressions(table: TableSchema, fields: Fields, catalog: Catalog): ScanExpressions {
  const first = fields[0]?.slot;
  const binding = first?.kind === "column" ? first.ref.binding : 0;
  const bind = (expr: Expr, clause: Clause): BoundExpr => {
    const ctx = new BindContext(catalog);
    const scope = new Scope();
    scope.add(
      new ScopeRelation(
        binding,
        [],
        table.columns.map((c) => ({ name: c.name, type: c.type, hidden: c.hidden })),
      ),
    );
    const bound = bindExpr(expr, exprScope(ctx, scope, clause));
    const error = ctx.diagnostics[0];
    if (error)
      throw new PlanError(`${clause} of table '${table.path.join(".")}': ${error.message}`, expr.span);
    return bound;
  };
  const computed = table.columns.flatMap((c, index) =>
    c.origin === "computed" && c.expr ? [{ index, expr: bind(c.expr, "computed column") }] : [],
  );
  const declared = table.watermark;
  if (declared) {
    const rowtime = table.columns.findIndex((c) => c.name === declared.column);
    return { computed, watermark: { rowtime, expr: bind(declared.expr, "watermark") } };
  }
  const system = table.columns.findIndex((c) => c.name === ROWTIME_COLUMN && c.timeAttribute === "rowtime");
  return system >= 0 ? { computed, watermark: { rowtime: system } } : { computed };
}

/** The expressions re-pointed from the fields `from` to the same positions of `to`. */
export function relabelScanExpressions(
  expressions: ScanExpressions,
  from: Fields,
  to: Fields,
): ScanExpressions {
  const move = (e: BoundExpr): BoundExpr =>
    rewriteExpr(e, (x) => {
      const i = slotIndex(from, x);
      return i >= 0 ? fieldRef(to, i) : undefined;
    });
  const watermark = expressions.watermark;
  return {
    computed: expressions.computed.map((c) => ({ index: c.index, expr: move(c.expr) })),
    ...(watermark
      ? {
          watermark: {
            rowtime: watermark.rowtime,
            ...(watermark.expr ? { expr: move(watermark.expr) } : {}),
          },
        }
      : {}),
  };
}
