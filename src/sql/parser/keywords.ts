import type { JsonFunction } from "../ast/expression.ts";

/**
 * Words that can never be an unquoted identifier. Flink reserves many more, but real pipelines use
 * words such as `value`, `timestamp`, `date`, `year`, `name` or `count` as column names, so only the
 * words that would make the grammar ambiguous (clause starters, operators, join words) are reserved here.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "ALL",
  "AND",
  "AS",
  "BETWEEN",
  "BY",
  "CASE",
  "CROSS",
  "DISTINCT",
  "ELSE",
  "END",
  "EXCEPT",
  "EXISTS",
  "FALSE",
  "FETCH",
  "FOR",
  "FROM",
  "FULL",
  "GROUP",
  "HAVING",
  "IN",
  "INNER",
  "INTERSECT",
  "INTO",
  "IS",
  "JOIN",
  "LATERAL",
  "LEFT",
  "LIKE",
  "LIMIT",
  "MATCH_RECOGNIZE",
  "MINUS",
  "NATURAL",
  "NOT",
  "NULL",
  "OFFSET",
  "ON",
  "OR",
  "ORDER",
  "OUTER",
  "RIGHT",
  "SELECT",
  "SIMILAR",
  "TABLE",
  "THEN",
  "TRUE",
  "UNION",
  "UNKNOWN",
  "USER",
  "USING",
  "VALUES",
  "WHEN",
  "WHERE",
  "WINDOW",
  "WITH",
]);

/** The JSON functions, whose arguments have keyword syntax (special-functions.ts parses them). */
export const JSON_FUNCTIONS: readonly JsonFunction[] = [
  "JSON_VALUE",
  "JSON_QUERY",
  "JSON_EXISTS",
  "JSON_OBJECT",
  "JSON_ARRAY",
  "JSON_OBJECTAGG",
  "JSON_ARRAYAGG",
];

/**
 * The words that start a primary expression other than a name: literals and keyword-led forms
 * (`parseLiteralOrSpecialForm`, literal.ts) and functions with keyword syntax (`parseSpecialFunction`,
 * special-functions.ts). A word added to either must be added here, or it parses as a name (a test
 * compares this list with their sources).
 */
const SPECIAL_PRIMARY_WORDS = [
  // literal.ts: its switch, TYPED_LITERALS and NILADIC_FUNCTIONS.
  "NULL",
  "TRUE",
  "FALSE",
  "UNKNOWN",
  "CASE",
  "CAST",
  "TRY_CAST",
  "EXISTS",
  "INTERVAL",
  "ROW",
  "ARRAY",
  "MAP",
  "DESCRIPTOR",
  "DATE",
  "TIME",
  "TIMESTAMP",
  "TIMESTAMP_LTZ",
  "CURRENT_TIMESTAMP",
  "CURRENT_DATE",
  "CURRENT_TIME",
  "LOCALTIME",
  "LOCALTIMESTAMP",
  // special-functions.ts: its switch, and the JSON functions.
  "EXTRACT",
  "TRIM",
  "SUBSTRING",
  "OVERLAY",
  "POSITION",
  "FLOOR",
  "CEIL",
  "CEILING",
  "TIMESTAMPADD",
  "TIMESTAMPDIFF",
  ...JSON_FUNCTIONS,
];

/**
 * The words that, as a primary expression, are not simply a name: the special ones above, and the
 * reserved words (an error there). The parser looks a word up here once instead of trying every form.
 */
export const NON_NAME_WORDS: ReadonlySet<string> = new Set([...SPECIAL_PRIMARY_WORDS, ...RESERVED_WORDS]);
