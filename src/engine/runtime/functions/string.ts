import type { SqlValue } from "../../../common/value.ts";
import type { ScalarFunction } from "./scalar-function.ts";
import { lenientBy, strict, strictBy, valueArgTypes } from "./scalar-function.ts";
import { toStringFor } from "./to-string.ts";

/**
 * String functions (Flink's systemFunctions "String Functions"). Positions are 1-based and count
 * UTF-16 code units, as Java's String does.
 */

/** CONCAT(a, b, ...): NULL if any argument is NULL. Binary arguments concatenate bytes. */
export const CONCAT: ScalarFunction = strictBy((site) => {
  if (site.type.kind === "VARBINARY" || site.type.kind === "BINARY") {
    return (...parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    };
  }
  return (...parts: string[]) => parts.join("");
});

/** CONCAT_WS(separator, a, b, ...): NULL separator gives NULL; NULL arguments are skipped. */
export const CONCAT_WS: ScalarFunction = lenientBy(
  () =>
    (separator: string | null, ...parts: (string | null)[]) => {
      if (separator === null) return null;
      let out = "";
      let first = true;
      for (const p of parts) {
        if (p === null) continue;
        out += first ? p : separator + p;
        first = false;
      }
      return out;
    },
);

export const LOWER: ScalarFunction = strict((s: string) => s.toLowerCase());
export const UPPER: ScalarFunction = strict((s: string) => s.toUpperCase());

/** INITCAP: the first letter of each word upper case, the rest lower case; words split at non-alphanumerics. */
export const INITCAP: ScalarFunction = strict((s: string) => {
  let out = "";
  let start = true;
  for (const c of s) {
    const alnum = /[\p{L}\p{N}]/u.test(c);
    out += start ? c.toUpperCase() : c.toLowerCase();
    start = !alnum;
  }
  return out;
});

export const CHAR_LENGTH: ScalarFunction = strict((s: string) => s.length);

/**
 * SUBSTRING(s, start[, length]): 1-based; a negative start counts from the end; the range is
 * clipped to the string, and an empty range gives '' (Flink's BinaryStringData.substringSQL).
 */
export const SUBSTRING: ScalarFunction = strict((s: string, start: number, length?: number) => {
  const len = s.length;
  const from = start > 0 ? start - 1 : start < 0 ? len + start : 0;
  const to = length === undefined ? len : Math.min(from + length, len);
  const clipped = Math.max(from, 0);
  return clipped >= to ? "" : s.slice(clipped, to);
});

/** SPLIT_INDEX(s, delimiter, index): the 0-based index-th field, NULL when out of range or negative. */
export const SPLIT_INDEX: ScalarFunction = strictBy(
  (site) => {
    const byCode = valueArgTypes(site)[1]?.kind !== "CHAR" && valueArgTypes(site)[1]?.kind !== "VARCHAR";
    return (s: string, delimiter: string | number, index: number) => {
      if (index < 0) return null;
      const sep = byCode ? String.fromCharCode(delimiter as number) : (delimiter as string);
      const parts = sep === "" ? s.split(/\s+/).filter((p) => p !== "") : s.split(sep);
      return index < parts.length ? parts[index]! : null;
    };
  },
  { mayReturnNull: true },
);

/** POSITION(needle IN s) / LOCATE(needle, s[, from]): 1-based index, 0 when absent. */
export const POSITION: ScalarFunction = strict((needle: string, s: string, from?: number) => {
  if (from !== undefined && from < 1) return 0;
  return s.indexOf(needle, from === undefined ? 0 : from - 1) + 1;
});

/** LPAD/RPAD(s, length, pad): a negative length is NULL; an empty pad only truncates. */
function pad(left: boolean) {
  return (s: string, length: number, padding: string): SqlValue => {
    if (length < 0) return null;
    if (length <= s.length) return s.slice(0, length);
    if (padding === "") return null;
    const fill = padding.repeat(Math.ceil((length - s.length) / padding.length)).slice(0, length - s.length);
    return left ? fill + s : s + fill;
  };
}

export const LPAD: ScalarFunction = strict(pad(true), { mayReturnNull: true });
export const RPAD: ScalarFunction = strict(pad(false), { mayReturnNull: true });

/** TRIM: `TRIM BOTH/LEADING/TRAILING` nodes carry [source, chars?]; default chars is a space. */
function trimmer(leading: boolean, trailing: boolean) {
  return (s: string, chars = " "): string => {
    let start = 0;
    let end = s.length;
    if (leading) while (start < end && chars.includes(s[start]!)) start++;
    if (trailing) while (end > start && chars.includes(s[end - 1]!)) end--;
    return s.slice(start, end);
  };
}

export const TRIM_BOTH: ScalarFunction = strict(trimmer(true, true));
export const TRIM_LEADING: ScalarFunction = strict(trimmer(true, false));
export const TRIM_TRAILING: ScalarFunction = strict(trimmer(false, true));

/** LTRIM/RTRIM(s[, chars]). */
export const LTRIM: ScalarFunction = strict(trimmer(true, false));
export const RTRIM: ScalarFunction = strict(trimmer(false, true));

/** REPEAT(s, n): empty for n ≤ 0. */
export const REPEAT: ScalarFunction = strict((s: string, n: number) => (n <= 0 ? "" : s.repeat(n)));

/** REVERSE by code points, so surrogate pairs stay whole. */
export const REVERSE: ScalarFunction = strict((s: string) => [...s].reverse().join(""));

export const REPLACE: ScalarFunction = strict((s: string, search: string, replacement: string) =>
  search === "" ? s : s.split(search).join(replacement),
);

/** LEFT/RIGHT(s, n): the first/last n characters; empty for n ≤ 0. */
export const LEFT: ScalarFunction = strict((s: string, n: number) => (n <= 0 ? "" : s.slice(0, n)));
export const RIGHT: ScalarFunction = strict((s: string, n: number) =>
  n <= 0 ? "" : s.slice(Math.max(s.length - n, 0)),
);

/** ASCII: the code of the first character, 0 for an empty string. */
export const ASCII: ScalarFunction = strict((s: string) => (s.length === 0 ? 0 : s.charCodeAt(0)));

/** CHR(n): the character with code n modulo 256; NULL for a negative n. */
export const CHR: ScalarFunction = strict((n: number) => (n < 0 ? null : String.fromCharCode(n % 256)), {
  mayReturnNull: true,
});

/** INSTR(s, needle[, start[, occurrence]]): 1-based position of the n-th occurrence, 0 if absent. */
export const INSTR: ScalarFunction = strict(
  (s: string, needle: string, start = 1, occurrence = 1) => {
    if (occurrence < 1 || start === 0) return null;
    let from = start > 0 ? start - 1 : s.length + start;
    for (let found = 0; ; ) {
      const at = start > 0 ? s.indexOf(needle, from) : s.lastIndexOf(needle, from);
      if (at < 0) return 0;
      if (++found === occurrence) return at + 1;
      from = start > 0 ? at + 1 : at - 1;
    }
  },
  { mayReturnNull: true },
);

/** OVERLAY(s PLACING r FROM pos [FOR len]). */
export const OVERLAY: ScalarFunction = strict((s: string, r: string, pos: number, len?: number) => {
  const length = len ?? r.length;
  return s.slice(0, Math.max(pos - 1, 0)) + r + s.slice(Math.max(pos - 1 + length, 0));
});

/** STR_TO_MAP(s[, pairDelimiter = ',', keyValueDelimiter = '=']): delimiters are regexes in Flink. */
export const STR_TO_MAP: ScalarFunction = strict((s: string, pairs = ",", keyValue = "=") => {
  const map = new Map<SqlValue, SqlValue>();
  for (const pair of s.split(new RegExp(pairs))) {
    const [key = "", ...rest] = pair.split(new RegExp(keyValue));
    map.set(key, rest.length === 0 ? null : rest.join(keyValue));
  }
  return map;
});

export const SPLIT: ScalarFunction = strict((s: string, delimiter: string) =>
  delimiter === "" ? [...s] : s.split(delimiter),
);

/** TO_BASE64 of the string's UTF-8 bytes (or of bytes); FROM_BASE64 decodes to a string. */
export const TO_BASE64: ScalarFunction = strict((v: string | Uint8Array) =>
  (typeof v === "string" ? Buffer.from(v, "utf8") : Buffer.from(v)).toString("base64"),
);
export const FROM_BASE64: ScalarFunction = strict((s: string | Uint8Array) =>
  Buffer.from(typeof s === "string" ? s : Buffer.from(s).toString("latin1"), "base64").toString("utf8"),
);

/** URL_ENCODE/URL_DECODE as java.net.URLEncoder (spaces as `+`); NULL on malformed input. */
export const URL_ENCODE: ScalarFunction = strict((s: string) =>
  encodeURIComponent(s)
    .replace(/%20/g, "+")
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
);
export const URL_DECODE: ScalarFunction = strict(
  (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
      return null;
    }
  },
  { mayReturnNull: true },
);

/** PARSE_URL(url, part[, key]): HOST, PATH, QUERY (or one query key), REF, PROTOCOL, FILE, AUTHORITY, USERINFO. */
export const PARSE_URL: ScalarFunction = strict(
  (url: string, part: string, key?: string) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    switch (part) {
      case "HOST":
        return u.hostname;
      case "PATH":
        return u.pathname;
      case "QUERY":
        if (key !== undefined) return u.searchParams.get(key);
        return u.search === "" ? null : u.search.slice(1);
      case "REF":
        return u.hash === "" ? null : u.hash.slice(1);
      case "PROTOCOL":
        return u.protocol.replace(/:$/, "");
      case "FILE":
        return u.pathname + u.search;
      case "AUTHORITY":
        return u.host;
      case "USERINFO":
        return u.username === "" ? null : u.password ? `${u.username}:${u.password}` : u.username;
      default:
        return null;
    }
  },
  { mayReturnNull: true },
);

/** IS_ALPHA / IS_DIGIT / IS_DECIMAL: FALSE for NULL (never NULL). Numbers are checked as their text. */
function characterCheck(test: (s: string) => boolean) {
  return lenientBy(
    (site) => {
      const type = valueArgTypes(site)[0]!;
      const text = type.kind === "CHAR" || type.kind === "VARCHAR" ? undefined : toStringFor(type);
      return (v: SqlValue) => {
        if (v === null) return false;
        const s = text ? text(v as never, "UTC") : (v as string);
        return test(s);
      };
    },
    { mayReturnNull: false },
  );
}

export const IS_ALPHA: ScalarFunction = characterCheck((s) => s.length > 0 && /^\p{L}+$/u.test(s));
export const IS_DIGIT: ScalarFunction = characterCheck((s) => s.length > 0 && /^\p{Nd}+$/u.test(s));
export const IS_DECIMAL: ScalarFunction = characterCheck((s) =>
  /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim()),
);
