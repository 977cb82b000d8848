import type { Expr } from "../ast/expression.ts";
import type { AlterTable, SchemaChange } from "../ast/statement.ts";
import { qualify } from "../catalog/catalog.ts";
import type { ColumnSchema, TableSchema } from "../catalog/table-schema.ts";
import { mapArray } from "../map-array.ts";
import { columnSchema } from "./bind-create-table.ts";
import type { BindContext } from "./context.ts";
import { Scope, ScopeRelation } from "./scope.ts";
import { walkExpr } from "./walk-ast.ts";

/** The schema after an ALTER TABLE, or undefined when the change is invalid (errors reported). */
export function applyAlterTable(
  table: TableSchema,
  stmt: AlterTable,
  ctx: BindContext,
): TableSchema | undefined {
  const action = stmt.action;
  switch (action.kind) {
    case "setOptions":
      return {
        ...table,
        options: {
          ...table.options,
          ...Object.fromEntries(mapArray(action.options, (o) => [o.key, o.value])),
        },
      };
    case "resetOptions": {
      const options = { ...table.options };
      for (const key of action.keys) delete options[key];
      return { ...table, options };
    }
    case "renameTable": {
      const path = qualify(
        ctx.catalog,
        mapArray(action.to.parts, (p) => p.value),
      );
      if (!path) return undefined;
      if (ctx.catalog.getTable(path)) {
        ctx.error("table-exists", `table '${path.join(".")}' already exists`, action.to.span);
        return undefined;
      }
      return { ...table, path };
    }
    case "renameColumn": {
      const index = table.columns.findIndex((c) => c.name === action.from.value);
      if (index < 0) {
        ctx.error(
          "unknown-column",
          `'${table.path[2]}' has no column '${action.from.value}'`,
          action.from.span,
        );
        return undefined;
      }
      if (table.columns.some((c) => c.name === action.to.value)) {
        ctx.error(
          "duplicate-column",
          `'${table.path[2]}' already has a column '${action.to.value}'`,
          action.to.span,
        );
        return undefined;
      }
      const rename = (name: string): string => (name === action.from.value ? action.to.value : name);
      return {
        ...table,
        columns: mapArray(table.columns, (c, i) => (i === index ? { ...c, name: action.to.value } : c)),
        ...(table.primaryKey ? { primaryKey: mapArray(table.primaryKey, rename) } : {}),
        ...(table.watermark
          ? { watermark: { ...table.watermark, column: rename(table.watermark.column) } }
          : {}),
      };
    }
    case "dropColumns": {
      for (const c of action.columns) {
        if (!table.columns.some((t) => t.name === c.value)) {
          ctx.error("unknown-column", `'${table.path[2]}' has no column '${c.value}'`, c.span);
          return undefined;
        }
        const dependent = table.columns.find(
          (col) => col.expr !== undefined && readsColumn(col.expr, c.value),
        );
        if (dependent) {
          ctx.error(
            "column-in-use",
            `cannot drop '${c.value}': the computed column '${dependent.name}' uses it`,
            c.span,
          );
          return undefined;
        }
        if (table.primaryKey?.includes(c.value) || table.watermark?.column === c.value) {
          ctx.error(
            "column-in-use",
            `cannot drop '${c.value}': the primary key or watermark uses it`,
            c.span,
          );
          return undefined;
        }
      }
      const dropped = new Set(mapArray(action.columns, (c) => c.value));
      return { ...table, columns: table.columns.filter((c) => !dropped.has(c.name)) };
    }
    case "dropWatermark":
      if (!table.watermark) ctx.error("no-watermark", `'${table.path[2]}' has no watermark`, stmt.span);
      return withoutKey(
        {
          ...table,
          columns: mapArray(table.columns, (c) =>
            c.name === table.watermark?.column ? stripTimeAttribute(c) : c,
          ),
        },
        "watermark",
      );
    case "dropPrimaryKey":
      if (!table.primaryKey) ctx.error("no-primary-key", `'${table.path[2]}' has no primary key`, stmt.span);
      return withoutKey(table, "primaryKey");
    case "dropDistribution":
      return withoutKey(table, "distribution");
    case "add":
    case "modify":
      return applyChanges(table, action.kind, action.changes, ctx);
    default:
      return action satisfies never;
  }
}

function withoutKey<K extends "watermark" | "primaryKey" | "distribution">(
  table: TableSchema,
  key: K,
): TableSchema {
  const { [key]: _removed, ...rest } = table;
  return rest as TableSchema;
}

function stripTimeAttribute(column: ColumnSchema): ColumnSchema {
  const { timeAttribute: _dropped, ...rest } = column;
  return rest;
}

function applyChanges(
  table: TableSchema,
  mode: "add" | "modify",
  changes: readonly SchemaChange[],
  ctx: BindContext,
): TableSchema | undefined {
  let result: TableSchema = table;
  for (const change of changes) {
    switch (change.kind) {
      case "columnChange": {
        const name = change.column.name.value;
        const existing = result.columns.findIndex((c) => c.name === name);
        if (mode === "add" && existing >= 0) {
          ctx.error(
            "duplicate-column",
            `'${table.path[2]}' already has a column '${name}'`,
            change.column.name.span,
          );
          return undefined;
        }
        if (mode === "modify" && existing < 0) {
          ctx.error(
            "unknown-column",
            `'${table.path[2]}' has no column '${name}' to modify`,
            change.column.name.span,
          );
          return undefined;
        }
        const scope = new Scope();
        scope.add(
          new ScopeRelation(
            ctx.newBinding(),
            [],
            mapArray(result.columns, (c) => ({ name: c.name, type: c.type })),
          ),
        );
        if (change.column.kind === "untypedColumn") {
          ctx.error("missing-type", `column '${name}' needs a type`, change.column.name.span);
          return undefined;
        }
        const column = columnSchema(change.column, ctx, scope);
        const columns = result.columns.filter((c) => c.name !== name);
        let at = mode === "modify" ? existing : columns.length;
        if (change.position?.kind === "first") at = 0;
        if (change.position?.kind === "after") {
          const anchorName = change.position.column;
          const anchor = columns.findIndex((c) => c.name === anchorName.value);
          if (anchor < 0) {
            ctx.error("unknown-column", `AFTER names unknown column '${anchorName.value}'`, anchorName.span);
            return undefined;
          }
          at = anchor + 1;
        }
        columns.splice(at, 0, column);
        result = { ...result, columns };
        break;
      }
      case "watermarkChange": {
        const column = change.watermark.column.value;
        if (!result.columns.some((c) => c.name === column)) {
          ctx.error(
            "unknown-column",
            `WATERMARK FOR names unknown column '${column}'`,
            change.watermark.column.span,
          );
          return undefined;
        }
        result = {
          ...result,
          columns: mapArray(result.columns, (c) =>
            c.name === column ? { ...c, timeAttribute: "rowtime" } : c,
          ),
          watermark: { column, expr: change.watermark.expr },
        };
        break;
      }
      case "primaryKeyChange":
        for (const c of change.primaryKey.columns) {
          if (!result.columns.some((col) => col.name === c.value)) {
            ctx.error("unknown-column", `PRIMARY KEY names unknown column '${c.value}'`, c.span);
            return undefined;
          }
        }
        result = { ...result, primaryKey: mapArray(change.primaryKey.columns, (c) => c.value) };
        break;
      case "distributionChange":
        result = {
          ...result,
          distribution: {
            ...(change.distribution.algorithm ? { algorithm: change.distribution.algorithm } : {}),
            columns: mapArray(change.distribution.columns, (c) => c.value),
            ...(change.distribution.buckets !== undefined ? { buckets: change.distribution.buckets } : {}),
          },
        };
        break;
      default:
        change satisfies never;
    }
  }
  return result;
}

function readsColumn(expr: Expr, name: string): boolean {
  let found = false;
  walkExpr(expr, (e) => {
    if (e.kind === "column" && e.parts[0]?.value === name) found = true;
    return !found;
  });
  return found;
}
