import { closestMatch } from "../../common/diagnostic.ts";
import type { Span } from "../../common/source.ts";
import type { Expr } from "../ast/expression.ts";
import type { Ident, TableAlias } from "../ast/names.ts";
import type { JoinRef, MatchRecognize, NamedTable, TableRef, UnnestRef } from "../ast/query.ts";
import { qualify } from "../catalog/catalog.ts";
import type { ColumnSchema, TableSchema } from "../catalog/table-schema.ts";
import { mapArray } from "../map-array.ts";
import { formatDataType } from "../types/format-type.ts";
import { withNullability } from "../types/index.ts";
import { bindExpr } from "./bind-expression.ts";
import { booleanOperand } from "./bind-operators.ts";
import { bindQuery } from "./bind-query.ts";
import { bindUserTableFunction, resolveUserFunction } from "./bind-user-function.ts";
import { bindWindowTvf } from "./bind-window-tvf.ts";
import type { BoundExpr, BoundQuery, BoundRelation, LeafRelation, OutputColumn } from "./bound.ts";
import type { BindContext } from "./context.ts";
import { errorExpr } from "./error-expr.ts";
import { type ExprScope, exprScope } from "./expr-scope.ts";
import { type Scope, ScopeRelation } from "./scope.ts";

/**
 * Binds a FROM item and adds the relations it makes visible to `scope`. LATERAL items, UNNEST and
 * join conditions see the relations added before them.
 */
export function bindTableRef(ref: TableRef, ctx: BindContext, scope: Scope): BoundRelation {
  switch (ref.kind) {
    case "namedTable":
      return register(bindNamedTable(ref, ctx, scope), qualifiersOf(ref), scope);
    case "derivedTable": {
      const query = bindQuery(ref.query, ctx, ref.lateral ? scope : scope.parent);
      const alias = ref.alias?.name.value ?? "";
      const columns = renameColumns(query.columns, ref.alias, ctx);
      const relation: BoundRelation = {
        kind: "derived",
        binding: ctx.newBinding(),
        query,
        columns,
        lateral: ref.lateral,
        alias,
        span: ref.span,
      };
      return register(relation, alias ? [[alias]] : [], scope);
    }
    case "tableFunction": {
      const relation = bindTableFunction(ref, ctx, scope);
      return register(relation, relation.alias ? [[relation.alias]] : [], scope);
    }
    case "unnest": {
      const relation = bindUnnest(ref, ctx, scope);
      return register(relation, relation.alias ? [[relation.alias]] : [], scope);
    }
    case "join":
      return bindJoin(ref, ctx, scope);
    case "matchRecognize": {
      const relation = bindMatchRecognize(ref, ctx, scope);
      return register(relation, relation.alias ? [[relation.alias]] : [], scope);
    }
    default:
      return ref satisfies never;
  }
}

function register<R extends LeafRelation>(
  relation: R,
  qualifiers: readonly (readonly string[])[],
  scope: Scope,
): R {
  scope.add(new ScopeRelation(relation.binding, qualifiers, relation.columns));
  return relation;
}

/** An unaliased table can be qualified by any suffix of its path; an aliased one only by its alias. */
function qualifiersOf(ref: NamedTable): string[][] {
  if (ref.alias) return [[ref.alias.name.value]];
  const parts = mapArray(ref.name.parts, (p) => p.value);
  return mapArray(parts, (_, i) => parts.slice(i));
}

/** A table, view or CTE by name; `FOR SYSTEM_TIME AS OF` marks the right side of a temporal join. */
export function bindNamedTable(ref: NamedTable, ctx: BindContext, scope: Scope): LeafRelation {
  const parts = mapArray(ref.name.parts, (p) => p.value);
  const alias = ref.alias?.name.value ?? parts[parts.length - 1]!;
  const asOf = ref.asOf ? bindAsOf(ref.asOf, ctx, scope) : undefined;
  const cte = parts.length === 1 ? scope.findCte(parts[0]!) : undefined;
  if (cte) {
    return {
      kind: "derived",
      binding: ctx.newBinding(),
      query: cte.query,
      columns: renameColumns(cte.columns, ref.alias, ctx),
      lateral: false,
      cte: cte.name,
      alias,
      span: ref.span,
    };
  }
  const path = qualify(ctx.catalog, parts);
  const table = path ? ctx.catalog.getTable(path) : undefined;
  if (!table || !path) {
    const candidates = path ? ctx.catalog.listTables(path[0], path[1]) : [];
    const hint = closestMatch(parts[parts.length - 1]!, candidates);
    ctx.error(
      "unknown-table",
      `unknown table '${parts.join(".")}'`,
      ref.name.span,
      hint ? [`did you mean ${hint}?`] : [],
    );
    return unresolvedRelation(ctx, ref.span, alias);
  }
  return {
    kind: "table",
    binding: ctx.newBinding(),
    table,
    columns: renameColumns(outputColumnsOf(table), ref.alias, ctx),
    hints: ref.hints,
    asOf,
    alias,
    span: ref.span,
  };
}

/**
 * A column of a table as a relation's output. Object literals rather than conditional spreads: each
 * literal's shape stays alive in V8 across garbage collections (see common/keep-shape.ts).
 */
function outputColumnOf({ name, type, timeAttribute, hidden }: ColumnSchema): OutputColumn {
  if (timeAttribute) return hidden ? { name, type, timeAttribute, hidden } : { name, type, timeAttribute };
  return hidden ? { name, type, hidden } : { name, type };
}

/**
 * A table's columns as a relation's output, made for each reference: a few small objects, where
 * sharing them through a WeakMap keyed by the schema cost more (an ephemeron entry per table per
 * script, each traced by the garbage collector).
 */
function outputColumnsOf(table: TableSchema): readonly OutputColumn[] {
  return mapArray(table.columns, outputColumnOf);
}

function bindAsOf(expr: Expr, ctx: BindContext, scope: Scope): BoundExpr {
  const bound = bindExpr(expr, exprScope(ctx, scope, "ON"));
  if (bound.type.kind !== "TIMESTAMP" && bound.type.kind !== "TIMESTAMP_LTZ" && bound.type.kind !== "NULL") {
    ctx.error(
      "type-mismatch",
      `FOR SYSTEM_TIME AS OF expects a time attribute, got ${formatDataType(bound.type)}`,
      expr.span,
    );
  }
  return bound;
}

/**
 * Stands in for a FROM item that failed to bind, after its error was reported. Column names that
 * would have come from it are not reported as unknown, so one mistake gives one error.
 */
export function unresolvedRelation(ctx: BindContext, span: Span, alias: string): LeafRelation {
  const binding = ctx.newBinding();
  ctx.markUnresolved(binding);
  const query: BoundQuery = {
    kind: "query",
    body: { kind: "values", rows: [], columns: [], span },
    orderBy: [],
    columns: [],
    span,
  };
  return { kind: "derived", binding, query, columns: [], lateral: false, alias, span };
}

/** Applies `AS t (a, b, c)` column names. */
export function renameColumns(
  columns: readonly OutputColumn[],
  alias: TableAlias | undefined,
  ctx: BindContext,
): readonly OutputColumn[] {
  if (!alias || alias.columns.length === 0) return columns;
  const visible = columns.filter((c) => !c.hidden);
  if (alias.columns.length !== visible.length) {
    ctx.error(
      "column-count",
      `alias '${alias.name.value}' names ${alias.columns.length} columns but the table has ${visible.length}`,
      alias.span,
    );
    return [...columns];
  }
  let next = 0;
  return mapArray(columns, (c) => (c.hidden ? c : { ...c, name: alias.columns[next++]!.value }));
}

function bindTableFunction(
  ref: Extract<TableRef, { kind: "tableFunction" }>,
  ctx: BindContext,
  scope: Scope,
): LeafRelation {
  const name = mapArray(ref.call.name.parts, (p) => p.value);
  const upper = name.length === 1 ? name[0]!.toUpperCase() : "";
  if (upper === "TUMBLE" || upper === "HOP" || upper === "CUMULATE" || upper === "SESSION") {
    return bindWindowTvf(ref, upper, ctx, scope);
  }
  const alias = ref.alias?.name.value ?? "";
  const fn = resolveUserFunction(ref.call, ctx.catalog, true);
  if (!fn) {
    ctx.error("unknown-function", `unknown table function '${name.join(".")}'`, ref.call.name.span);
  }
  const es: ExprScope = exprScope(ctx, scope, "argument");
  const args = mapArray(ref.call.args, (a) => bindExpr(a, es));
  if (fn?.signature) {
    const bound = bindUserTableFunction(ref.call, { ...fn, signature: fn.signature }, args, es);
    if (!bound) return unresolvedRelation(ctx, ref.span, alias);
    return {
      kind: "tableFunction",
      binding: ctx.newBinding(),
      name: name.join("."),
      args: bound.args,
      userFunction: fn,
      columns: renameColumns(bound.columns, ref.alias, ctx),
      alias,
      span: ref.span,
    };
  }
  // Without a loaded implementation the row type is unknown; the alias names its columns.
  const columns: OutputColumn[] = mapArray(ref.alias?.columns ?? [], (c) => ({
    name: c.value,
    type: { kind: "VARCHAR", length: 2147483647, nullable: true },
  }));
  return {
    kind: "tableFunction",
    binding: ctx.newBinding(),
    name: name.join("."),
    args,
    columns,
    alias,
    span: ref.span,
  };
}

/** `UNNEST(arr)`: one row per element; ROW elements spread into columns; MAP gives key and value. */
function bindUnnest(ref: UnnestRef, ctx: BindContext, scope: Scope): LeafRelation {
  const es: ExprScope = exprScope(ctx, scope, "argument");
  const args = mapArray(ref.args, (a) => bindExpr(a, es));
  const columns: OutputColumn[] = [];
  for (const arg of args) {
    const type = arg.type;
    if (type.kind === "ARRAY" || type.kind === "MULTISET") {
      if (type.element.kind === "ROW")
        columns.push(...mapArray(type.element.fields, (f) => ({ name: f.name, type: f.type })));
      else columns.push({ name: `EXPR$${columns.length}`, type: type.element });
    } else if (type.kind === "MAP") {
      columns.push({ name: "KEY", type: type.key }, { name: "VALUE", type: type.value });
    } else if (type.kind !== "NULL") {
      ctx.error(
        "type-mismatch",
        `UNNEST expects an ARRAY, MULTISET or MAP, got ${formatDataType(type)}`,
        arg.span,
      );
    }
  }
  if (ref.withOrdinality) columns.push({ name: "ORDINALITY", type: { kind: "INT", nullable: false } });
  const alias = ref.alias?.name.value ?? "";
  return {
    kind: "unnest",
    binding: ctx.newBinding(),
    args,
    withOrdinality: ref.withOrdinality,
    columns: renameColumns(columns, ref.alias, ctx),
    alias,
    span: ref.span,
  };
}

function bindJoin(ref: JoinRef, ctx: BindContext, scope: Scope): BoundRelation {
  const before = scope.relations.length;
  const left = bindTableRef(ref.left, ctx, scope);
  const leftRelations = scope.relations.slice(before);
  const middle = scope.relations.length;
  const right = bindTableRef(ref.right, ctx, scope);
  const rightRelations = scope.relations.slice(middle);
  const es: ExprScope = exprScope(ctx, scope, "ON");
  let condition: BoundExpr | undefined;
  if (ref.on) {
    condition = bindExpr(ref.on, es);
    booleanOperand(condition, "ON", es);
  } else if (ref.using.length > 0 || ref.natural) {
    const names = ref.natural
      ? commonNames(leftRelations, rightRelations)
      : mapArray(ref.using, (u) => u.value);
    condition = equalities(names, ref.using, leftRelations, rightRelations, ref.span, ctx);
  }
  // Outer joins make the columns of the side that may be missing nullable.
  if (ref.type === "LEFT" || ref.type === "FULL") makeNullable(scope, rightRelations);
  if (ref.type === "RIGHT" || ref.type === "FULL") makeNullable(scope, leftRelations);
  const type = ref.type === "COMMA" ? "CROSS" : ref.type;
  return { kind: "join", type, left, right, condition, span: ref.span };
}

function makeNullable(scope: Scope, relations: readonly ScopeRelation[]): void {
  for (const relation of relations) {
    const index = scope.relations.indexOf(relation);
    scope.relations[index] = new ScopeRelation(
      relation.binding,
      relation.qualifiers,
      mapArray(relation.columns, (c) => ({ ...c, type: withNullability(c.type, true) })),
    );
  }
}

function commonNames(left: readonly ScopeRelation[], right: readonly ScopeRelation[]): string[] {
  const leftNames = new Set(
    left.flatMap((r) =>
      mapArray(
        r.columns.filter((c) => !c.hidden),
        (c) => c.name,
      ),
    ),
  );
  return right.flatMap((r) =>
    mapArray(
      r.columns.filter((c) => !c.hidden && leftNames.has(c.name)),
      (c) => c.name,
    ),
  );
}

function equalities(
  names: readonly string[],
  using: readonly Ident[],
  left: readonly ScopeRelation[],
  right: readonly ScopeRelation[],
  span: Span,
  ctx: BindContext,
): BoundExpr | undefined {
  let condition: BoundExpr | undefined;
  for (const [i, name] of names.entries()) {
    const at = using[i]?.span ?? span;
    const side = (relations: readonly ScopeRelation[]): BoundExpr => {
      for (const relation of relations) {
        const column = relation.columns.findIndex((c) => c.name === name);
        if (column >= 0) {
          const c = relation.columns[column]!;
          return { kind: "column", binding: relation.binding, column, name, type: c.type, span: at };
        }
      }
      ctx.error("unknown-column", `USING column '${name}' is not in both sides of the join`, at);
      return errorExpr(at);
    };
    const equal: BoundExpr = {
      kind: "call",
      name: "=",
      args: [side(left), side(right)],
      type: { kind: "BOOLEAN", nullable: true },
      span: at,
    };
    condition = condition
      ? {
          kind: "call",
          name: "AND",
          args: [condition, equal],
          type: { kind: "BOOLEAN", nullable: true },
          span,
        }
      : equal;
  }
  return condition;
}

/**
 * MATCH_RECOGNIZE binds its partitioning, ordering, DEFINE conditions and MEASURES against the input,
 * with every pattern variable usable as a qualifier (`A.price`). The engine does not run it yet.
 */
function bindMatchRecognize(ref: MatchRecognize, ctx: BindContext, scope: Scope): LeafRelation {
  const inputScope = new (scope.constructor as new (parent?: Scope) => Scope)(scope.parent);
  const input = bindTableRef(ref.input, ctx, inputScope);
  const inputRelation = inputScope.relations[0];
  const variables = collectVariables(ref);
  const matchScope = new (scope.constructor as new (parent?: Scope) => Scope)(scope.parent);
  if (inputRelation) {
    matchScope.add(
      new ScopeRelation(
        inputRelation.binding,
        [...inputRelation.qualifiers, ...mapArray(variables, (v) => [v])],
        inputRelation.columns,
      ),
    );
  }
  const es: ExprScope = exprScope(ctx, matchScope, "MATCH_RECOGNIZE");
  const partitionBy = mapArray(ref.partitionBy, (p) => bindExpr(p, es));
  for (const o of ref.orderBy) bindExpr(o.expr, es);
  for (const d of ref.define) booleanOperand(bindExpr(d.condition, es), "DEFINE", es);
  const measures = mapArray(ref.measures, (m) => ({ name: m.alias.value, expr: bindExpr(m.expr, es) }));
  const columns: OutputColumn[] =
    ref.rowsPerMatch === "ALL ROWS PER MATCH"
      ? [
          ...(inputRelation?.columns ?? []),
          ...mapArray(measures, (m) => ({ name: m.name, type: m.expr.type })),
        ]
      : [
          ...mapArray(partitionBy, (p, i) => ({
            name: p.kind === "column" ? p.name : `EXPR$${i}`,
            type: p.type,
          })),
          ...mapArray(measures, (m) => ({ name: m.name, type: m.expr.type })),
        ];
  const alias = ref.alias?.name.value ?? "";
  return {
    kind: "matchRecognize",
    binding: ctx.newBinding(),
    input,
    syntax: ref,
    columns: renameColumns(columns, ref.alias, ctx),
    alias,
    span: ref.span,
  };
}

function collectVariables(ref: MatchRecognize): string[] {
  const names = new Set<string>(mapArray(ref.define, (d) => d.variable.value));
  const visit = (term: MatchRecognize["pattern"]): void => {
    switch (term.kind) {
      case "patternVar":
        names.add(term.name.value);
        return;
      case "patternSeq":
        term.terms.forEach(visit);
        return;
      case "patternAlt":
        term.alternatives.forEach(visit);
        return;
      case "patternGroup":
      case "patternQuantified":
      case "patternExclusion":
        visit(term.term);
        return;
      case "patternPermute":
        term.terms.forEach(visit);
        return;
      case "patternAnchor":
        return;
      default:
        term satisfies never;
    }
  };
  visit(ref.pattern);
  for (const subset of ref.subsets) names.add(subset.name.value);
  return [...names];
}
