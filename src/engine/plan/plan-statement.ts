import type { BoundExpr, BoundStatement } from "../../sql/binder/bound.ts";
import type { Catalog } from "../../sql/catalog/catalog.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { typesEqual } from "../../sql/types/type-equality.ts";
import { fieldRef } from "./layout.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { type LogicalSink, logicalSink } from "./logical/sink.ts";
import { applyOptionsHints } from "./options-hints.ts";
import { project } from "./plan-calc.ts";
import { PlanContext } from "./plan-context.ts";
import { PlanError } from "./plan-error.ts";
import { planQuery } from "./plan-query.ts";
import { NO_SPAN } from "./rewrite-expr.ts";

export type PlannedStatement =
  | { readonly kind: "query"; readonly plan: LogicalPlan }
  | { readonly kind: "insert"; readonly sinks: readonly LogicalSink[] }
  | { readonly kind: "explain"; readonly inner: PlannedStatement }
  | { readonly kind: "ddl" };

/**
 * The logical plan of one bound statement; DDL has none (the binder already applied it). `setting`
 * reads the session's settings the plan depends on (OPTIONS hints).
 */
export function planStatement(
  bound: BoundStatement,
  catalog: Catalog,
  setting?: (key: string) => string | undefined,
): PlannedStatement {
  const ctx = new PlanContext(catalog, setting);
  switch (bound.kind) {
    case "query":
      return { kind: "query", plan: planQuery(bound.query, ctx, true) };
    case "insert":
      return { kind: "insert", sinks: [planInsert(bound, ctx)] };
    case "statementSet":
      return {
        kind: "insert",
        sinks: bound.inserts.map((i) => {
          if (i.kind !== "insert") throw new PlanError("a statement set holds only INSERT statements");
          return planInsert(i, ctx);
        }),
      };
    case "explain":
      return { kind: "explain", inner: planStatement(bound.inner, catalog, setting) };
    case "ddl":
      return { kind: "ddl" };
    default:
      return bound satisfies never;
  }
}

/**
 * Writable columns: physical ones and persisted (non-VIRTUAL) metadata columns, which INSERT writes
 * as record metadata (`timestamp`, `headers`). Computed, virtual and system columns are not stored.
 */
export function writableColumns(table: TableSchema): number[] {
  return table.columns.flatMap((c, i) =>
    c.origin === "physical" || (c.origin === "metadata" && !c.virtual) ? [i] : [],
  );
}

/**
 * INSERT: a Calc lays the query's columns out as the table's writable columns (NULL for the ones the
 * column list leaves out, implicit casts where types differ); the sink writes that row as is.
 */
function planInsert(insert: Extract<BoundStatement, { kind: "insert" }>, ctx: PlanContext): LogicalSink {
  if (insert.overwrite)
    throw new PlanError("INSERT OVERWRITE is not supported in streaming mode.", insert.query.span);
  const query = planQuery(insert.query, ctx, true);
  const columns = writableColumns(insert.table);
  const exprs = columns.map((c): BoundExpr => {
    const column = insert.table.columns[c]!;
    const source = insert.targetColumns.indexOf(c);
    if (source < 0) return { kind: "literal", value: null, type: column.type, span: NO_SPAN };
    const ref = fieldRef(query.fields, source);
    return typesEqual(ref.type, column.type, { ignoreNullability: true })
      ? ref
      : { kind: "cast", safe: false, operand: ref, type: column.type, span: insert.query.span };
  });
  const laidOut = project(
    query,
    exprs,
    columns.map((c) => insert.table.columns[c]!.name),
    ctx,
  );
  const hints = insert.statement.kind === "insert" ? insert.statement.hints : [];
  return logicalSink(laidOut, applyOptionsHints(insert.table, hints, ctx), columns);
}
