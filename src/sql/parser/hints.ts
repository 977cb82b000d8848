import type { Hint, Ident, Property } from "../ast/names.ts";
import { parseStringValue } from "./expression.ts";
import type { Parser } from "./parser.ts";

/** `/*+ NAME(...), NAME2 *\/`: after SELECT, after a table name, after an INSERT target. */
export function parseHints(p: Parser): Hint[] {
  if (!p.isKind("hintStart")) return p.fail("'/*+'");
  p.advance();
  const hints: Hint[] = [];
  do hints.push(parseHint(p));
  while (p.acceptOp(","));
  if (!p.isKind("hintEnd")) return p.fail("'*/'");
  p.advance();
  return hints;
}

/** `OPTIONS('k' = 'v')`, `LOOKUP('table' = 'c', ...)`, `BROADCAST(t1, t2)`, `NAME`. */
function parseHint(p: Parser): Hint {
  const name = p.anyIdent("a hint name");
  const properties: Property[] = [];
  const args: Ident[] = [];
  if (p.acceptOp("(")) {
    if (!p.isOp(")")) {
      const keyValue = p.token.kind === "string" || p.isOp("=", 1);
      do {
        if (keyValue) properties.push(parseProperty(p, true));
        else args.push(p.anyIdent("a table name"));
      } while (p.acceptOp(","));
    }
    p.expectOp(")");
  }
  return { kind: "hint", name, properties, args, span: p.spanFrom(name.span) };
}

/**
 * `'key' = 'value'`. With `loose` (hints), keys and values may also be bare words or numbers, as
 * Calcite's hint grammar allows.
 */
export function parseProperty(p: Parser, loose = false): Property {
  const start = p.tokenSpan(p.token);
  const key = loose && p.token.kind !== "string" ? p.anyIdent("an option key").value : parseStringValue(p);
  p.expectOp("=");
  let value: string;
  if (loose && (p.token.kind === "word" || p.token.kind === "quoted" || p.token.kind === "number")) {
    value = p.token.kind === "number" ? p.advance().text : p.anyIdent().value;
  } else {
    value = parseStringValue(p);
  }
  return { kind: "property", key, value, span: p.spanFrom(start) };
}

/** `('k' = 'v', ...)`, possibly empty. */
export function parseProperties(p: Parser): Property[] {
  p.expectOp("(");
  const properties: Property[] = [];
  if (!p.isOp(")")) {
    do properties.push(parseProperty(p));
    while (p.acceptOp(","));
  }
  p.expectOp(")");
  return properties;
}
