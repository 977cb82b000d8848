/**
 * The Flink SQL parser: text to the typed AST of `sql/ast`.
 *
 * - `parseScript` is the main entry point. It never throws; errors come back as diagnostics (codes
 *   `parse/...`) and the statements without errors are still returned.
 * - `parseStatement`, `parseQuery`, `parseExpression` and `parseDataType` parse a single construct for
 *   tests and tools; they throw a `SqlSyntaxError` (carrying the diagnostics) on invalid text.
 *
 * Optional AST fields the text did not fill may be present with the value `undefined`.
 */
import type { SourceText } from "../../common/source.ts";
import type { Expr } from "../ast/expression.ts";
import type { Query } from "../ast/query.ts";
import type { Statement } from "../ast/statement.ts";
import type { DataType } from "../types/data-type.ts";
import { parseDataType as parseDataTypeAt } from "./data-type.ts";
import { SqlSyntaxError } from "./errors.ts";
import { parseExpr } from "./expression.ts";
import type { Parser } from "./parser.ts";
import { parseQuery as parseQueryAt } from "./query.ts";
import { parseScriptText, parseWhole, type ScriptParseResult } from "./script.ts";
import { parseStatementAt } from "./statement.ts";

export { SqlSyntaxError } from "./errors.ts";
export { MAX_NESTING } from "./parser.ts";
export { binaryPrecedence, PRECEDENCE } from "./precedence.ts";
export type { ScriptParseResult } from "./script.ts";

/** `onStatement` sees each valid statement as soon as it is parsed (see `checkSources`). */
export function parseScript(
  source: SourceText,
  onStatement?: (statement: Statement) => void,
): ScriptParseResult {
  return parseScriptText(source.text, onStatement);
}

export function parseStatement(text: string): Statement {
  return parseOne(text, parseStatementAt);
}

export function parseQuery(text: string): Query {
  return parseOne(text, parseQueryAt);
}

export function parseExpression(text: string): Expr {
  return parseOne(text, (p) => parseExpr(p));
}

export function parseDataType(text: string): DataType {
  return parseOne(text, parseDataTypeAt);
}

function parseOne<T>(text: string, parse: (p: Parser) => T): T {
  const { value, diagnostics } = parseWhole(text, parse);
  if (value === undefined) throw new SqlSyntaxError(diagnostics);
  return value;
}
