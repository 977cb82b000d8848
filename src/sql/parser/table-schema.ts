import type { Span } from "../../common/source.ts";
import type { Ident } from "../ast/names.ts";
import type {
  ColumnDef,
  Distribution,
  LikeClause,
  LikeFeature,
  PrimaryKey,
  Watermark,
} from "../ast/statement.ts";
import { parseDataType } from "./data-type.ts";
import { parseExpr, parseStringValue } from "./expression.ts";
import { NONE, type Parser } from "./parser.ts";
import { parseSmallInteger } from "./time-unit.ts";

/** One entry of a CREATE TABLE column list or of ALTER TABLE ADD/MODIFY. */
export type SchemaElement =
  | { readonly kind: "column"; readonly column: ColumnDef; readonly primaryKey?: PrimaryKey }
  | { readonly kind: "primaryKey"; readonly primaryKey: PrimaryKey }
  | { readonly kind: "watermark"; readonly watermark: Watermark };

/**
 * A column, a table constraint or a watermark. A column-level `PRIMARY KEY` comes back beside the column,
 * already in table-level form. With `allowUntyped`, a bare name (CREATE TABLE ... AS) is a column too.
 */
export function parseSchemaElement(p: Parser, allowUntyped: boolean): SchemaElement {
  if (p.isWord("WATERMARK") && p.isWord("FOR", 1)) return { kind: "watermark", watermark: parseWatermark(p) };
  if (isPrimaryKeyStart(p)) {
    return { kind: "primaryKey", primaryKey: parsePrimaryKey(p) };
  }
  const name = p.ident("a column name");
  if (allowUntyped && (p.isOp(",") || p.isOp(")"))) {
    return { kind: "column", column: { kind: "untypedColumn", name, span: name.span } };
  }
  if (p.acceptWord("AS")) {
    const expr = parseExpr(p);
    const comment = parseComment(p);
    return {
      kind: "column",
      column: { kind: "computedColumn", name, expr, comment, span: p.spanFrom(name.span) },
    };
  }
  const type = parseDataType(p);
  const primaryKey = isPrimaryKeyStart(p) ? parsePrimaryKey(p, name) : undefined;
  if (p.acceptWord("METADATA")) {
    const from = p.acceptWord("FROM") ? parseStringValue(p) : undefined;
    const virtual = p.acceptWord("VIRTUAL") !== undefined;
    const comment = parseComment(p);
    const column: ColumnDef = {
      kind: "metadataColumn",
      name,
      type,
      from,
      virtual,
      comment,
      span: p.spanFrom(name.span),
    };
    return { kind: "column", column, primaryKey };
  }
  const comment = parseComment(p);
  const column: ColumnDef = { kind: "physicalColumn", name, type, comment, span: p.spanFrom(name.span) };
  return { kind: "column", column, primaryKey };
}

function isPrimaryKeyStart(p: Parser): boolean {
  return (p.isWord("PRIMARY") && p.isWord("KEY", 1)) || (p.isWord("CONSTRAINT") && p.isWord("PRIMARY", 2));
}

function parseComment(p: Parser): string | undefined {
  return p.acceptWord("COMMENT") ? parseStringValue(p) : undefined;
}

/**
 * `[CONSTRAINT name] PRIMARY KEY (cols) [NOT ENFORCED]`, or after a column (`column` given) the
 * column-level `[CONSTRAINT name] PRIMARY KEY [NOT ENFORCED]`.
 */
export function parsePrimaryKey(p: Parser, column?: Ident): PrimaryKey {
  const start = p.tokenSpan(p.token);
  const constraintName = p.acceptWord("CONSTRAINT") ? p.ident("a constraint name") : undefined;
  p.expectWords("PRIMARY", "KEY");
  const columns = column === undefined ? p.identList() : [column];
  // Flink cannot enforce keys; the AST has no room for an enforced one, so it is rejected here.
  if (!p.acceptWords("NOT", "ENFORCED")) {
    p.invalid("Flink supports only PRIMARY KEY ... NOT ENFORCED", p.spanFrom(start));
  }
  return { kind: "primaryKey", constraintName, columns, span: p.spanFrom(start) };
}

/** `WATERMARK FOR column AS expr`. */
export function parseWatermark(p: Parser): Watermark {
  const start = p.expectWord("WATERMARK");
  p.expectWord("FOR");
  const column = p.anyIdent("a column name");
  p.expectWord("AS");
  const expr = parseExpr(p);
  return { kind: "watermark", column, expr, span: p.spanFrom(p.tokenSpan(start)) };
}

/**
 * After `DISTRIBUTED` (or ALTER TABLE's `DISTRIBUTION`): `BY [HASH | RANGE](cols) [INTO n BUCKETS]`
 * or `INTO n BUCKETS`.
 */
export function parseDistribution(p: Parser, start: Span): Distribution {
  let algorithm: "HASH" | "RANGE" | undefined;
  let columns: readonly Ident[] = NONE;
  let buckets: number | undefined;
  if (p.acceptWord("BY")) {
    if (p.acceptWord("HASH")) algorithm = "HASH";
    else if (p.acceptWord("RANGE")) algorithm = "RANGE";
    columns = p.identList();
    if (p.acceptWord("INTO")) buckets = parseBuckets(p);
  } else {
    p.expectWord("INTO");
    buckets = parseBuckets(p);
  }
  return { kind: "distribution", algorithm, columns, buckets, span: p.spanFrom(start) };
}

function parseBuckets(p: Parser): number {
  const buckets = parseSmallInteger(p);
  p.expectWord("BUCKETS");
  return buckets;
}

const LIKE_FEATURES: ReadonlySet<string> = new Set<LikeFeature>([
  "ALL",
  "CONSTRAINTS",
  "DISTRIBUTION",
  "GENERATED",
  "METADATA",
  "OPTIONS",
  "PARTITIONS",
  "WATERMARKS",
]);

/** `LIKE source [(INCLUDING | EXCLUDING | OVERWRITING feature ...)]`, at LIKE. */
export function parseLikeClause(p: Parser): LikeClause {
  const start = p.expectWord("LIKE");
  const source = p.qualifiedName("a table name");
  const options: { action: "INCLUDING" | "EXCLUDING" | "OVERWRITING"; feature: LikeFeature }[] = [];
  if (p.acceptOp("(")) {
    while (!p.isOp(")")) {
      const action = p.token;
      if (action.kind !== "word" || !["INCLUDING", "EXCLUDING", "OVERWRITING"].includes(action.value)) {
        return p.fail("'INCLUDING', 'EXCLUDING' or 'OVERWRITING'");
      }
      p.advance();
      const feature = p.token;
      if (feature.kind !== "word" || !LIKE_FEATURES.has(feature.value))
        return p.fail("a LIKE option such as ALL or OPTIONS");
      p.advance();
      options.push({
        action: action.value as "INCLUDING" | "EXCLUDING" | "OVERWRITING",
        feature: feature.value as LikeFeature,
      });
      p.acceptOp(",");
    }
    p.expectOp(")");
  }
  return { kind: "like", source, options, span: p.spanFrom(p.tokenSpan(start)) };
}
