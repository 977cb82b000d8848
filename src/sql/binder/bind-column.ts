import { closestMatch } from "../../common/diagnostic.ts";
import { spanToEnd } from "../../common/source.ts";
import type { ColumnRef } from "../ast/expression.ts";
import type { Ident } from "../ast/names.ts";
import { mapArray } from "../map-array.ts";
import type { RowField } from "../types/data-type.ts";
import { withNullability } from "../types/index.ts";
import type { BoundExpr } from "./bound.ts";
import { errorExpr } from "./error-expr.ts";
import type { ExprScope } from "./expr-scope.ts";
import type { ColumnMatch, Scope } from "./scope.ts";
import { spanOf } from "./spans.ts";

/** The one match every lookup fills (see {@link ColumnMatch}). */
const match: ColumnMatch = { relation: undefined, column: -1, consumed: 0 };

/**
 * Resolves `a`, `t.a` or `t.a.f.g` to a column (of this query level or an enclosing one) and any ROW
 * field accesses that follow it.
 */
export function bindColumnRef(ref: ColumnRef, es: ExprScope): BoundExpr {
  const parts = ref.parts;
  const single = parts.length === 1;
  let depth = 0;
  for (let scope: Scope | undefined = es.scope; scope; scope = scope.parent) {
    const found = single ? scope.lookupName(parts[0]!.value, match) : scope.lookup(parts, match);
    if (found === "ambiguous") {
      const name = parts[0]!.value;
      const relations = scope.relationsWithColumn(name);
      es.ctx.error(
        "ambiguous-column",
        `column '${name}' is ambiguous: it exists in ${relations.length} tables of the FROM clause`,
        ref.span,
        [
          "qualify it with a table name or alias, e.g. " +
            `${relations[0]?.qualifiers[0]?.join(".") ?? "t"}.${name}`,
        ],
      );
      return errorExpr(ref.span);
    }
    if (found === "found") {
      const consumed = match.consumed;
      const span = consumed === parts.length ? ref.span : spanOf(parts.slice(0, consumed));
      const binding = match.relation!.binding;
      const column = match.column;
      const { name, type, timeAttribute } = match.relation!.columns[column]!;
      // Literals of one shape each, not spreads: column references are the binder's commonest node.
      const base: BoundExpr =
        depth > 0
          ? { kind: "outerColumn", depth, binding, column, name, type, span }
          : timeAttribute
            ? { kind: "column", binding, column, name, type, timeAttribute, span }
            : { kind: "column", binding, column, name, type, span };
      return consumed === parts.length ? base : accessFields(base, parts.slice(consumed), es);
    }
    if (scope.queryLevel) depth++;
  }
  if (hasUnresolvedRelation(es)) return errorExpr(ref.span);
  const unknown = mapArray(ref.parts, (p) => p.value).join(".");
  const suggestion = closestMatch(parts[parts.length - 1]!.value, es.scope.visibleColumnNames());
  es.ctx.error(
    "unknown-column",
    `unknown column '${unknown}'`,
    ref.span,
    suggestion ? [`did you mean ${suggestion}?`] : [],
  );
  return errorExpr(ref.span);
}

/** Applies `.field` accesses to a ROW-typed expression. */
export function accessFields(base: BoundExpr, fields: readonly Ident[], es: ExprScope): BoundExpr {
  let expr = base;
  for (const field of fields) {
    if (expr.type.kind !== "ROW") {
      es.ctx.error(
        "not-a-row",
        `cannot access field '${field.value}': ${describeTarget(expr)} is not a ROW`,
        field.span,
      );
      return errorExpr(field.span);
    }
    const index = fieldIndex(expr.type.fields, field.value);
    if (index < 0) {
      const suggestion = closestMatch(
        field.value,
        mapArray(expr.type.fields, (f) => f.name),
      );
      es.ctx.error(
        "unknown-field",
        `ROW has no field '${field.value}'`,
        field.span,
        suggestion ? [`did you mean ${suggestion}?`] : [],
      );
      return errorExpr(field.span);
    }
    const fieldType = expr.type.fields[index]!.type;
    expr = {
      kind: "fieldAccess",
      base: expr,
      field: index,
      name: field.value,
      // A field of a nullable row is nullable whatever its declared type.
      type: expr.type.nullable ? withNullability(fieldType, true) : fieldType,
      span: spanToEnd(expr.span, field.span.end),
    };
  }
  return expr;
}

function fieldIndex(fields: readonly RowField[], name: string): number {
  for (let i = 0; i < fields.length; i++) if (fields[i]!.name === name) return i;
  return -1;
}

function describeTarget(expr: BoundExpr): string {
  return expr.kind === "column" || expr.kind === "fieldAccess" ? `'${expr.name}'` : "the expression";
}

function hasUnresolvedRelation(es: ExprScope): boolean {
  for (let scope: Scope | undefined = es.scope; scope; scope = scope.parent) {
    if (scope.relations.some((r) => es.ctx.isUnresolved(r.binding))) return true;
  }
  return false;
}
