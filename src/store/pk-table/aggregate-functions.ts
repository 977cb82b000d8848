import type { Row, SqlValue } from "../../common/value.ts";
import type { AggregateFunction } from "./merge-engine.ts";

const DEFAULT_FUNCTION: AggregateFunction = { kind: "last_value_ignore_nulls" };

/** Combines the stored row with a newly written one, column by column; key columns keep the stored value. */
export function aggregateRows(
  stored: Row,
  incoming: Row,
  functions: Readonly<Record<number, AggregateFunction>>,
  isKeyColumn: readonly boolean[],
): Row {
  const out: Row = new Array(stored.length);
  for (let i = 0; i < stored.length; i++) {
    out[i] = isKeyColumn[i]
      ? stored[i]!
      : aggregate(functions[i] ?? DEFAULT_FUNCTION, stored[i]!, incoming[i] ?? null);
  }
  return out;
}

function aggregate(fn: AggregateFunction, acc: SqlValue, value: SqlValue): SqlValue {
  switch (fn.kind) {
    case "last_value":
      return value;
    case "first_value":
      return acc;
    case "last_value_ignore_nulls":
      return value ?? acc;
    case "first_value_ignore_nulls":
      return acc ?? value;
  }
  if (value === null) return acc;
  if (acc === null) return value;
  switch (fn.kind) {
    case "sum":
      if (typeof acc === "number" && typeof value === "number") return acc + value;
      if (typeof acc === "bigint" && typeof value === "bigint") return acc + value;
      throw new TypeError(`sum: cannot add ${typeof acc} and ${typeof value}`);
    case "max":
      return compare(value, acc) > 0 ? value : acc;
    case "min":
      return compare(value, acc) < 0 ? value : acc;
    case "listagg":
      return `${String(acc)}${fn.delimiter ?? ","}${String(value)}`;
    case "bool_and":
      return acc === true && value === true;
    case "bool_or":
      return acc === true || value === true;
  }
}

function compare(a: SqlValue, b: SqlValue): number {
  const comparable =
    (typeof a === "number" || typeof a === "bigint" || typeof a === "string" || typeof a === "boolean") &&
    typeof a === typeof b;
  if (!comparable) throw new TypeError(`max/min: cannot compare ${typeof a} and ${typeof b}`);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}
