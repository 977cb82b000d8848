import type { Hint, Ident, Property, QualifiedName, TableAlias } from "../ast/index.ts";
import { quoteIdentifier } from "../types/format-type.ts";
import { parenthesizedList } from "./layout.ts";
import { printStringLiteral } from "./print-literal.ts";
import { isReservedWord } from "./reserved-words.ts";

/**
 * What reads as one unquoted identifier: letters, `_` and `$` (a letter to Calcite, so Confluent's
 * `$rowtime` needs no quotes), then also digits. Anything else (`event type`, `1st`) needs backticks.
 */
const PLAIN_IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/**
 * An identifier: in backticks when the AST says it was quoted, and also when it could not be read back
 * bare by Flink: not a plain identifier, or one of Flink's reserved words. Headwater's parser accepts
 * some reserved words bare (`value`, `timestamp`), which Flink rejects; the printer quotes them so the
 * text it writes runs on Flink.
 */
export function printIdent(ident: Ident): string {
  return printName(ident.value, ident.quoted);
}

/** A name held as a plain string (a partition key of `REFRESH PARTITION`, a ROW field). */
export function printName(name: string, quoted = false): string {
  return quoted || !PLAIN_IDENTIFIER.test(name) || isReservedWord(name) ? quoteIdentifier(name) : name;
}

export function printQualifiedName(name: QualifiedName): string {
  return name.parts.map(printIdent).join(".");
}

/**
 * A function's name. Built-in functions are often reserved words (`COUNT`, `LEFT`, `YEAR`, `IF`) and are
 * called by their bare name, so only the AST's own quoting and names that are not plain identifiers get
 * backticks here.
 */
export function printFunctionName(name: QualifiedName): string {
  return name.parts.map(printKeywordName).join(".");
}

/** A function or hint name: reserved words stay bare (see `printFunctionName`). */
function printKeywordName(ident: Ident): string {
  return ident.quoted || !PLAIN_IDENTIFIER.test(ident.value) ? quoteIdentifier(ident.value) : ident.value;
}

export function printIdentList(idents: readonly Ident[]): string {
  return parenthesizedList(idents.map(printIdent));
}

/** `'key' = 'value'`. */
export function printProperty(property: Property): string {
  return `${printStringLiteral(property.key)} = ${printStringLiteral(property.value)}`;
}

/** `/*+ A(...), B(...) *\/`: several hints share one comment. */
export function printHints(hints: readonly Hint[]): string {
  return `/*+ ${hints.map(printHint).join(", ")} */`;
}

function printHint(hint: Hint): string {
  const name = printKeywordName(hint.name);
  if (hint.properties.length > 0) return name + parenthesizedList(hint.properties.map(printProperty));
  if (hint.args.length > 0) return name + parenthesizedList(hint.args.map(printIdent));
  return name;
}

/** `AS t` or `AS t (a, b)`. */
export function printTableAlias(alias: TableAlias): string {
  const columns = alias.columns.length > 0 ? ` ${printIdentList(alias.columns)}` : "";
  return `AS ${printIdent(alias.name)}${columns}`;
}
