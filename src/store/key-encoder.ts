import type { SqlValue } from "../common/value.ts";

/**
 * Encodes key values as a string for use as a hash-map key: equal SQL keys give equal strings and
 * different keys different strings. Every value is tagged, and strings and bytes carry their length,
 * so no two different key tuples can collide. Numbers follow SQL equality (0 and -0 are one key);
 * map entries are sorted so equal maps built in a different order give the same key.
 */
export function encodeKey(values: readonly SqlValue[]): string {
  if (values.length === 1) return encodeValue(values[0]!);
  // Joined, not concatenated: `+=` leaves a tree of cons strings that a map holding the key keeps.
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = encodeValue(values[i]!);
  return parts.join("");
}

function encodeValue(value: SqlValue): string {
  switch (typeof value) {
    case "string":
      return `s${value.length}:${value}`;
    case "number":
      return `n${value === 0 ? 0 : value};`;
    case "bigint":
      return `d${value};`;
    case "boolean":
      return value ? "T" : "F";
    default:
      if (value === null) return "N";
      if (value instanceof Uint8Array) {
        return `b${value.length}:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("latin1")}`;
      }
      if (Array.isArray(value)) return `[${value.length}:${encodeKey(value)}]`;
      if (value instanceof Map) {
        const entries = [...value].map(([k, v]) => encodeValue(k) + encodeValue(v)).sort();
        return `{${entries.length}:${entries.join("")}}`;
      }
      throw new TypeError(`not a SQL value: ${String(value)}`);
  }
}
