import { closestMatch } from "../../common/diagnostic.ts";
import type { Ident } from "../ast/names.ts";
import type { ColumnDef, CreateTable, Distribution, PrimaryKey, Watermark } from "../ast/statement.ts";
import { qualify } from "../catalog/catalog.ts";
import {
  type ColumnSchema,
  isConfluentStyle,
  newColumnSchema,
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
import { Scope, ScopeRelation } from "./scope.ts";

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
  // Built in place, not spread from LIKE's options: most tables have no LIKE.
  const options: Record<string, string> = like ? { ...like.options } : {};
  for (const o of stmt.options) options[o.key] = o.value;

  // `columns` doubles as the set of names taken: a table has too few columns for a hash set to pay.
  const columns: ColumnSchema[] = like ? like.columns.slice() : [];
  const inherited = columns.length;
  const binding = ctx.newBinding();
  // Computed columns may read physical and metadata columns, so those are bound first. Untyped
  // columns only order the columns of CREATE TABLE ... AS SELECT.
  let computed = false;
  let untyped = false;
  for (const def of stmt.columns) {
    if (def.kind === "computedColumn") computed = true;
    else if (def.kind === "untypedColumn") untyped = true;
    else if (isNew(def, columns, ctx)) columns.push(storedColumnSchema(def));
  }
  if (computed) bindComputedColumns(stmt, columns, binding, ctx);
  if (computed || untyped) restoreDeclarationOrder(stmt, columns, inherited);

  if (stmt.asQuery) {
    const query = bindQuery(stmt.asQuery, ctx, undefined);
    const untypedDefs = untypedColumns(stmt);
    const named = mapArray(untypedDefs, (u) => u.name.value);
    for (const u of untypedDefs) {
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
      if (hasColumn(columns, c.name)) continue;
      columns.push(newColumnSchema(c.name, c.type, "physical"));
    }
  } else if (untyped) {
    for (const u of untypedColumns(stmt))
      ctx.error("missing-type", `column '${u.name.value}' needs a type`, u.name.span);
  }

  const primaryKey = stmt.primaryKey ? bindPrimaryKey(stmt.primaryKey, columns, ctx) : like?.primaryKey;
  if (primaryKey) {
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!;
      if (c.type.nullable && primaryKey.includes(c.name))
        columns[i] = { ...c, type: withNullability(c.type, false) };
    }
  }
  const watermarkDef = stmt.watermark ?? undefined;
  const watermark = watermarkDef ? bindWatermark(watermarkDef, columns, ctx, binding) : like?.watermark;
  if (isConfluentStyle(options) && !hasColumn(columns, ROWTIME_COLUMN)) {
    // Confluent Cloud: every table exposes the Kafka record timestamp; without a declared watermark it
    // is the event-time attribute, with Confluent's default watermark strategy.
    columns.push(
      newColumnSchema(ROWTIME_COLUMN, { kind: "TIMESTAMP_LTZ", precision: 3, nullable: false }, "system", {
        metadataKey: "timestamp",
        virtual: true,
        timeAttribute: watermark ? undefined : "rowtime",
        hidden: true,
      }),
    );
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

/** Binds the computed columns after the stored ones, each seeing the columns bound before it. */
function bindComputedColumns(
  stmt: CreateTable,
  columns: ColumnSchema[],
  binding: number,
  ctx: BindContext,
): void {
  // What a computed column may read: the columns bound before it (the array grows as they are).
  const visible = mapArray(columns, scopeColumn);
  const scope = new Scope();
  scope.add(new ScopeRelation(binding, [], visible));
  for (const def of stmt.columns) {
    if (def.kind !== "computedColumn" || !isNew(def, columns, ctx)) continue;
    const column = computedColumnSchema(def, ctx, scope);
    columns.push(column);
    visible.push(scopeColumn(column));
  }
}

/**
 * Puts the declared columns (those after the `inherited` ones of LIKE) where the user wrote them: the
 * first definition of a name places its column. Stored columns were bound in that order already; a
 * computed column, or an untyped one (which only orders CREATE TABLE ... AS SELECT), can move them.
 */
function restoreDeclarationOrder(stmt: CreateTable, columns: ColumnSchema[], inherited: number): void {
  const declared = columns.slice(inherited);
  columns.length = inherited;
  for (const def of stmt.columns) {
    const name = def.name.value;
    if (hasColumn(columns, name)) continue;
    for (const column of declared)
      if (column.name === name) {
        columns.push(column);
        break;
      }
  }
}

function untypedColumns(stmt: CreateTable): ColumnDef[] {
  return stmt.columns.filter((c) => c.kind === "untypedColumn");
}

function hasColumn(columns: readonly ColumnSchema[], name: string): boolean {
  for (let i = 0; i < columns.length; i++) if (columns[i]!.name === name) return true;
  return false;
}

/** Whether `def` is the first column of its name, else reports it. */
function isNew(def: ColumnDef, columns: readonly ColumnSchema[], ctx: BindContext): boolean {
  const name = def.name.value;
  if (!hasColumn(columns, name)) return true;
  ctx.error("duplicate-column", `column '${name}' is defined twice`, def.name.span);
  return false;
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
  const comment = def.comment;
  if (def.kind === "physicalColumn")
    return newColumnSchema(def.name.value, def.type, "physical", { comment });
  return newColumnSchema(def.name.value, def.type, "metadata", {
    metadataKey: def.from ?? def.name.value,
    virtual: def.virtual,
    comment,
  });
}

/** A computed column, its expression bound in `scope` (the columns it may read). */
function computedColumnSchema(
  def: Extract<ColumnDef, { kind: "computedColumn" }>,
  ctx: BindContext,
  scope: Scope,
): ColumnSchema {
  const bound = bindExpr(def.expr, exprScope(ctx, scope, "computed column"));
  const proctime = bound.kind === "call" && bound.name === "PROCTIME";
  return newColumnSchema(def.name.value, bound.type, "computed", {
    expr: def.expr,
    virtual: true,
    timeAttribute: proctime ? "proctime" : undefined,
    comment: def.comment,
  });
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
  scope.add(
    new ScopeRelation(
      binding,
      [],
      mapArray(columns, (c) => ({ name: c.name, type: c.type })),
    ),
  );
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
