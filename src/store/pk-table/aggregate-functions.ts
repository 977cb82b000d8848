// Fluss's field aggregators for the `aggregation` merge engine. They look like SQL aggregates but are
// not the engine's (engine/runtime/aggregates): Fluss folds the stored value and the incoming one —
// the stored row is the whole state, no accumulator, no retraction — and its defaults differ
// (`last_value_ignore_nulls` for columns without a function). Only the order of values is the same
// concept, so MAX/MIN share the engine's comparison (common/compare-values.ts).
import { compareValues } from "../../common/compare-values.ts";
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
      return compareValues(value, acc) > 0 ? value : acc;
    case "min":
      return compareValues(value, acc) < 0 ? value : acc;
    case "listagg":
      return `${String(acc)}${fn.delimiter ?? ","}${String(value)}`;
    case "bool_and":
      return acc === true && value === true;
    case "bool_or":
      return acc === true || value === true;
  }
}
