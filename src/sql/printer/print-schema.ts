import type { ColumnDef, Distribution, LikeClause, PrimaryKey, Property, Watermark } from "../ast/index.ts";
import { formatDataType } from "../types/format-type.ts";
import { indentedList } from "./layout.ts";
import type { Dialect } from "./options.ts";
import { printExpr } from "./print-expression.ts";
import { printStringLiteral } from "./print-literal.ts";
import { printIdent, printIdentList, printProperty, printQualifiedName } from "./print-names.ts";

/**
 * `name TYPE [COMMENT ...]`, `name AS expr [COMMENT ...]`, `name TYPE METADATA [FROM 'k'] [VIRTUAL]
 * [COMMENT ...]`, or just `name` in the column list of CREATE TABLE ... AS.
 */
export function printColumnDef(column: ColumnDef): string {
  const name = printIdent(column.name);
  if (column.kind === "untypedColumn") return name;
  const comment = column.comment === undefined ? "" : ` COMMENT ${printStringLiteral(column.comment)}`;
  switch (column.kind) {
    case "physicalColumn":
      return `${name} ${formatDataType(column.type)}${comment}`;
    case "computedColumn":
      return `${name} AS ${printExpr(column.expr)}${comment}`;
    case "metadataColumn": {
      const from = column.from === undefined ? "" : ` FROM ${printStringLiteral(column.from)}`;
      return `${name} ${formatDataType(column.type)} METADATA${from}${column.virtual ? " VIRTUAL" : ""}${comment}`;
    }
    default:
      return column satisfies never;
  }
}

/** `[CONSTRAINT name] PRIMARY KEY (a, b) NOT ENFORCED`: Flink accepts only unenforced keys. */
export function printPrimaryKey(key: PrimaryKey): string {
  const constraint = key.constraintName ? `CONSTRAINT ${printIdent(key.constraintName)} ` : "";
  return `${constraint}PRIMARY KEY ${printIdentList(key.columns)} NOT ENFORCED`;
}

export function printWatermark(watermark: Watermark): string {
  return `WATERMARK FOR ${printIdent(watermark.column)} AS ${printExpr(watermark.expr)}`;
}

/**
 * `BY HASH(k) INTO 4 BUCKETS`, `BY (k)`, `INTO 4 BUCKETS`: what follows `DISTRIBUTED` in CREATE TABLE and
 * `DISTRIBUTION` in ALTER TABLE. Confluent gets `HASH` spelled out (see `Dialect`).
 */
export function printDistribution(distribution: Distribution, dialect: Dialect): string {
  const parts: string[] = [];
  if (distribution.columns.length > 0) {
    const algorithm = distribution.algorithm ?? (dialect === "confluent" ? "HASH" : "");
    parts.push(`BY ${algorithm}${printIdentList(distribution.columns)}`);
  }
  if (distribution.buckets !== undefined) parts.push(`INTO ${distribution.buckets} BUCKETS`);
  return parts.join(" ");
}

/** `LIKE source (INCLUDING ALL EXCLUDING OPTIONS)`. */
export function printLikeClause(like: LikeClause): string {
  const source = printQualifiedName(like.source);
  if (like.options.length === 0) return `LIKE ${source}`;
  return `LIKE ${source} (${like.options.map((o) => `${o.action} ${o.feature}`).join(" ")})`;
}

/** `('k' = 'v')` for one option, otherwise one option per line. */
export function printPropertyList(properties: readonly Property[]): string {
  const items = properties.map(printProperty);
  return items.length === 1 ? `(${items[0]})` : `(\n${indentedList(items)}\n)`;
}
