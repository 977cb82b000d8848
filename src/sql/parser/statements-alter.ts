import type { Span } from "../../common/source.ts";
import type { Ident } from "../ast/names.ts";
import type {
  AlterCatalog,
  AlterFunction,
  AlterMaterializedTable,
  AlterTable,
  AlterTableAction,
  AlterView,
  Drop,
  SchemaChange,
  Statement,
} from "../ast/statement.ts";
import { parseStringValue } from "./expression.ts";
import { parseProperties, parseProperty } from "./hints.ts";
import { NONE, type Parser } from "./parser.ts";
import { parseQuery } from "./query.ts";
import { parseFunctionLanguage } from "./statements-ddl.ts";
import { parseDistribution, parseSchemaElement } from "./table-schema.ts";

/** `ALTER TABLE | MATERIALIZED TABLE | VIEW ...`, at ALTER. */
export function parseAlter(p: Parser): Statement {
  const start = p.tokenSpan(p.expectWord("ALTER"));
  if (p.acceptWord("TABLE")) return parseAlterTable(p, start);
  if (p.acceptWords("MATERIALIZED", "TABLE")) return parseAlterMaterializedTable(p, start);
  if (p.acceptWord("VIEW")) return parseAlterView(p, start);
  if (p.acceptWord("DATABASE")) {
    const name = p.qualifiedName("a database name");
    p.expectWord("SET");
    return { kind: "alterDatabase", name, options: parseProperties(p), span: p.spanFrom(start) };
  }
  if (p.acceptWord("CATALOG")) return parseAlterCatalog(p, start);
  const temporary = p.acceptWord("TEMPORARY") !== undefined;
  const system = temporary && p.acceptWord("SYSTEM") !== undefined;
  if (p.acceptWord("FUNCTION")) return parseAlterFunction(p, start, temporary, system);
  return p.fail("'TABLE', 'MATERIALIZED TABLE', 'VIEW', 'DATABASE', 'CATALOG' or 'FUNCTION'");
}

/** `ALTER CATALOG c SET (...) | RESET ('k', ...) | COMMENT '...'`, after CATALOG. */
function parseAlterCatalog(p: Parser, start: Span): AlterCatalog {
  const name = p.ident("a catalog name");
  let action: AlterCatalog["action"];
  if (p.acceptWord("SET")) {
    action = { kind: "set", options: parseProperties(p) };
  } else if (p.acceptWord("RESET")) {
    p.expectOp("(");
    const keys = [parseStringValue(p)];
    while (p.acceptOp(",")) keys.push(parseStringValue(p));
    p.expectOp(")");
    action = { kind: "reset", keys };
  } else if (p.acceptWord("COMMENT")) {
    action = { kind: "comment", comment: parseStringValue(p) };
  } else {
    return p.fail("SET, RESET or COMMENT");
  }
  return { kind: "alterCatalog", name, action, span: p.spanFrom(start) };
}

function parseAlterFunction(p: Parser, start: Span, temporary: boolean, system: boolean): AlterFunction {
  const ifExists = p.acceptWords("IF", "EXISTS");
  const name = p.qualifiedName("a function name");
  p.expectWord("AS");
  const implementation = parseStringValue(p);
  const language = parseFunctionLanguage(p);
  return {
    kind: "alterFunction",
    temporary,
    system,
    ifExists,
    name,
    implementation,
    language,
    span: p.spanFrom(start),
  };
}

function parseAlterTable(p: Parser, start: Span): AlterTable {
  const ifExists = p.acceptWords("IF", "EXISTS");
  const name = p.qualifiedName("a table name");
  const action = parseAlterTableAction(p);
  return { kind: "alterTable", ifExists, name, action, span: p.spanFrom(start) };
}

function parseAlterTableAction(p: Parser): AlterTableAction {
  if (p.acceptWord("SET")) return { kind: "setOptions", options: parseProperties(p) };
  if (p.acceptWord("RESET")) {
    p.expectOp("(");
    const keys = [parseStringValue(p)];
    while (p.acceptOp(",")) keys.push(parseStringValue(p));
    p.expectOp(")");
    return { kind: "resetOptions", keys };
  }
  if (p.isWord("ADD") || p.isWord("MODIFY")) {
    const kind = p.advance().value === "ADD" ? "add" : "modify";
    return { kind, changes: parseSchemaChanges(p) };
  }
  if (p.acceptWord("DROP")) return parseDropAction(p);
  if (p.acceptWord("RENAME")) {
    if (p.acceptWord("TO")) return { kind: "renameTable", to: p.qualifiedName("a table name") };
    const from = p.anyIdent("a column name");
    p.expectWord("TO");
    return { kind: "renameColumn", from, to: p.anyIdent("a column name") };
  }
  return p.fail("'SET', 'RESET', 'ADD', 'MODIFY', 'DROP' or 'RENAME'");
}

/** After ADD / MODIFY: one change, or several in parentheses. */
function parseSchemaChanges(p: Parser): SchemaChange[] {
  const distribution = p.token;
  if (p.acceptWord("DISTRIBUTION")) {
    return [{ kind: "distributionChange", distribution: parseDistribution(p, p.tokenSpan(distribution)) }];
  }
  if (!p.acceptOp("(")) return [parseSchemaChange(p)];
  const changes = [parseSchemaChange(p)];
  while (p.acceptOp(",")) changes.push(parseSchemaChange(p));
  p.expectOp(")");
  return changes;
}

function parseSchemaChange(p: Parser): SchemaChange {
  const element = parseSchemaElement(p, false);
  if (element.kind === "watermark") return { kind: "watermarkChange", watermark: element.watermark };
  if (element.kind === "primaryKey") return { kind: "primaryKeyChange", primaryKey: element.primaryKey };
  if (element.primaryKey !== undefined) {
    p.invalid(
      "declare the primary key separately: ADD PRIMARY KEY (column) NOT ENFORCED",
      element.primaryKey.span,
    );
  }
  if (p.acceptWord("FIRST"))
    return { kind: "columnChange", column: element.column, position: { kind: "first" } };
  if (p.acceptWord("AFTER")) {
    return {
      kind: "columnChange",
      column: element.column,
      position: { kind: "after", column: p.anyIdent("a column name") },
    };
  }
  return { kind: "columnChange", column: element.column, position: undefined };
}

function parseDropAction(p: Parser): AlterTableAction {
  if (p.acceptWord("WATERMARK")) return { kind: "dropWatermark" };
  if (p.acceptWords("PRIMARY", "KEY")) return { kind: "dropPrimaryKey" };
  if (p.isWord("CONSTRAINT") && p.peek().kind !== "op") {
    p.skip(2);
    return { kind: "dropPrimaryKey" };
  }
  if (p.acceptWord("DISTRIBUTION")) return { kind: "dropDistribution" };
  const columns: Ident[] = p.isOp("(") ? p.identList() : [p.anyIdent("a column name")];
  return { kind: "dropColumns", columns };
}

function parseAlterMaterializedTable(p: Parser, start: Span): AlterMaterializedTable {
  const name = p.qualifiedName("a table name");
  let action: AlterMaterializedTable["action"];
  if (p.acceptWord("SUSPEND")) {
    action = { kind: "suspend" };
  } else if (p.acceptWord("RESUME")) {
    action = { kind: "resume", options: p.acceptWord("WITH") ? parseProperties(p) : NONE };
  } else if (p.acceptWord("REFRESH")) {
    const partition = [];
    if (p.acceptWord("PARTITION")) {
      p.expectOp("(");
      do partition.push(parseProperty(p, true));
      while (p.acceptOp(","));
      p.expectOp(")");
    }
    action = { kind: "refresh", partition };
  } else if (p.acceptWord("AS")) {
    action = { kind: "asQuery", query: parseQuery(p) };
  } else {
    return p.fail("'SUSPEND', 'RESUME', 'REFRESH' or 'AS'");
  }
  return { kind: "alterMaterializedTable", name, action, span: p.spanFrom(start) };
}

function parseAlterView(p: Parser, start: Span): AlterView {
  const name = p.qualifiedName("a view name");
  let action: AlterView["action"];
  if (p.acceptWord("RENAME")) {
    p.expectWord("TO");
    action = { kind: "renameView", to: p.qualifiedName("a view name") };
  } else if (p.acceptWord("AS")) {
    action = { kind: "asQuery", query: parseQuery(p) };
  } else {
    return p.fail("'RENAME' or 'AS'");
  }
  return { kind: "alterView", name, action, span: p.spanFrom(start) };
}

/** `DROP [TEMPORARY [SYSTEM]] TABLE | VIEW | ... [IF EXISTS] name [RESTRICT | CASCADE]`, at DROP. */
export function parseDrop(p: Parser): Drop {
  const start = p.tokenSpan(p.expectWord("DROP"));
  const temporary = p.acceptWord("TEMPORARY") !== undefined;
  const system = temporary && p.acceptWord("SYSTEM") !== undefined;
  let object: Drop["object"];
  if (p.acceptWord("TABLE")) object = "TABLE";
  else if (p.acceptWord("VIEW")) object = "VIEW";
  else if (p.acceptWords("MATERIALIZED", "TABLE")) object = "MATERIALIZED TABLE";
  else if (p.acceptWord("FUNCTION")) object = "FUNCTION";
  else if (p.acceptWord("CATALOG")) object = "CATALOG";
  else if (p.acceptWord("DATABASE")) object = "DATABASE";
  else return p.fail("'TABLE', 'VIEW', 'MATERIALIZED TABLE', 'FUNCTION', 'CATALOG' or 'DATABASE'");
  const ifExists = p.acceptWords("IF", "EXISTS");
  const name = p.qualifiedName("a name");
  let cascade: boolean | undefined;
  if (object === "DATABASE") {
    if (p.acceptWord("CASCADE")) cascade = true;
    else if (p.acceptWord("RESTRICT")) cascade = false;
  }
  return { kind: "drop", object, temporary, system, ifExists, name, cascade, span: p.spanFrom(start) };
}
