import { closestMatch } from "../../common/diagnostic.ts";
import type { Property } from "../ast/names.ts";
import type {
  AlterTable,
  AlterView,
  CreateMaterializedTable,
  CreateView,
  Drop,
  Insert,
  Show,
  Statement,
} from "../ast/statement.ts";
import { qualify } from "../catalog/catalog.ts";
import type { SessionCatalog } from "../catalog/session-catalog.ts";
import { type ColumnSchema, newColumnSchema, type TableSchema } from "../catalog/table-schema.ts";
import { mapArray } from "../map-array.ts";
import { formatDataType } from "../types/format-type.ts";
import { canImplicitlyCast, withNullability } from "../types/index.ts";
import { applyAlterTable } from "./bind-alter-table.ts";
import { bindCreateTable } from "./bind-create-table.ts";
import { bindExpr } from "./bind-expression.ts";
import { bindAlterFunction, bindCreateFunction, bindDropFunction } from "./bind-function-ddl.ts";
import { bindQuery } from "./bind-query.ts";
import type { BoundQuery, BoundStatement, OutputColumn } from "./bound.ts";
import { BindContext } from "./context.ts";
import { exprScope } from "./expr-scope.ts";
import { Scope } from "./scope.ts";

/**
 * Binds one statement against the session catalog and applies its effect (CREATE, DROP, ALTER, USE)
 * when it is valid, so the next statement of the script sees it.
 */
export function bindStatement(
  stmt: Statement,
  catalog: SessionCatalog,
): { bound?: BoundStatement; ctx: BindContext } {
  const ctx = new BindContext(catalog);
  let bound: BoundStatement | undefined;
  try {
    bound = bindInContext(stmt, ctx, catalog);
  } catch (error) {
    // The JavaScript stack ran out on a very deep expression (the parser has its own guard).
    if (!(error instanceof RangeError)) throw error;
    ctx.error("too-deep", "statement is nested too deeply to bind", stmt.span);
  }
  return bound && ctx.diagnostics.length === 0 ? { bound, ctx } : { ctx };
}

function bindInContext(
  stmt: Statement,
  ctx: BindContext,
  catalog: SessionCatalog,
): BoundStatement | undefined {
  switch (stmt.kind) {
    case "queryStatement":
      return { kind: "query", query: bindQuery(stmt.query, ctx, undefined), statement: stmt };
    case "insert":
      return bindInsert(stmt, ctx);
    case "statementSet": {
      const inserts = mapArray(stmt.inserts, (i) => bindInsert(i, ctx)).filter(
        (b): b is BoundStatement => b !== undefined,
      );
      return { kind: "statementSet", inserts, statement: stmt };
    }
    case "explain": {
      const inner = bindInContext(stmt.statement, ctx, catalog);
      return inner ? { kind: "explain", inner, statement: stmt } : undefined;
    }
    case "createTable": {
      const table = bindCreateTable(stmt, ctx);
      if (table && ctx.diagnostics.length === 0 && !(stmt.ifNotExists && catalog.getTable(table.path)))
        catalog.putTable(table);
      return table ? { kind: "ddl", table, statement: stmt } : { kind: "ddl", statement: stmt };
    }
    case "createView":
    case "createMaterializedTable": {
      const table = bindDerivedTable(stmt, ctx);
      if (table && ctx.diagnostics.length === 0 && !(stmt.ifNotExists && catalog.getTable(table.path)))
        catalog.putTable(table);
      return table ? { kind: "ddl", table, statement: stmt } : { kind: "ddl", statement: stmt };
    }
    case "alterTable":
      return bindAlter(stmt, ctx, catalog);
    case "alterMaterializedTable": {
      const table = existingTable(stmt.name, ctx);
      if (table && table.kind !== "materializedTable")
        ctx.error("wrong-object", `'${table.path.join(".")}' is not a materialized table`, stmt.name.span);
      if (stmt.action.kind === "asQuery") bindQuery(stmt.action.query, ctx, undefined);
      return { kind: "ddl", statement: stmt };
    }
    case "alterView":
      bindAlterView(stmt, ctx, catalog);
      return { kind: "ddl", statement: stmt };
    case "alterDatabase": {
      const parts = mapArray(stmt.name.parts, (p) => p.value);
      const [cat, db] = parts.length === 2 ? [parts[0]!, parts[1]!] : [catalog.currentCatalog, parts[0]!];
      if (!catalog.hasDatabase(cat, db))
        ctx.error("unknown-database", `unknown database '${cat}.${db}'`, stmt.name.span);
      return { kind: "ddl", statement: stmt };
    }
    case "alterFunction":
      bindAlterFunction(stmt, ctx, catalog);
      return { kind: "ddl", statement: stmt };
    case "drop":
      bindDrop(stmt, ctx, catalog);
      return { kind: "ddl", statement: stmt };
    case "createFunction":
      bindCreateFunction(stmt, ctx, catalog);
      return { kind: "ddl", statement: stmt };
    case "createCatalog":
      if (catalog.hasCatalog(stmt.name.value) && !stmt.ifNotExists)
        ctx.error("catalog-exists", `catalog '${stmt.name.value}' already exists`, stmt.name.span);
      else catalog.createCatalog(stmt.name.value);
      return { kind: "ddl", statement: stmt };
    case "createDatabase": {
      const parts = mapArray(stmt.name.parts, (p) => p.value);
      const [cat, db] = parts.length === 2 ? [parts[0]!, parts[1]!] : [catalog.currentCatalog, parts[0]!];
      if (!catalog.hasCatalog(cat)) ctx.error("unknown-catalog", `unknown catalog '${cat}'`, stmt.name.span);
      else if (catalog.hasDatabase(cat, db) && !stmt.ifNotExists)
        ctx.error("database-exists", `database '${cat}.${db}' already exists`, stmt.name.span);
      else catalog.createDatabase(cat, db);
      return { kind: "ddl", statement: stmt };
    }
    case "use": {
      const parts = mapArray(stmt.name.parts, (p) => p.value);
      if (stmt.target === "CATALOG") {
        if (!catalog.hasCatalog(parts[0]!))
          ctx.error("unknown-catalog", `unknown catalog '${parts[0]}'`, stmt.name.span);
        else {
          catalog.currentCatalog = parts[0]!;
          catalog.currentDatabase = "default_database";
        }
      } else {
        const [cat, db] = parts.length === 2 ? [parts[0]!, parts[1]!] : [catalog.currentCatalog, parts[0]!];
        if (!catalog.hasDatabase(cat, db))
          ctx.error("unknown-database", `unknown database '${cat}.${db}'`, stmt.name.span);
        else {
          catalog.currentCatalog = cat;
          catalog.currentDatabase = db;
        }
      }
      return { kind: "ddl", statement: stmt };
    }
    case "describe":
      existingTable(stmt.name, ctx);
      return { kind: "ddl", statement: stmt };
    case "show":
      if (stmt.object === "CREATE TABLE" || stmt.object === "CREATE VIEW" || stmt.object === "COLUMNS") {
        if (stmt.target) existingTable(stmt.target, ctx);
      }
      if (stmt.object === "PARTITIONS" && stmt.target) bindShowPartitions(stmt.target, stmt.partition, ctx);
      return { kind: "ddl", statement: stmt };
    case "set":
    case "reset":
    case "jar":
    case "module":
      return { kind: "ddl", statement: stmt };
    case "alterCatalog":
      if (!catalog.hasCatalog(stmt.name.value))
        ctx.error("unknown-catalog", `unknown catalog '${stmt.name.value}'`, stmt.name.span);
      return { kind: "ddl", statement: stmt };
    case "callProcedure":
      // Procedures live in external catalogs the binder cannot see; their arguments are constants.
      for (const arg of stmt.args)
        bindExpr(arg.kind === "namedArgument" ? arg.value : arg, exprScope(ctx, new Scope(), "argument"));
      return { kind: "ddl", statement: stmt };
    default:
      return stmt satisfies never;
  }
}

function existingTable(
  name: { parts: readonly { value: string }[]; span: Statement["span"] },
  ctx: BindContext,
): TableSchema | undefined {
  const parts = mapArray(name.parts, (p) => p.value);
  const path = qualify(ctx.catalog, parts);
  const table = path ? ctx.catalog.getTable(path) : undefined;
  if (!table) {
    const hint = path
      ? closestMatch(parts[parts.length - 1]!, ctx.catalog.listTables(path[0], path[1]))
      : undefined;
    ctx.error(
      "unknown-table",
      `unknown table '${parts.join(".")}'`,
      name.span,
      hint ? [`did you mean ${hint}?`] : [],
    );
  }
  return table;
}

function bindDerivedTable(
  stmt: CreateView | CreateMaterializedTable,
  ctx: BindContext,
): TableSchema | undefined {
  const path = qualify(
    ctx.catalog,
    mapArray(stmt.name.parts, (p) => p.value),
  );
  if (!path) return undefined;
  const orReplace = stmt.kind === "createMaterializedTable" && stmt.orReplace;
  if (ctx.catalog.getTable(path) && !stmt.ifNotExists && !orReplace) {
    ctx.error("table-exists", `'${path.join(".")}' already exists`, stmt.name.span);
    return undefined;
  }
  const query = bindQuery(stmt.query, ctx, undefined);
  let columns = query.columns;
  if (stmt.kind === "createView" && stmt.columns.length > 0) {
    if (stmt.columns.length !== columns.length) {
      ctx.error(
        "column-count",
        `the view names ${stmt.columns.length} columns but its query returns ${columns.length}`,
        stmt.span,
      );
    } else {
      columns = mapArray(columns, (c, i) => ({ ...c, name: stmt.columns[i]!.value }));
    }
  }
  const primaryKey =
    stmt.kind === "createMaterializedTable" && stmt.primaryKey
      ? mapArray(stmt.primaryKey.columns, (c) => c.value)
      : undefined;
  for (const key of stmt.kind === "createMaterializedTable" ? (stmt.primaryKey?.columns ?? []) : []) {
    if (!columns.some((c) => c.name === key.value))
      ctx.error("unknown-column", `PRIMARY KEY names unknown column '${key.value}'`, key.span);
  }
  return {
    path,
    kind: stmt.kind === "createView" ? "view" : "materializedTable",
    temporary: stmt.kind === "createView" && stmt.temporary,
    columns: mapArray(columns, derivedColumn),
    primaryKey,
    // The fields of bindCreateTable's tables, absent ones undefined: one object shape.
    watermark: undefined,
    distribution: undefined,
    partitionedBy:
      stmt.kind === "createMaterializedTable" ? mapArray(stmt.partitionedBy, (p) => p.value) : [],
    options: stmt.kind === "createMaterializedTable" ? optionsOf(stmt.options) : {},
    comment: stmt.comment,
    query: stmt.query,
    definition: stmt,
  };
}

function optionsOf(properties: readonly Property[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (const p of properties) options[p.key] = p.value;
  return options;
}

/** A column of a view or materialized table. */
function derivedColumn(c: OutputColumn): ColumnSchema {
  return newColumnSchema(c.name, c.type, "physical", { timeAttribute: c.timeAttribute, hidden: c.hidden });
}

function bindAlter(stmt: AlterTable, ctx: BindContext, catalog: SessionCatalog): BoundStatement | undefined {
  const path = qualify(
    catalog,
    mapArray(stmt.name.parts, (p) => p.value),
  );
  const table = path ? catalog.getTable(path) : undefined;
  if (!table) {
    if (!stmt.ifExists) existingTable(stmt.name, ctx);
    return { kind: "ddl", statement: stmt };
  }
  const altered = applyAlterTable(table, stmt, ctx);
  if (altered && ctx.diagnostics.length === 0) {
    if (altered.path.join(".") !== table.path.join(".")) catalog.dropTable(table.path, table.temporary);
    catalog.putTable(altered);
  }
  return { kind: "ddl", ...(altered ? { table: altered } : {}), statement: stmt };
}

function bindDrop(stmt: Drop, ctx: BindContext, catalog: SessionCatalog): void {
  const parts = mapArray(stmt.name.parts, (p) => p.value);
  const missing = (what: string): void => {
    if (!stmt.ifExists)
      ctx.error("unknown-object", `${what} '${parts.join(".")}' does not exist`, stmt.name.span);
  };
  switch (stmt.object) {
    case "TABLE":
    case "VIEW":
    case "MATERIALIZED TABLE": {
      const path = qualify(catalog, parts);
      const table = path ? catalog.getTable(path) : undefined;
      if (!table || !path) {
        missing(stmt.object.toLowerCase());
        return;
      }
      const expected =
        stmt.object === "TABLE" ? "table" : stmt.object === "VIEW" ? "view" : "materializedTable";
      if (table.kind !== expected) {
        ctx.error(
          "wrong-object",
          `'${parts.join(".")}' is a ${table.kind === "materializedTable" ? "materialized table" : table.kind}, not a ${stmt.object.toLowerCase()}`,
          stmt.name.span,
        );
        return;
      }
      catalog.dropTable(path, table.temporary);
      return;
    }
    case "FUNCTION":
      bindDropFunction(stmt, ctx, catalog);
      return;
    case "CATALOG":
      if (!catalog.dropCatalog(parts[0]!)) missing("catalog");
      return;
    case "DATABASE": {
      const [cat, db] = parts.length === 2 ? [parts[0]!, parts[1]!] : [catalog.currentCatalog, parts[0]!];
      if (!catalog.dropDatabase(cat, db)) missing("database");
      return;
    }
    default:
      stmt.object satisfies never;
  }
}

/** INSERT: the target exists and is writable, and the query's columns fit the target columns. */
function bindInsert(stmt: Insert, ctx: BindContext): BoundStatement | undefined {
  const table = existingTable(stmt.table, ctx);
  const query = bindQuery(stmt.source, ctx, undefined);
  if (!table) return undefined;
  if (table.kind === "view") {
    ctx.error("insert-into-view", `cannot INSERT INTO view '${table.path.join(".")}'`, stmt.table.span);
    return undefined;
  }
  // Target columns by their position in the table: the writable ones, named or all but the static
  // partition columns.
  const columns = table.columns;
  const targets: number[] = [];
  if (stmt.columns.length > 0) {
    for (const name of stmt.columns) {
      const target = columns.findIndex((c) => isWritable(c) && c.name === name.value);
      if (target < 0) {
        const hint = closestMatch(
          name.value,
          mapArray(columns.filter(isWritable), (c) => c.name),
        );
        ctx.error(
          "unknown-column",
          `'${table.path[2]}' has no writable column '${name.value}'`,
          name.span,
          hint ? [`did you mean ${hint}?`] : [],
        );
        return undefined;
      }
      targets.push(target);
    }
  } else {
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!;
      if (isWritable(c) && !stmt.partition.some((p) => p.column.value === c.name)) targets.push(i);
    }
  }
  if (targets.length !== query.columns.length) {
    ctx.error(
      "column-count",
      `INSERT INTO '${table.path[2]}' writes ${targets.length} columns but the query returns ${query.columns.length}`,
      stmt.source.span,
    );
    return undefined;
  }
  for (let i = 0; i < targets.length; i++) {
    const type = query.columns[i]!.type;
    const target = columns[targets[i]!]!;
    // NOT NULL columns are enforced when rows are written (Flink's sink NOT NULL enforcer), not here:
    // the target takes the value's nullability, and only the types are compared.
    if (!canImplicitlyCast(type, withNullability(target.type, type.nullable))) {
      ctx.error(
        "type-mismatch",
        `column ${i + 1} of the query is ${formatDataType(type)}, which cannot be written to '${target.name}' ${formatDataType(target.type)}`,
        columnSpan(query, i) ?? stmt.source.span,
        ["add an explicit CAST"],
      );
    }
  }
  return {
    kind: "insert",
    table,
    targetColumns: targets,
    query,
    overwrite: stmt.overwrite,
    statement: stmt,
  };
}

/** Whether INSERT writes the column: not computed, not virtual metadata, not a system column. */
function isWritable(c: ColumnSchema): boolean {
  return !c.virtual && c.origin !== "computed" && c.origin !== "system";
}

function bindAlterView(stmt: AlterView, ctx: BindContext, catalog: SessionCatalog): void {
  const view = existingTable(stmt.name, ctx);
  if (!view) return;
  if (view.kind !== "view") {
    ctx.error("wrong-object", `'${view.path.join(".")}' is not a view`, stmt.name.span);
    return;
  }
  if (stmt.action.kind === "asQuery") {
    const query = bindQuery(stmt.action.query, ctx, undefined);
    const columns = mapArray(query.columns, (c) => newColumnSchema(c.name, c.type, "physical"));
    if (ctx.diagnostics.length === 0) catalog.putTable({ ...view, columns, query: stmt.action.query });
    return;
  }
  const path = qualify(
    catalog,
    mapArray(stmt.action.to.parts, (p) => p.value),
  );
  if (!path) return;
  if (catalog.getTable(path)) {
    ctx.error("table-exists", `'${path.join(".")}' already exists`, stmt.action.to.span);
    return;
  }
  catalog.dropTable(view.path, view.temporary);
  catalog.putTable({ ...view, path });
}

/** Where the i-th column of a query is written, when its body is a plain SELECT. */
function columnSpan(query: BoundQuery, i: number): Statement["span"] | undefined {
  let body = query.body;
  while (body.kind === "query") body = body.body;
  return body.kind === "select" ? body.projections[i]?.span : undefined;
}

/** SHOW PARTITIONS: the table exists, is partitioned, and the PARTITION spec names its partition keys. */
function bindShowPartitions(
  target: Show["target"] & {},
  partition: Show["partition"],
  ctx: BindContext,
): void {
  const table = existingTable(target, ctx);
  if (!table) return;
  if (table.partitionedBy.length === 0) {
    ctx.error("not-partitioned", `'${table.path.join(".")}' is not a partitioned table`, target.span);
    return;
  }
  for (const { column } of partition ?? []) {
    if (!table.partitionedBy.includes(column.value)) {
      const hint = closestMatch(column.value, table.partitionedBy);
      ctx.error(
        "unknown-column",
        `'${column.value}' is not a partition key of '${table.path[2]}'`,
        column.span,
        hint ? [`did you mean ${hint}?`] : [],
      );
    }
  }
}
