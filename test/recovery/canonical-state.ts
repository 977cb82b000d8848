import type { SqlValue } from "../../src/common/value.ts";

/** A snapshot value in a form `toEqual` compares regardless of Map order (keys sorted by their JSON). */
export function canonical(value: SqlValue): unknown {
  if (value instanceof Map)
    return [...value]
      .map(([key, inner]) => [JSON.stringify(canonical(key)), canonical(inner)] as const)
      .sort((a, b) => a[0].localeCompare(b[0]));
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "bigint") return `${value}n`;
  return value;
}
