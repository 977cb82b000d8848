/**
 * The SQL printer: ASTs back to canonical Flink SQL text. `parse(print(ast))` gives `ast` again (spans
 * aside), and printing is idempotent. `formatSql` is the formatter behind `headwater sql fmt`.
 */
export { type FormatResult, formatSql } from "./format.ts";
export type { Dialect, PrintOptions } from "./options.ts";
export { printExpr } from "./print-expression.ts";
export { printQuery } from "./print-query.ts";
export { printScript, printStatement } from "./print-statement.ts";
