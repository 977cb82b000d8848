import type { Span } from "../../common/source.ts";
import type { IntervalLiteral } from "../ast/expression.ts";
import type { Ident, Property } from "../ast/names.ts";
import type { Query } from "../ast/query.ts";
import type {
  ColumnDef,
  CreateCatalog,
  CreateDatabase,
  CreateFunction,
  CreateMaterializedTable,
  CreateTable,
  CreateView,
  Distribution,
  LikeClause,
  PrimaryKey,
  Statement,
  Watermark,
} from "../ast/statement.ts";
import { parseStringValue } from "./expression.ts";
import { parseProperties } from "./hints.ts";
import { NONE, type Parser } from "./parser.ts";
import { parseQuery } from "./query.ts";
import { parseDistribution, parseLikeClause, parseSchemaElement } from "./table-schema.ts";
import { parseIntervalLiteral } from "./time-unit.ts";

/** `CREATE ...`, at CREATE. */
export function parseCreate(p: Parser): Statement {
  const start = p.tokenSpan(p.expectWord("CREATE"));
  const orReplace = p.acceptWords("OR", "REPLACE");
  const temporary = p.acceptWord("TEMPORARY") !== undefined;
  const system = temporary && p.acceptWord("SYSTEM") !== undefined;
  if (p.acceptWord("TABLE")) return parseCreateTable(p, start, orReplace, temporary);
  if (p.acceptWord("VIEW")) return parseCreateView(p, start, temporary);
  if (p.acceptWord("FUNCTION")) return parseCreateFunction(p, start, temporary, system);
  if (p.acceptWords("MATERIALIZED", "TABLE")) return parseCreateMaterializedTable(p, start, orReplace);
  if (p.acceptWord("CATALOG")) return parseCreateCatalog(p, start);
  if (p.acceptWord("DATABASE")) return parseCreateDatabase(p, start);
  return p.fail("'TABLE', 'VIEW', 'FUNCTION', 'MATERIALIZED TABLE', 'CATALOG' or 'DATABASE'");
}

function parseIfNotExists(p: Parser): boolean {
  return p.acceptWords("IF", "NOT", "EXISTS");
}

/** The clauses after a table's column list, in Flink's order but each optional. */
interface TableClauses {
  readonly comment: string | undefined;
  readonly distribution: Distribution | undefined;
  readonly partitionedBy: readonly Ident[];
  readonly options: readonly Property[];
}

function parseTableClauses(p: Parser): TableClauses {
  const comment = p.acceptWord("COMMENT") ? parseStringValue(p) : undefined;
  const distributed = p.token;
  const distribution = p.acceptWord("DISTRIBUTED")
    ? parseDistribution(p, p.tokenSpan(distributed))
    : undefined;
  const partitionedBy = p.acceptWords("PARTITIONED", "BY") ? p.identList() : NONE;
  const options = p.acceptWord("WITH") ? parseProperties(p) : NONE;
  // One literal with every field: fields added later would give V8 short-lived object shapes.
  return { comment, distribution, partitionedBy, options };
}

function parseCreateTable(p: Parser, start: Span, orReplace: boolean, temporary: boolean): CreateTable {
  const ifNotExists = parseIfNotExists(p);
  const name = p.qualifiedName("a table name");
  const columns: ColumnDef[] = [];
  let primaryKey: PrimaryKey | undefined;
  let watermark: Watermark | undefined;
  if (p.acceptOp("(")) {
    do {
      const element = parseSchemaElement(p, true);
      const key = element.kind === "watermark" ? undefined : element.primaryKey;
      if (element.kind === "column") columns.push(element.column);
      if (key !== undefined) {
        if (primaryKey !== undefined) p.invalid("a table can have only one primary key", key.span);
        primaryKey = key;
      }
      if (element.kind === "watermark") {
        if (watermark !== undefined) p.invalid("a table can have only one watermark", element.watermark.span);
        watermark = element.watermark;
      }
    } while (p.acceptOp(","));
    p.expectOp(")");
  }
  const clauses = parseTableClauses(p);
  let like: LikeClause | undefined;
  let asQuery: Query | undefined;
  if (p.isWord("LIKE")) like = parseLikeClause(p);
  else if (p.acceptWord("AS")) asQuery = parseQuery(p);
  return {
    kind: "createTable",
    temporary,
    orReplace,
    ifNotExists,
    name,
    columns,
    primaryKey,
    watermark,
    comment: clauses.comment,
    distribution: clauses.distribution,
    partitionedBy: clauses.partitionedBy,
    options: clauses.options,
    like,
    asQuery,
    span: p.spanFrom(start),
  };
}

function parseCreateView(p: Parser, start: Span, temporary: boolean): CreateView {
  const ifNotExists = parseIfNotExists(p);
  const name = p.qualifiedName("a view name");
  const columns = p.isOp("(") ? p.identList() : NONE;
  const comment = p.acceptWord("COMMENT") ? parseStringValue(p) : undefined;
  p.expectWord("AS");
  const query = parseQuery(p);
  return {
    kind: "createView",
    temporary,
    ifNotExists,
    name,
    columns,
    comment,
    query,
    span: p.spanFrom(start),
  };
}

function parseCreateMaterializedTable(p: Parser, start: Span, orReplace: boolean): CreateMaterializedTable {
  const ifNotExists = parseIfNotExists(p);
  const name = p.qualifiedName("a table name");
  let primaryKey: PrimaryKey | undefined;
  if (p.acceptOp("(")) {
    const element = parseSchemaElement(p, false);
    if (element.kind !== "primaryKey") {
      p.invalid(
        "a materialized table takes its columns from its query; only a PRIMARY KEY may be declared",
        p.tokenSpan(p.previous),
      );
    }
    primaryKey = element.primaryKey;
    p.expectOp(")");
  }
  const clauses = parseTableClauses(p);
  let freshness: IntervalLiteral | undefined;
  if (p.acceptWord("FRESHNESS")) {
    p.expectOp("=");
    freshness = parseIntervalLiteral(p);
  }
  let refreshMode: "FULL" | "CONTINUOUS" | undefined;
  if (p.acceptWord("REFRESH_MODE")) {
    p.expectOp("=");
    if (p.acceptWord("FULL")) refreshMode = "FULL";
    else if (p.acceptWord("CONTINUOUS")) refreshMode = "CONTINUOUS";
    else p.fail("'FULL' or 'CONTINUOUS'");
  }
  p.expectWord("AS");
  const query = parseQuery(p);
  return {
    kind: "createMaterializedTable",
    orReplace,
    ifNotExists,
    name,
    primaryKey,
    comment: clauses.comment,
    distribution: clauses.distribution,
    partitionedBy: clauses.partitionedBy,
    options: clauses.options,
    freshness,
    refreshMode,
    query,
    span: p.spanFrom(start),
  };
}

const FUNCTION_LANGUAGES: ReadonlySet<string> = new Set(["JAVA", "SCALA", "PYTHON", "TYPESCRIPT"]);

function parseCreateFunction(p: Parser, start: Span, temporary: boolean, system: boolean): CreateFunction {
  const ifNotExists = parseIfNotExists(p);
  const name = p.qualifiedName("a function name");
  p.expectWord("AS");
  const implementation = parseStringValue(p);
  const language = parseFunctionLanguage(p);
  const using: string[] = [];
  if (p.acceptWord("USING")) {
    do {
      p.expectWord("JAR");
      using.push(parseStringValue(p));
    } while (p.acceptOp(","));
  }
  return {
    kind: "createFunction",
    temporary,
    system,
    ifNotExists,
    name,
    implementation,
    language,
    using,
    span: p.spanFrom(start),
  };
}

/** `[LANGUAGE JAVA | SCALA | PYTHON | TYPESCRIPT]`. */
export function parseFunctionLanguage(p: Parser): CreateFunction["language"] {
  if (!p.acceptWord("LANGUAGE")) return undefined;
  const token = p.token;
  if (token.kind !== "word" || !FUNCTION_LANGUAGES.has(token.value))
    return p.fail("JAVA, SCALA, PYTHON or TYPESCRIPT");
  p.advance();
  return token.value as CreateFunction["language"];
}

function parseCreateCatalog(p: Parser, start: Span): CreateCatalog {
  const ifNotExists = parseIfNotExists(p);
  const name = p.ident("a catalog name");
  const comment = p.acceptWord("COMMENT") ? parseStringValue(p) : undefined;
  const options = p.acceptWord("WITH") ? parseProperties(p) : NONE;
  return { kind: "createCatalog", ifNotExists, name, comment, options, span: p.spanFrom(start) };
}

function parseCreateDatabase(p: Parser, start: Span): CreateDatabase {
  const ifNotExists = parseIfNotExists(p);
  const name = p.qualifiedName("a database name");
  const comment = p.acceptWord("COMMENT") ? parseStringValue(p) : undefined;
  const options = p.acceptWord("WITH") ? parseProperties(p) : NONE;
  return { kind: "createDatabase", ifNotExists, name, comment, options, span: p.spanFrom(start) };
}
