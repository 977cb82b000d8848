import type { Explain, Show, ShowObject, Statement } from "../ast/index.ts";
import { dialectOf, type PrintOptions } from "./options.ts";
import {
  printAlterCatalog,
  printAlterDatabase,
  printAlterFunction,
  printAlterMaterializedTable,
  printAlterTable,
  printAlterView,
  printCreateCatalog,
  printCreateDatabase,
  printCreateFunction,
  printCreateMaterializedTable,
  printCreateTable,
  printCreateView,
  printDrop,
} from "./print-ddl.ts";
import { printInsert, printPartitionSpec, printStatementSet } from "./print-dml.ts";
import { printExprList } from "./print-expression.ts";
import { printStringLiteral } from "./print-literal.ts";
import { printIdent, printProperty, printQualifiedName } from "./print-names.ts";
import { printQuery } from "./print-query.ts";
import { printPropertyList } from "./print-schema.ts";

/** One statement, without the `;` that ends it in a script. */
export function printStatement(stmt: Statement, options?: PrintOptions): string {
  const dialect = dialectOf(options);
  switch (stmt.kind) {
    case "queryStatement":
      return printQuery(stmt.query);
    case "createTable":
      return printCreateTable(stmt, dialect);
    case "createView":
      return printCreateView(stmt);
    case "createMaterializedTable":
      return printCreateMaterializedTable(stmt, dialect);
    case "createFunction":
      return printCreateFunction(stmt);
    case "createCatalog":
      return printCreateCatalog(stmt);
    case "createDatabase":
      return printCreateDatabase(stmt);
    case "alterTable":
      return printAlterTable(stmt, dialect);
    case "alterMaterializedTable":
      return printAlterMaterializedTable(stmt);
    case "alterDatabase":
      return printAlterDatabase(stmt);
    case "alterCatalog":
      return printAlterCatalog(stmt);
    case "alterFunction":
      return printAlterFunction(stmt);
    case "alterView":
      return printAlterView(stmt);
    case "drop":
      return printDrop(stmt);
    case "use":
      return `USE ${stmt.target === "CATALOG" ? "CATALOG " : ""}${printQualifiedName(stmt.name)}`;
    case "set":
      return stmt.property ? `SET ${printProperty(stmt.property)}` : "SET";
    case "reset":
      return stmt.key === undefined ? "RESET" : `RESET ${printStringLiteral(stmt.key)}`;
    case "show":
      return printShow(stmt);
    case "describe":
      return `DESCRIBE ${stmt.extended ? "EXTENDED " : ""}${printQualifiedName(stmt.name)}`;
    case "explain":
      return printExplain(stmt);
    case "insert":
      return printInsert(stmt);
    case "statementSet":
      return printStatementSet(stmt);
    case "jar":
      return `${stmt.action} JAR ${printStringLiteral(stmt.path)}`;
    case "module": {
      const options = stmt.options.length > 0 ? ` WITH ${printPropertyList(stmt.options)}` : "";
      return `${stmt.action} MODULE ${printIdent(stmt.name)}${options}`;
    }
    case "callProcedure":
      return `CALL ${printQualifiedName(stmt.procedure)}(${printExprList(stmt.args)})`;
    default:
      return stmt satisfies never;
  }
}

/** Statements separated by a blank line, each ended by `;`, the script by a newline. */
export function printScript(statements: readonly Statement[], options?: PrintOptions): string {
  if (statements.length === 0) return "";
  return `${statements.map((stmt) => printStatement(stmt, options)).join(";\n\n")};\n`;
}

/** `EXPLAIN [ESTIMATED_COST, CHANGELOG_MODE, ...] statement`. */
function printExplain(explain: Explain): string {
  const details = explain.details.length > 0 ? ` ${explain.details.join(", ")}` : "";
  const inner = explain.statement;
  const statement =
    inner.kind === "statementSet"
      ? printStatementSet(inner, true)
      : inner.kind === "insert"
        ? printInsert(inner)
        : printQuery(inner.query);
  return `EXPLAIN${details} ${statement}`;
}

function printShow(show: Show): string {
  let text = `SHOW ${show.object}`;
  if (show.target) text += ` ${showTargetKeyword(show.object)}${printQualifiedName(show.target)}`;
  if (show.partition) text += ` ${printPartitionSpec(show.partition)}`;
  if (show.like) {
    const { negated, ilike, pattern } = show.like;
    text += ` ${negated ? "NOT " : ""}${ilike ? "ILIKE" : "LIKE"} ${printStringLiteral(pattern)}`;
  }
  return text;
}

/** `SHOW TABLES FROM db`, `SHOW COLUMNS FROM t`, but `SHOW CREATE TABLE t` and `SHOW PARTITIONS t`. */
function showTargetKeyword(object: ShowObject): string {
  switch (object) {
    case "CREATE TABLE":
    case "CREATE VIEW":
    case "CREATE MATERIALIZED TABLE":
    case "CREATE CATALOG":
    case "PARTITIONS":
      return "";
    case "CATALOGS":
    case "CURRENT CATALOG":
    case "DATABASES":
    case "CURRENT DATABASE":
    case "TABLES":
    case "VIEWS":
    case "MATERIALIZED TABLES":
    case "FUNCTIONS":
    case "USER FUNCTIONS":
    case "MODULES":
    case "FULL MODULES":
    case "JOBS":
    case "JARS":
    case "COLUMNS":
      return "FROM ";
    default:
      return object satisfies never;
  }
}
