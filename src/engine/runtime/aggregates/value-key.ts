import type { SqlValue } from "../../../common/value.ts";

/**
 * A value usable as a JS Map key with SQL equality. Scalars are their own key (Map compares them by
 * value); ARRAY, MAP, MULTISET, ROW and BYTES values are objects compared by identity, so they get a
 * canonical text instead. One map only ever holds keys of one SQL type, so the texts never meet real
 * strings.
 */
export type ValueKey = string | number | bigint | boolean | null;

export function valueKey(value: SqlValue): ValueKey {
  return typeof value === "object" && value !== null ? encode(value) : value;
}

/** The key of an argument tuple (COUNT(DISTINCT a, b)). */
export function tupleKey(values: readonly SqlValue[]): string {
  let text = "";
  for (const v of values) text += encode(v);
  return text;
}

// Every piece is self-delimiting (length-prefixed or ';'-terminated), so concatenations are unambiguous.
function encode(value: SqlValue): string {
  if (value === null) return "n;";
  switch (typeof value) {
    case "boolean":
      return value ? "t;" : "f;";
    case "number":
      return `d${value};`;
    case "bigint":
      return `b${value};`;
    case "string":
      return `s${value.length}:${value}`;
  }
  if (value instanceof Uint8Array) return `x${value.length}:${Buffer.from(value).toString("latin1")}`;
  if (Array.isArray(value)) {
    let text = `a${value.length}:`;
    for (const item of value) text += encode(item);
    return text;
  }
  // MAP and MULTISET: equal whatever the insertion order, so entries are sorted by their encoding.
  const entries: string[] = [];
  for (const [k, v] of value) entries.push(encode(k) + encode(v));
  entries.sort();
  return `m${entries.length}:${entries.join("")}`;
}
