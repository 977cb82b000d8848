import { closestMatch } from "../../common/diagnostic.ts";
import type { Ident } from "../ast/names.ts";
import type { ColumnDef, CreateTable, Distribution, PrimaryKey, Watermark } from "../ast/statement.ts";
import { qualify } from "../catalog/catalog.ts";
import {
  type ColumnSchema,
  isConfluentStyle,
  ROWTIME_COLUMN,
  type TableSchema,
} from "../catalog/table-schema.ts";
import { mapArray } from "../map-array.ts";
import { formatDataType } from "../types/format-type.ts";
import { withNullability } from "../types/index.ts";
import { bindExpr } from "./bind-expression.ts";
import { bindQuery } from "./bind-query.ts";
import type { OutputColumn } from "./bound.ts";
import type { BindContext } from "./context.ts";
import { isError } from "./error-expr.ts";
import { exprScope } from "./expr-scope.ts";
import { Scope } from "./scope.ts";

/** Validates CREATE TABLE and builds the table's schema: columns, time attributes, key, options. */
export function bindCreateTable(stmt: CreateTable, ctx: BindContext): TableSchema | undefined {
  const path = qualify(
    ctx.catalog,
    mapArray(stmt.name.parts, (p) => p.value),
  );
  if (!path) {
    ctx.error("invalid-name", "a table name has at most three parts: catalog.database.table", stmt.name.span);
    return undefined;
  }
  const existing = ctx.catalog.getTable(path);
  if (existing && !stmt.ifNotExists && !stmt.orReplace) {
    ctx.error("table-exists", `table '${path.join(".")}' already exists`, stmt.name.span, [
      "use CREATE TABLE IF NOT EXISTS, or DROP it first",
    ]);
    return undefined;
  }
  const like = stmt.like ? likeSource(stmt, ctx) : undefined;
  const options: Record<string, string> = { ...(like?.options ?? {}) };
  for (const o of stmt.options) options[o.key] = o.value;

  const columns: ColumnSchema[] = like ? [...like.columns] : [];
  const binding = ctx.newBinding();
  const seen = new Set(mapArray(columns, (c) => c.name));
  // Computed columns may read physical and metadata columns, so those are bound first. Untyped
  // columns only order the columns of CREATE TABLE ... AS SELECT.
  let computed = false;
  for (const def of stmt.columns) {
    if (def.kind === "computedColumn") computed = true;
    else if (def.kind !== "untypedColumn" && isNew(def, seen, ctx)) columns.push(storedColumnSchema(def));
  }
  if (computed) {
    // What a computed column may read: the columns bound before it (the array grows as they are).
    const visible = mapArray(columns, scopeColumn);
    const scope = new Scope();
    scope.add({ binding, qualifiers: [], columns: visible });
    for (const def of stmt.columns) {
      if (def.kind !== "computedColumn" || !isNew(def, seen, ctx)) continue;
      const column = computedColumnSchema(def, ctx, scope);
      columns.push(column);
      visible.push(scopeColumn(column));
    }
  }
  // Restore declaration order: computed columns stay where the user wrote them. Without them (and
  // without LIKE) the columns are in that order already.
  if (like || computed) {
    const order = declarationOrder(stmt, like);
    const orderOf = (name: string): number => order.get(name) ?? 20_000;
    columns.sort((a, b) => orderOf(a.name) - orderOf(b.name));
  }

  const untyped = stmt.columns.filter((c) => c.kind === "untypedColumn");
  if (stmt.asQuery) {
    const query = bindQuery(stmt.asQuery, ctx, undefined);
    const named = mapArray(untyped, (u) => u.name.value);
    for (const u of untyped) {
      if (!query.columns.some((c) => c.name === u.name.value)) {
        ctx.error(
          "unknown-column",
          `the query of CREATE TABLE AS has no column '${u.name.value}'`,
          u.name.span,
        );
      }
    }
    const queryColumns = [
      ...named.flatMap((n) => query.columns.filter((c) => c.name === n)),
      ...query.columns.filter((c) => !named.includes(c.name)),
    ];
    for (const c of queryColumns) {
      if (seen.has(c.name)) continue;
      columns.push({ name: c.name, type: c.type, origin: "physical", virtual: false, hidden: false });
    }
  } else {
    for (const u of untyped) ctx.error("missing-type", `column '${u.name.value}' needs a type`, u.name.span);
  }

  const primaryKey = stmt.primaryKey ? bindPrimaryKey(stmt.primaryKey, columns, ctx) : like?.primaryKey;
  if (primaryKey) {
    for (const [i, c] of columns.entries())
      if (primaryKey.includes(c.name)) columns[i] = { ...c, type: withNullability(c.type, false) };
  }
  const watermarkDef = stmt.watermark ?? undefined;
  const watermark = watermarkDef ? bindWatermark(watermarkDef, columns, ctx, binding) : like?.watermark;
  if (isConfluentStyle(options) && !columns.some((c) => c.name === ROWTIME_COLUMN)) {
    // Confluent Cloud: every table exposes the Kafka record timestamp; without a declared watermark it
    // is the event-time attribute, with Confluent's default watermark strategy.
    columns.push({
      name: ROWTIME_COLUMN,
      type: { kind: "TIMESTAMP_LTZ", precision: 3, nullable: false },
      origin: "system",
      metadataKey: "timestamp",
      virtual: true,
      hidden: true,
      ...(watermark ? {} : { timeAttribute: "rowtime" as const }),
    });
  }
  const distribution = stmt.distribution
    ? bindDistribution(stmt.distribution, columns, ctx)
    : like?.distribution;
  for (const p of stmt.partitionedBy) requireColumn(p, columns, "PARTITIONED BY", ctx);
  // Every field present (absent ones undefined): one object shape, which V8 keeps across garbage
  // collections where conditional spreads would make short-lived ones (see common/keep-shape.ts).
  return {
    path,
    kind: "table",
    temporary: stmt.temporary,
    columns,
    primaryKey,
    watermark,
    distribution,
    partitionedBy: mapArray(stmt.partitionedBy, (p) => p.value),
    options,
    comment: stmt.comment,
    query: undefined,
    definition: stmt,
  };
}

function scopeColumn(c: ColumnSchema): OutputColumn {
  return c.timeAttribute
    ? { name: c.name, type: c.type, timeAttribute: c.timeAttribute }
    : { name: c.name, type: c.type };
}

/** Where each column goes: inherited (LIKE) columns first, then the declared ones in their order. */
function declarationOrder(stmt: CreateTable, like: TableSchema | undefined): Map<string, number> {
  const order = new Map<string, number>();
  for (const [i, def] of stmt.columns.entries())
    if (!order.has(def.name.value)) order.set(def.name.value, 10_000 + i);
  for (const [i, c] of (like?.columns ?? []).entries())
    if (!order.has(c.name) || order.get(c.name)! >= 10_000) order.set(c.name, i);
  return order;
}

/** Whether `def` is the first column of its name, else reports it. */
function isNew(def: ColumnDef, seen: Set<string>, ctx: BindContext): boolean {
  const name = def.name.value;
  if (seen.has(name)) {
    ctx.error("duplicate-column", `column '${name}' is defined twice`, def.name.span);
    return false;
  }
  seen.add(name);
  return true;
}

export function columnSchema(
  def: Exclude<ColumnDef, { kind: "untypedColumn" }>,
  ctx: BindContext,
  scope: Scope,
): ColumnSchema {
  return def.kind === "computedColumn" ? computedColumnSchema(def, ctx, scope) : storedColumnSchema(def);
}

/** A physical or metadata column. */
function storedColumnSchema(
  def: Extract<ColumnDef, { kind: "physicalColumn" | "metadataColumn" }>,
): ColumnSchema {
  // Fixed shapes, `comment` present when absent (undefined), rather than spreads (common/keep-shape.ts).
  const comment = def.comment;
  if (def.kind === "physicalColumn") {
    return {
      name: def.name.value,
      type: def.type,
      origin: "physical",
      virtual: false,
      hidden: false,
      comment,
    };
  }
  return {
    name: def.name.value,
    type: def.type,
    origin: "metadata",
    metadataKey: def.from ?? def.name.value,
    virtual: def.virtual,
    hidden: false,
    comment,
  };
}

/** A computed column, its expression bound in `scope` (the columns it may read). */
function computedColumnSchema(
  def: Extract<ColumnDef, { kind: "computedColumn" }>,
  ctx: BindContext,
  scope: Scope,
): ColumnSchema {
  const bound = bindExpr(def.expr, exprScope(ctx, scope, "computed column"));
  const proctime = bound.kind === "call" && bound.name === "PROCTIME";
  return {
    name: def.name.value,
    type: bound.type,
    origin: "computed",
    expr: def.expr,
    virtual: true,
    hidden: false,
    timeAttribute: proctime ? "proctime" : undefined,
    comment: def.comment,
  };
}

function requireColumn(
  name: Ident,
  columns: readonly ColumnSchema[],
  clause: string,
  ctx: BindContext,
): ColumnSchema | undefined {
  const column = columns.find((c) => c.name === name.value);
  if (!column)
    ctx.error(
      "unknown-column",
      `${clause} names unknown column '${name.value}'`,
      name.span,
      hintFor(name.value, columns),
    );
  return column;
}

function hintFor(name: string, columns: readonly ColumnSchema[]): string[] {
  const close = closestMatch(
    name,
    mapArray(columns, (c) => c.name),
  );
  return close ? [`did you mean ${close}?`] : [];
}

function bindPrimaryKey(
  pk: PrimaryKey,
  columns: readonly ColumnSchema[],
  ctx: BindContext,
): string[] | undefined {
  for (const name of pk.columns) {
    const column = requireColumn(name, columns, "PRIMARY KEY", ctx);
    if (column && column.origin !== "physical") {
      ctx.error(
        "invalid-primary-key",
        `PRIMARY KEY column '${name.value}' must be a physical column, not ${column.origin}`,
        name.span,
      );
    }
  }
  return mapArray(pk.columns, (c) => c.value);
}

function bindWatermark(
  wm: Watermark,
  columns: ColumnSchema[],
  ctx: BindContext,
  binding: number,
): TableSchema["watermark"] {
  const index = columns.findIndex((c) => c.name === wm.column.value);
  const column = columns[index];
  if (!column) {
    requireColumn(wm.column, columns, "WATERMARK FOR", ctx);
    return undefined;
  }
  if (
    (column.type.kind !== "TIMESTAMP" && column.type.kind !== "TIMESTAMP_LTZ") ||
    column.type.precision > 3
  ) {
    ctx.error(
      "invalid-watermark",
      `the WATERMARK column '${column.name}' must be TIMESTAMP(3) or TIMESTAMP_LTZ(3), not ${formatDataType(column.type)}`,
      wm.column.span,
    );
    return undefined;
  }
  const scope = new Scope();
  scope.add({ binding, qualifiers: [], columns: mapArray(columns, (c) => ({ name: c.name, type: c.type })) });
  const expr = bindExpr(wm.expr, exprScope(ctx, scope, "watermark"));
  if (!isError(expr) && expr.type.kind !== column.type.kind) {
    ctx.error(
      "invalid-watermark",
      `the WATERMARK expression must be ${column.type.kind}, got ${formatDataType(expr.type)}`,
      wm.expr.span,
    );
  }
  columns[index] = { ...column, timeAttribute: "rowtime" };
  return { column: column.name, expr: wm.expr };
}

function bindDistribution(
  d: Distribution,
  columns: readonly ColumnSchema[],
  ctx: BindContext,
): TableSchema["distribution"] {
  for (const c of d.columns) requireColumn(c, columns, "DISTRIBUTED BY", ctx);
  if (d.buckets !== undefined && d.buckets < 1)
    ctx.error("invalid-distribution", "the number of buckets must be at least 1", d.span);
  return {
    ...(d.algorithm ? { algorithm: d.algorithm } : {}),
    columns: mapArray(d.columns, (c) => c.value),
    ...(d.buckets !== undefined ? { buckets: d.buckets } : {}),
  };
}

/** The parts of the LIKE source the clause's INCLUDING/EXCLUDING options keep. */
function likeSource(stmt: CreateTable, ctx: BindContext): TableSchema | undefined {
  const like = stmt.like!;
  const path = qualify(
    ctx.catalog,
    mapArray(like.source.parts, (p) => p.value),
  );
  const source = path ? ctx.catalog.getTable(path) : undefined;
  if (!source) {
    ctx.error(
      "unknown-table",
      `LIKE names unknown table '${mapArray(like.source.parts, (p) => p.value).join(".")}'`,
      like.source.span,
    );
    return undefined;
  }
  const excluded = (feature: string): boolean => {
    let result = false;
    for (const o of like.options)
      if (o.feature === feature || o.feature === "ALL") result = o.action === "EXCLUDING";
    return result;
  };
  return {
    ...source,
    columns: source.columns.filter(
      (c) =>
        !(c.origin === "computed" && excluded("GENERATED")) &&
        !(c.origin === "metadata" && excluded("METADATA")) &&
        c.origin !== "system",
    ),
    ...(excluded("CONSTRAINTS") ? { primaryKey: undefined } : {}),
    ...(excluded("WATERMARKS") ? { watermark: undefined } : {}),
    ...(excluded("DISTRIBUTION") ? { distribution: undefined } : {}),
    options: excluded("OPTIONS") ? {} : source.options,
  } as TableSchema;
}
