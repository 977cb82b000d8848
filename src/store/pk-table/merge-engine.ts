/**
 * How a primary-key table merges a new row into the row already stored for its key, after Apache
 * Fluss's `table.merge-engine`.
 *
 * - `last_row` (default): the new row replaces the old one (upsert).
 * - `first_row`: the first row ever written for a key is kept; later rows change nothing and emit nothing.
 * - `aggregation`: each non-key column is combined with its own aggregate function; columns without one
 *   use `last_value_ignore_nulls`, as in Fluss. Key columns are never touched.
 * - `versioned`: every version is kept with its timestamp (the row's `timeColumn`, or the write time),
 *   the current row is the newest version, and `getAsOf(key, t)` reads the version valid at `t` — the
 *   lookup of an event-time temporal join. (Fluss's engine of the same name keeps only the highest
 *   version; this one keeps the history.)
 */
export type MergeEngine =
  | { readonly kind: "last_row" }
  | { readonly kind: "first_row" }
  | { readonly kind: "aggregation"; readonly functions: Readonly<Record<number, AggregateFunction>> }
  | { readonly kind: "versioned"; readonly timeColumn?: number };

/** Fluss's aggregate functions; all but `last_value` and `first_value` skip nulls. */
export type AggregateFunction =
  | { readonly kind: "sum" }
  | { readonly kind: "max" }
  | { readonly kind: "min" }
  | { readonly kind: "last_value" }
  | { readonly kind: "last_value_ignore_nulls" }
  | { readonly kind: "first_value" }
  | { readonly kind: "first_value_ignore_nulls" }
  | { readonly kind: "listagg"; readonly delimiter?: string }
  | { readonly kind: "bool_and" }
  | { readonly kind: "bool_or" };

/**
 * What a delete (`-D`) does, after Fluss's `table.delete.behavior`: `allow` removes the row, `ignore`
 * drops the delete silently, `disable` rejects it with an error. Fluss's defaults: `allow` for
 * `last_row` and `versioned`, `ignore` for `first_row` and `aggregation` (which cannot retract).
 */
export type DeleteBehavior = "allow" | "ignore" | "disable";

export function defaultDeleteBehavior(engine: MergeEngine): DeleteBehavior {
  return engine.kind === "first_row" || engine.kind === "aggregation" ? "ignore" : "allow";
}
