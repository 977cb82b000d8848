import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteLiteral } from "../../mirror/quote.ts";

/** The parts of DuckDB's serialized parse tree (json_serialize_sql) that name a select-list entry. */
interface ParsedExpression {
  readonly class?: string;
  readonly type?: string;
  readonly alias?: string;
  readonly column_names?: readonly string[];
  readonly function_name?: string;
  readonly is_operator?: boolean;
  readonly child?: ParsedExpression;
  readonly cast_type?: { readonly id?: string };
  readonly subquery_type?: string;
}

interface ParsedNode {
  readonly type?: string;
  readonly select_list?: readonly ParsedExpression[];
  readonly left?: ParsedNode;
}

/** A name a client could have typed unquoted: DuckDB names other expressions by their SQL text. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** PostgreSQL's names for the types a cast of a constant is named after. */
const CAST_NAMES: Readonly<Record<string, string>> = {
  BOOLEAN: "bool",
  TINYINT: "int2",
  SMALLINT: "int2",
  INTEGER: "int4",
  BIGINT: "int8",
  FLOAT: "float4",
  DOUBLE: "float8",
  DECIMAL: "numeric",
  VARCHAR: "text",
  BLOB: "bytea",
  DATE: "date",
  TIME: "time",
  TIMESTAMP: "timestamp",
  "TIMESTAMP WITH TIME ZONE": "timestamptz",
  INTERVAL: "interval",
  UUID: "uuid",
};

/**
 * Result column names as PostgreSQL gives them, where DuckDB's differ: DuckDB names an unaliased
 * expression by its text (`count_star()`, `(a + b)`, `1`), PostgreSQL by the function (`count`), the
 * column, the cast type (`'1'::int` is `int4`), or `?column?`. Clients read rows by these names
 * (node-postgres's `row.count`), so they matter. Computed from DuckDB's own parse of the statement;
 * statements whose select list has a `*`, or that DuckDB cannot serialize, keep DuckDB's names.
 * Returns undefined when every name is already plain.
 */
export async function pgColumnNames(
  connection: DuckDBConnection,
  sql: string,
  duckdbNames: readonly string[],
): Promise<string[] | undefined> {
  if (duckdbNames.every((n) => PLAIN_NAME.test(n))) return undefined;
  let tree: { error?: boolean; statements?: { node?: ParsedNode }[] };
  try {
    // json_serialize_sql takes a constant only.
    const result = await connection.runAndReadAll(`SELECT json_serialize_sql(${quoteLiteral(sql)})`);
    tree = JSON.parse(String(result.getRows()[0]![0]));
  } catch {
    return undefined;
  }
  let node = tree.error ? undefined : tree.statements?.[0]?.node;
  while (node?.type === "SET_OPERATION_NODE") node = node.left;
  const list = node?.select_list;
  if (!list || list.length !== duckdbNames.length) return undefined;
  if (list.some((e) => e.class === "STAR" || e.type === "STAR" || e.class === "COLUMNS")) return undefined;
  return list.map((e, i) => (PLAIN_NAME.test(duckdbNames[i]!) || e.alias ? duckdbNames[i]! : nameOf(e)));
}

function nameOf(e: ParsedExpression): string {
  switch (e.class) {
    case "COLUMN_REF":
      return e.column_names?.[e.column_names.length - 1] ?? "?column?";
    case "FUNCTION":
      if (e.is_operator || !e.function_name) return "?column?";
      return e.function_name === "count_star" ? "count" : e.function_name;
    case "CAST":
      if (e.child?.class === "CONSTANT") return CAST_NAMES[e.cast_type?.id ?? ""] ?? "?column?";
      return e.child ? nameOf(e.child) : "?column?";
    case "CASE":
      return "case";
    case "OPERATOR":
      return e.type === "OPERATOR_COALESCE" ? "coalesce" : "?column?";
    case "SUBQUERY":
      return e.subquery_type === "EXISTS" ? "exists" : "?column?";
    default:
      return "?column?";
  }
}
