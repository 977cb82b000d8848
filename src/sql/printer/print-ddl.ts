import type {
  AlterCatalog,
  AlterDatabase,
  AlterFunction,
  AlterMaterializedTable,
  AlterTable,
  AlterView,
  CreateCatalog,
  CreateDatabase,
  CreateFunction,
  CreateMaterializedTable,
  CreateTable,
  CreateView,
  Drop,
  SchemaChange,
} from "../ast/index.ts";
import { indentedList, parenthesizedList } from "./layout.ts";
import type { Dialect } from "./options.ts";
import { printIntervalLiteral, printStringLiteral } from "./print-literal.ts";
import { printIdent, printIdentList, printName, printQualifiedName } from "./print-names.ts";
import { printQuery } from "./print-query.ts";
import {
  printColumnDef,
  printDistribution,
  printLikeClause,
  printPrimaryKey,
  printPropertyList,
  printWatermark,
} from "./print-schema.ts";

/**
 * CREATE TABLE with its clauses in the order Flink's grammar requires: the column list (columns, then
 * PRIMARY KEY, then WATERMARK), COMMENT, DISTRIBUTED BY, PARTITIONED BY, WITH, then LIKE or AS query.
 * The first clause after the column list shares the line of its closing parenthesis.
 */
export function printCreateTable(stmt: CreateTable, dialect: Dialect): string {
  const head = `CREATE ${stmt.orReplace ? "OR REPLACE " : ""}${stmt.temporary ? "TEMPORARY " : ""}TABLE ${stmt.ifNotExists ? "IF NOT EXISTS " : ""}${printQualifiedName(stmt.name)}`;
  const elements = stmt.columns.map(printColumnDef);
  if (stmt.primaryKey) elements.push(printPrimaryKey(stmt.primaryKey));
  if (stmt.watermark) elements.push(printWatermark(stmt.watermark));
  const clauses = tableClauses(stmt, dialect);
  const tail: string[] = [];
  if (stmt.like) tail.push(printLikeClause(stmt.like));
  if (stmt.asQuery) tail.push(`AS ${printQuery(stmt.asQuery)}`);
  if (elements.length === 0) return [head, ...clauses, ...tail].join("\n");
  const [first, ...rest] = clauses;
  const columnList = `${head} (\n${indentedList(elements)}\n)${first === undefined ? "" : ` ${first}`}`;
  return [columnList, ...rest, ...tail].join("\n");
}

/** COMMENT, DISTRIBUTED BY, PARTITIONED BY, WITH: shared by tables and materialized tables. */
function tableClauses(
  stmt: Pick<CreateTable, "comment" | "distribution" | "partitionedBy" | "options">,
  dialect: Dialect,
): string[] {
  const clauses: string[] = [];
  if (stmt.comment !== undefined) clauses.push(`COMMENT ${printStringLiteral(stmt.comment)}`);
  if (stmt.distribution) clauses.push(`DISTRIBUTED ${printDistribution(stmt.distribution, dialect)}`);
  if (stmt.partitionedBy.length > 0) clauses.push(`PARTITIONED BY ${printIdentList(stmt.partitionedBy)}`);
  if (stmt.options.length > 0) clauses.push(`WITH ${printPropertyList(stmt.options)}`);
  return clauses;
}

export function printCreateView(stmt: CreateView): string {
  const columns = stmt.columns.length > 0 ? ` ${printIdentList(stmt.columns)}` : "";
  const comment = stmt.comment === undefined ? "" : ` COMMENT ${printStringLiteral(stmt.comment)}`;
  return `CREATE ${stmt.temporary ? "TEMPORARY " : ""}VIEW ${stmt.ifNotExists ? "IF NOT EXISTS " : ""}${printQualifiedName(stmt.name)}${columns}${comment} AS\n${printQuery(stmt.query)}`;
}

/**
 * `CREATE [OR ALTER] MATERIALIZED TABLE t [(PRIMARY KEY ...)] ... FRESHNESS = ... REFRESH_MODE = ... AS query`.
 * Flink spells the replacing form `CREATE OR ALTER` (there is no `OR REPLACE` for materialized tables).
 */
export function printCreateMaterializedTable(stmt: CreateMaterializedTable, dialect: Dialect): string {
  const lines = [
    `CREATE ${stmt.orReplace ? "OR ALTER " : ""}MATERIALIZED TABLE ${stmt.ifNotExists ? "IF NOT EXISTS " : ""}${printQualifiedName(stmt.name)}`,
  ];
  if (stmt.primaryKey) lines[0] += ` (\n  ${printPrimaryKey(stmt.primaryKey)}\n)`;
  lines.push(...tableClauses(stmt, dialect));
  if (stmt.freshness) lines.push(`FRESHNESS = ${printIntervalLiteral(stmt.freshness)}`);
  if (stmt.refreshMode) lines.push(`REFRESH_MODE = ${stmt.refreshMode}`);
  lines.push(`AS ${printQuery(stmt.query)}`);
  return lines.join("\n");
}

/** `CREATE [TEMPORARY [SYSTEM]] FUNCTION [IF NOT EXISTS] f AS 'impl' [LANGUAGE l] [USING JAR 'x', ...]`. */
export function printCreateFunction(stmt: CreateFunction): string {
  let text = `CREATE ${temporaryKeywords(stmt)}FUNCTION ${stmt.ifNotExists ? "IF NOT EXISTS " : ""}${printQualifiedName(stmt.name)} AS ${printStringLiteral(stmt.implementation)}`;
  if (stmt.language) text += ` LANGUAGE ${stmt.language}`;
  if (stmt.using.length > 0)
    text += ` USING ${stmt.using.map((jar) => `JAR ${printStringLiteral(jar)}`).join(", ")}`;
  return text;
}

/** `ALTER [TEMPORARY [SYSTEM]] FUNCTION [IF EXISTS] f AS 'impl' [LANGUAGE l]`. */
export function printAlterFunction(stmt: AlterFunction): string {
  const text = `ALTER ${temporaryKeywords(stmt)}FUNCTION ${stmt.ifExists ? "IF EXISTS " : ""}${printQualifiedName(stmt.name)} AS ${printStringLiteral(stmt.implementation)}`;
  return stmt.language ? `${text} LANGUAGE ${stmt.language}` : text;
}

/** `TEMPORARY SYSTEM ` for system functions (which are always temporary), `TEMPORARY ` or nothing. */
function temporaryKeywords(stmt: { readonly temporary: boolean; readonly system: boolean }): string {
  if (stmt.system) return "TEMPORARY SYSTEM ";
  return stmt.temporary ? "TEMPORARY " : "";
}

export function printCreateCatalog(stmt: CreateCatalog): string {
  return printCreateContainer("CATALOG", stmt.ifNotExists, printIdent(stmt.name), stmt);
}

export function printCreateDatabase(stmt: CreateDatabase): string {
  return printCreateContainer("DATABASE", stmt.ifNotExists, printQualifiedName(stmt.name), stmt);
}

function printCreateContainer(
  object: string,
  ifNotExists: boolean,
  name: string,
  stmt: Pick<CreateDatabase, "comment" | "options">,
): string {
  const lines = [`CREATE ${object} ${ifNotExists ? "IF NOT EXISTS " : ""}${name}`];
  if (stmt.comment !== undefined) lines.push(`COMMENT ${printStringLiteral(stmt.comment)}`);
  if (stmt.options.length > 0) lines.push(`WITH ${printPropertyList(stmt.options)}`);
  return lines.join("\n");
}

export function printAlterDatabase(stmt: AlterDatabase): string {
  return `ALTER DATABASE ${printQualifiedName(stmt.name)} SET ${printPropertyList(stmt.options)}`;
}

export function printAlterCatalog(stmt: AlterCatalog): string {
  const action = stmt.action;
  const text =
    action.kind === "set"
      ? `SET ${printPropertyList(action.options)}`
      : action.kind === "reset"
        ? `RESET (${action.keys.map(printStringLiteral).join(", ")})`
        : `COMMENT ${printStringLiteral(action.comment)}`;
  return `ALTER CATALOG ${printIdent(stmt.name)} ${text}`;
}

export function printAlterTable(stmt: AlterTable, dialect: Dialect): string {
  return `ALTER TABLE ${stmt.ifExists ? "IF EXISTS " : ""}${printQualifiedName(stmt.name)} ${printAlterAction(stmt.action, dialect)}`;
}

function printAlterAction(action: AlterTable["action"], dialect: Dialect): string {
  switch (action.kind) {
    case "setOptions":
      return `SET ${printPropertyList(action.options)}`;
    case "resetOptions":
      return `RESET ${parenthesizedList(action.keys.map(printStringLiteral))}`;
    case "add":
    case "modify": {
      const keyword = action.kind === "add" ? "ADD" : "MODIFY";
      const changes = action.changes.map((change) => printSchemaChange(change, dialect));
      return changes.length === 1 ? `${keyword} ${changes[0]}` : `${keyword} (\n${indentedList(changes)}\n)`;
    }
    case "dropColumns":
      return action.columns.length === 1
        ? `DROP ${printIdent(action.columns[0]!)}`
        : `DROP ${printIdentList(action.columns)}`;
    case "dropWatermark":
      return "DROP WATERMARK";
    case "dropPrimaryKey":
      return "DROP PRIMARY KEY";
    case "dropDistribution":
      return "DROP DISTRIBUTION";
    case "renameTable":
      return `RENAME TO ${printQualifiedName(action.to)}`;
    case "renameColumn":
      return `RENAME ${printIdent(action.from)} TO ${printIdent(action.to)}`;
    default:
      return action satisfies never;
  }
}

function printSchemaChange(change: SchemaChange, dialect: Dialect): string {
  switch (change.kind) {
    case "columnChange": {
      const position = change.position;
      const placed =
        position === undefined
          ? ""
          : position.kind === "first"
            ? " FIRST"
            : ` AFTER ${printIdent(position.column)}`;
      return printColumnDef(change.column) + placed;
    }
    case "watermarkChange":
      return printWatermark(change.watermark);
    case "primaryKeyChange":
      return printPrimaryKey(change.primaryKey);
    case "distributionChange":
      return `DISTRIBUTION ${printDistribution(change.distribution, dialect)}`;
    default:
      return change satisfies never;
  }
}

export function printAlterMaterializedTable(stmt: AlterMaterializedTable): string {
  const head = `ALTER MATERIALIZED TABLE ${printQualifiedName(stmt.name)}`;
  const action = stmt.action;
  switch (action.kind) {
    case "suspend":
      return `${head} SUSPEND`;
    case "resume":
      return action.options.length > 0
        ? `${head} RESUME WITH ${printPropertyList(action.options)}`
        : `${head} RESUME`;
    case "refresh": {
      // Partition keys are column names, not strings: `PARTITION (ds = '2024-06-01')`.
      const partition = action.partition.map((p) => `${printName(p.key)} = ${printStringLiteral(p.value)}`);
      return partition.length > 0
        ? `${head} REFRESH PARTITION ${parenthesizedList(partition)}`
        : `${head} REFRESH`;
    }
    case "asQuery":
      return `${head} AS\n${printQuery(action.query)}`;
    default:
      return action satisfies never;
  }
}

export function printAlterView(stmt: AlterView): string {
  const head = `ALTER VIEW ${printQualifiedName(stmt.name)}`;
  const action = stmt.action;
  switch (action.kind) {
    case "renameView":
      return `${head} RENAME TO ${printQualifiedName(action.to)}`;
    case "asQuery":
      return `${head} AS\n${printQuery(action.query)}`;
    default:
      return action satisfies never;
  }
}

/** `DROP [TEMPORARY [SYSTEM]] object [IF EXISTS] name [CASCADE | RESTRICT]`. */
export function printDrop(stmt: Drop): string {
  const cascade = stmt.cascade === undefined ? "" : stmt.cascade ? " CASCADE" : " RESTRICT";
  return `DROP ${temporaryKeywords(stmt)}${stmt.object} ${stmt.ifExists ? "IF EXISTS " : ""}${printQualifiedName(stmt.name)}${cascade}`;
}
