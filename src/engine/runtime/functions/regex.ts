import { SqlEvalError } from "../expr/eval-error.ts";
import { type CallSite, literalArg, type ScalarFunction, strictBy } from "./scalar-function.ts";

/**
 * LIKE / SIMILAR TO translation (Calcite's Like.sqlToRegexLike / sqlToRegexSimilar) and the REGEXP
 * functions. Java regexes run as JS regexes after a small translation: leading inline flags
 * `(?i)`, `(?s)`, `(?m)` become RegExp flags, `\p{Alpha}`-style POSIX classes become character
 * classes, `\A` and `\z` anchors. A pattern Java would reject gives NULL, as Flink's REGEXP_*
 * functions catch the PatternSyntaxException and return NULL.
 */
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/-]/g;

function escapeForRegex(c: string): string {
  return c.replace(REGEX_SPECIALS, "\\$&");
}

function escapeChar(fn: string, escapeText: string | undefined): string | undefined {
  if (escapeText === undefined) return undefined;
  if (escapeText.length !== 1)
    throw new SqlEvalError(fn, `invalid escapeText character '${escapeText}': it must be one character`);
  return escapeText;
}

/** `%` any sequence, `_` one character; with ESCAPE, the escapeText makes the next `%`, `_` or itself literal. */
export function likeToRegex(pattern: string, escapeText?: string): RegExp {
  const esc = escapeChar("LIKE", escapeText);
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === esc) {
      const next = pattern[i + 1];
      if (next === undefined || (next !== "%" && next !== "_" && next !== esc))
        throw new SqlEvalError("LIKE", `invalid escapeText sequence in pattern '${pattern}'`);
      source += escapeForRegex(next);
      i++;
    } else if (c === "%") source += "[\\s\\S]*";
    else if (c === "_") source += "[\\s\\S]";
    else source += escapeForRegex(c);
  }
  return new RegExp(`^${source}$`);
}

/** SQL regular expressions: `%` and `_` as in LIKE, the rest (| * + ? {} () []) as regex syntax. */
export function similarToRegex(pattern: string, escapeText?: string): RegExp {
  const esc = escapeChar("SIMILAR TO", escapeText);
  let source = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === esc) {
      const next = pattern[i + 1];
      if (next === undefined)
        throw new SqlEvalError("SIMILAR TO", `invalid escapeText sequence in pattern '${pattern}'`);
      source += escapeForRegex(next);
      i++;
    } else if (c === "[") {
      inClass = true;
      source += c;
    } else if (c === "]") {
      inClass = false;
      source += c;
    } else if (!inClass && c === "%") source += "[\\s\\S]*";
    else if (!inClass && c === "_") source += "[\\s\\S]";
    else if (!inClass && (c === "." || c === "^" || c === "$" || c === "\\" || c === "/")) source += `\\${c}`;
    else source += c;
  }
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    throw new SqlEvalError("SIMILAR TO", `invalid pattern '${pattern}'`);
  }
}

const POSIX_CLASSES: Record<string, string> = {
  Lower: "a-z",
  Upper: "A-Z",
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: "!-\\/:-@\\[-`{-~",
  Space: " \\t\\n\\x0B\\f\\r",
  XDigit: "0-9a-fA-F",
  Blank: " \\t",
};

const javaCache = new Map<string, RegExp | null>();

/** A Java regex as a JS RegExp (global for replace), or null when it is not a valid pattern. */
export function javaRegex(pattern: string): RegExp | null {
  const cached = javaCache.get(pattern);
  if (cached !== undefined) return cached;
  let flags = "g";
  let source = pattern;
  for (let m = /^\(\?([imsx]+)\)/.exec(source); m; m = /^\(\?([imsx]+)\)/.exec(source)) {
    for (const f of m[1]!) if (f !== "x" && !flags.includes(f)) flags += f;
    source = source.slice(m[0].length);
  }
  source = source
    .replace(/\\p\{(?:Is)?(\w+)\}/g, (whole, name: string) =>
      POSIX_CLASSES[name] ? `[${POSIX_CLASSES[name]}]` : whole,
    )
    .replace(/\\A/g, "^")
    .replace(/\\[zZ]/g, "$");
  let regex: RegExp | null;
  try {
    regex = new RegExp(source, flags);
  } catch {
    regex = null;
  }
  if (javaCache.size > 1000) javaCache.clear();
  javaCache.set(pattern, regex);
  return regex;
}

function regexFor(site: CallSite, index: number): (pattern: string) => RegExp | null {
  const literal = literalArg(site, index);
  if (typeof literal === "string") {
    const regex = javaRegex(literal);
    return () => regex;
  }
  return javaRegex;
}

/** REGEXP(s, regex): whether the regex matches a part of s. */
export const REGEXP: ScalarFunction = strictBy(
  (site) => {
    const regexOf = regexFor(site, 1);
    return (s: string, pattern: string) => {
      const regex = regexOf(pattern);
      if (!regex) return null;
      regex.lastIndex = 0;
      return regex.test(s);
    };
  },
  { mayReturnNull: true },
);

/** REGEXP_EXTRACT(s, regex[, group]): the group (0 = whole match, the default) of the first match, else NULL. */
export const REGEXP_EXTRACT: ScalarFunction = strictBy(
  (site) => {
    const regexOf = regexFor(site, 1);
    return (s: string, pattern: string, group = 0) => {
      const regex = regexOf(pattern);
      if (!regex || group < 0) return null;
      regex.lastIndex = 0;
      const m = regex.exec(s);
      if (!m || group >= m.length) return null;
      return m[group] ?? null;
    };
  },
  { mayReturnNull: true },
);

/** REGEXP_REPLACE(s, regex, replacement): Java's replaceAll, with `$n` group references and `\` escapes. */
export const REGEXP_REPLACE: ScalarFunction = strictBy(
  (site) => {
    const regexOf = regexFor(site, 1);
    return (s: string, pattern: string, replacement: string) => {
      const regex = regexOf(pattern);
      if (!regex) return null;
      regex.lastIndex = 0;
      return s.replace(regex, (...match: unknown[]) => javaReplacement(replacement, match));
    };
  },
  { mayReturnNull: true },
);

function javaReplacement(replacement: string, match: unknown[]): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === "\\" && i + 1 < replacement.length) out += replacement[++i];
    else if (c === "$" && /\d/.test(replacement[i + 1] ?? "")) {
      const group = Number(replacement[++i]);
      const value = match[group];
      out += typeof value === "string" ? value : "";
    } else out += c;
  }
  return out;
}
