import type { BoundRelation } from "../../sql/binder/bound.ts";
import { BindContext } from "../../sql/binder/context.ts";
import { bindQuery } from "../../sql/binder/index.ts";
import { relabel } from "./layout.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { logicalScan } from "./logical/scan.ts";
import { logicalValues } from "./logical/values.ts";
import { applyOptionsHints } from "./options-hints.ts";
import type { PlanContext } from "./plan-context.ts";
import { notSupported, PlanError } from "./plan-error.ts";
import { planJoin } from "./plan-join.ts";
import { planLateralTable } from "./plan-lateral-table.ts";
import { planQuery } from "./plan-query.ts";
import { planWindowTvf } from "./plan-window-tvf.ts";
import { scanExpressions } from "./scan-expressions.ts";

/**
 * A FROM item. Derived tables, CTEs and views are inlined: their plan is planned in place and its
 * output renamed to the columns of the relation's binding, which is all the outer query refers to.
 */
export function planRelation(relation: BoundRelation, ctx: PlanContext): LogicalPlan {
  switch (relation.kind) {
    case "table": {
      const table = relation.table;
      if (relation.asOf) throw notSupported("A temporal join (FOR SYSTEM_TIME AS OF)", relation.span);
      const scanned = applyOptionsHints(table, relation.hints, ctx);
      if (table.kind !== "table") {
        if (!table.query) throw new PlanError(`view '${table.path.join(".")}' has no query`, relation.span);
        const bindCtx = new BindContext(ctx.catalog);
        const query = bindQuery(table.query, bindCtx, undefined);
        if (bindCtx.diagnostics.length > 0)
          throw new PlanError(
            `view '${table.path.join(".")}': ${bindCtx.diagnostics[0]!.message}`,
            relation.span,
          );
        const plan = planQuery(query, ctx);
        return { ...plan, fields: relabel(relation.columns, relation.binding) } as LogicalPlan;
      }
      const fields = relabel(relation.columns, relation.binding);
      return logicalScan(scanned, scanExpressions(scanned, fields, ctx.catalog), fields);
    }
    case "derived": {
      const plan = planQuery(relation.query, ctx);
      return { ...plan, fields: relabel(relation.columns, relation.binding) } as LogicalPlan;
    }
    case "join":
      return planJoin(relation, ctx);
    case "windowTvf":
      return planWindowTvf(relation, ctx, (input) => planRelation(input, ctx));
    case "tableFunction":
      // Alone in FROM: the function's rows for one empty input row, as Flink correlates with VALUES.
      return planLateralTable(logicalValues([[]], []), relation, "INNER", undefined);
    case "unnest":
      throw notSupported("UNNEST", relation.span);
    case "matchRecognize":
      throw notSupported("MATCH_RECOGNIZE", relation.span);
    default:
      return relation satisfies never;
  }
}
