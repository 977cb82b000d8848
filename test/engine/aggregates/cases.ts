import type { SqlValue } from "../../../src/common/value.ts";
import type { AggregateFunction } from "../../../src/engine/runtime/aggregates/index.ts";
import { t } from "../../../src/sql/types/constructors.ts";
import { agg } from "./helpers.ts";

/** One aggregate call with a generator of argument rows, for the generic property tests. */
export interface Case {
  readonly label: string;
  readonly fn: AggregateFunction;
  /** Arguments of the i-th row, drawn with `rand`. */
  readonly row: (rand: () => number, i: number) => SqlValue[];
  /** Floating-point results: compare with a relative tolerance. */
  readonly approximate?: boolean;
  /** The value depends on arrival order (merge then sees a's rows before b's). */
  readonly ordered?: boolean;
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const smallInt = (rand: () => number): SqlValue => (rand() < 0.15 ? null : Math.floor(rand() * 7) - 3);
const letter = (rand: () => number): SqlValue =>
  rand() < 0.15 ? null : pick(rand, ["a", "b", "c", "d", "😀"]);
const decimal = (rand: () => number): SqlValue =>
  rand() < 0.15 ? null : BigInt(Math.floor(rand() * 2001) - 1000);
const double = (rand: () => number): SqlValue => (rand() < 0.15 ? null : Math.floor(rand() * 200) / 8 - 12);

export const CASES: readonly Case[] = [
  { label: "COUNT(*)", fn: agg("COUNT", []), row: () => [] },
  { label: "COUNT(x)", fn: agg("COUNT", [t.int()]), row: (r) => [smallInt(r)] },
  { label: "COUNT(DISTINCT x)", fn: agg("COUNT", [t.string()], { distinct: true }), row: (r) => [letter(r)] },
  { label: "SUM(INT)", fn: agg("SUM", [t.int()]), row: (r) => [smallInt(r)] },
  { label: "SUM(DOUBLE)", fn: agg("SUM", [t.double()]), row: (r) => [double(r)] },
  { label: "SUM(DECIMAL(10,2))", fn: agg("SUM", [t.decimal(10, 2)]), row: (r) => [decimal(r)] },
  { label: "SUM(DISTINCT INT)", fn: agg("SUM", [t.int()], { distinct: true }), row: (r) => [smallInt(r)] },
  { label: "SUM0(BIGINT)", fn: agg("SUM0", [t.bigint()]), row: (r) => [smallInt(r)] },
  { label: "SUM0(DECIMAL)", fn: agg("SUM0", [t.decimal(10, 2)]), row: (r) => [decimal(r)] },
  { label: "AVG(INT)", fn: agg("AVG", [t.int()]), row: (r) => [smallInt(r)] },
  { label: "AVG(DOUBLE)", fn: agg("AVG", [t.double()]), row: (r) => [double(r)], approximate: true },
  { label: "AVG(DECIMAL(10,2))", fn: agg("AVG", [t.decimal(10, 2)]), row: (r) => [decimal(r)] },
  { label: "AVG(DISTINCT INT)", fn: agg("AVG", [t.int()], { distinct: true }), row: (r) => [smallInt(r)] },
  { label: "VAR_POP(DOUBLE)", fn: agg("VAR_POP", [t.double()]), row: (r) => [double(r)], approximate: true },
  {
    label: "VAR_SAMP(DOUBLE)",
    fn: agg("VAR_SAMP", [t.double()]),
    row: (r) => [double(r)],
    approximate: true,
  },
  {
    label: "STDDEV_POP(DOUBLE)",
    fn: agg("STDDEV_POP", [t.double()]),
    row: (r) => [double(r)],
    approximate: true,
  },
  {
    label: "STDDEV_SAMP(DOUBLE)",
    fn: agg("STDDEV_SAMP", [t.double()]),
    row: (r) => [double(r)],
    approximate: true,
  },
  { label: "MIN(INT)", fn: agg("MIN", [t.int()]), row: (r) => [smallInt(r)] },
  { label: "MAX(STRING)", fn: agg("MAX", [t.string()]), row: (r) => [letter(r)] },
  { label: "MAX(DECIMAL)", fn: agg("MAX", [t.decimal(10, 2)]), row: (r) => [decimal(r)] },
  { label: "MAX(DISTINCT INT)", fn: agg("MAX", [t.int()], { distinct: true }), row: (r) => [smallInt(r)] },
  {
    label: "FIRST_VALUE(STRING)",
    fn: agg("FIRST_VALUE", [t.string()]),
    row: (r) => [letter(r)],
    ordered: true,
  },
  { label: "LAST_VALUE(INT)", fn: agg("LAST_VALUE", [t.int()]), row: (r) => [smallInt(r)], ordered: true },
  { label: "LISTAGG(x)", fn: agg("LISTAGG", [t.string()]), row: (r) => [letter(r)], ordered: true },
  {
    label: "LISTAGG(x, sep)",
    fn: agg("LISTAGG", [t.string(), t.string()]),
    row: (r) => [letter(r), "; "],
    ordered: true,
  },
  { label: "ARRAY_AGG(INT)", fn: agg("ARRAY_AGG", [t.int()]), row: (r) => [smallInt(r)], ordered: true },
  { label: "COLLECT(STRING)", fn: agg("COLLECT", [t.string()]), row: (r) => [letter(r)] },
  {
    label: "COLLECT(ARRAY<INT>)",
    fn: agg("COLLECT", [t.array(t.int())]),
    row: (r) => [r() < 0.1 ? null : [Math.floor(r() * 3), Math.floor(r() * 2)]],
  },
  {
    label: "JSON_ARRAYAGG(INT)",
    fn: agg("JSON_ARRAYAGG", [t.int()]),
    row: (r) => [smallInt(r)],
    ordered: true,
  },
  {
    label: "JSON_OBJECTAGG(k, v)",
    fn: agg("JSON_OBJECTAGG", [t.string(), t.int()]),
    row: (r, i) => [`k${i}`, smallInt(r)],
    ordered: true,
  },
];

/** Equal values, or numbers within a relative 1e-9 when the case is approximate. */
export function sameValue(actual: SqlValue, expected: SqlValue, approximate: boolean | undefined): boolean {
  if (approximate && typeof actual === "number" && typeof expected === "number") {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  return deepEqual(actual, expected);
}

function deepEqual(a: SqlValue, b: SqlValue): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]!));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    const keyed = (m: Map<SqlValue, SqlValue>) => new Map([...m].map(([k, v]) => [JSON.stringify(k), v]));
    const kb = keyed(b);
    for (const [k, v] of keyed(a)) if (!deepEqual(v, kb.get(k) ?? null)) return false;
    return true;
  }
  return false;
}

/** Whether a snapshot is made only of the value shapes the row codec writes. */
export function isPlainValue(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case "boolean":
    case "number":
    case "bigint":
    case "string":
      return true;
  }
  if (value instanceof Uint8Array) return true;
  if (Array.isArray(value)) return value.every(isPlainValue);
  if (value instanceof Map) return [...value].every(([k, v]) => isPlainValue(k) && isPlainValue(v));
  return false;
}
