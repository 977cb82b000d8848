import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { likeToRegex, similarToRegex } from "../functions/regex.ts";
import { type CodeGen, strictLocal, type Value } from "./codegen.ts";

/**
 * [NOT] LIKE and [NOT] SIMILAR TO, with an optional ESCAPE. A literal pattern is translated to a
 * RegExp once, at compile time; a computed one goes through a small cache.
 */
export function genPattern(g: CodeGen, name: string, args: readonly BoundExpr[]): Value {
  const negated = name.startsWith("NOT ");
  const similar = name.endsWith("SIMILAR TO");
  const translate = similar ? similarToRegex : likeToRegex;
  const [operand, pattern, escapeText] = args;
  const x = g.expr(operand!);
  const escapeLiteral =
    escapeText === undefined ? undefined : escapeText.kind === "literal" ? escapeText.value : "dynamic";
  if (pattern!.kind === "literal" && escapeLiteral !== "dynamic") {
    if (pattern!.value === null || escapeLiteral === null) return g.local("null", true);
    const regex = translate(pattern!.value as string, escapeLiteral as string | undefined);
    const test = `${g.bind(regex)}.test(${x.code})`;
    return strictLocal(g, [x], negated ? `!${test}` : test);
  }
  const p = g.expr(pattern!);
  const e = escapeText ? g.expr(escapeText) : undefined;
  const cached = g.bind(cachedTranslation(translate));
  const test = `${cached}(${p.code}, ${e ? e.code : "undefined"}).test(${x.code})`;
  return strictLocal(g, e ? [x, p, e] : [x, p], negated ? `!${test}` : test);
}

function cachedTranslation(
  translate: (pattern: string, escapeText?: string) => RegExp,
): (pattern: string, escapeText?: string) => RegExp {
  const cache = new Map<string, RegExp>();
  return (pattern, escapeText) => {
    const key = `${escapeText ?? ""}\u0000${pattern}`;
    let regex = cache.get(key);
    if (!regex) {
      if (cache.size > 256) cache.clear();
      regex = translate(pattern, escapeText);
      cache.set(key, regex);
    }
    return regex;
  };
}
