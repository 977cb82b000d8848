import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { slotIndex } from "../layout.ts";
import type { LogicalAggregate } from "../logical/aggregate.ts";
import type { LogicalCalc } from "../logical/calc.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import type { LogicalWindowTableFunction } from "../logical/window-table-function.ts";
import { someExpr } from "../rewrite-expr.ts";
import { isWindowed, type WindowProperties, windowPropertiesOf } from "./window-properties.ts";

/**
 * Why a GROUP BY is a window aggregate (Flink's WindowUtil.isValidWindowAggregate): it groups by
 * window_start and window_end of a windowed input (in every grouping set), a SESSION window's other
 * keys are exactly its partition keys, and a processing-time window is read straight off its window
 * TVF (only Calcs in between, none computing on the window columns: processing time cannot be
 * recomputed downstream).
 *
 * `windowKeys` are the positions in `groupKeys` of the window columns; `tvf` is set when the window
 * TVF can be folded into the aggregate (the aggregate then assigns windows itself, from the time
 * column), with the Calc between them if there is one.
 */
export interface WindowAggregateShape {
  readonly input: WindowProperties;
  readonly windowKeys: readonly number[];
  readonly tvf?: { readonly calc?: LogicalCalc; readonly function: LogicalWindowTableFunction };
}

export function windowAggregateShape(agg: LogicalAggregate): WindowAggregateShape | undefined {
  const input = windowPropertiesOf(agg.input);
  if (!isWindowed(input)) return undefined;
  const windowColumns = [...input.starts, ...input.ends, ...input.times];
  const windowKeys = agg.groupKeys.flatMap((k, i) => (windowColumns.includes(k) ? [i] : []));
  const groups = (fields: readonly number[]): boolean => agg.groupKeys.some((k) => fields.includes(k));
  if (!groups(input.starts) || !groups(input.ends)) return undefined;
  const startOrEnd = windowKeys.filter((i) => !input.times.includes(agg.groupKeys[i]!));
  if (agg.groupingSets?.some((set) => !startOrEnd.every((i) => set.includes(i)))) return undefined;
  if (input.window.kind === "SESSION") {
    const others = agg.groupKeys.filter((_, i) => !windowKeys.includes(i));
    const partition = input.partitionKeys;
    if (!partition || !sameSet(others, partition)) return undefined;
  }
  const argsOnWindow = agg.aggregates.some(
    (a) =>
      a.args.some((x) => windowColumns.includes(x)) ||
      (a.filter !== undefined && windowColumns.includes(a.filter)),
  );
  const tvf = argsOnWindow ? undefined : foldableTvf(agg.input);
  if (input.time.attribute === "proctime" && !tvf) return undefined;
  return { input, windowKeys, ...(tvf ? { tvf } : {}) };
}

/**
 * The window TVF under the aggregate when nothing between them reads the window columns but to pass
 * them on: a Calc over the TVF whose projections use them only as plain references and whose filter
 * ignores them (Flink's PullUpWindowTableFunctionIntoWindowAggregateRule).
 */
function foldableTvf(input: LogicalPlan): WindowAggregateShape["tvf"] {
  if (input.kind === "windowTableFunction") return { function: input };
  if (input.kind !== "calc" || input.input.kind !== "windowTableFunction") return undefined;
  const tvf = input.input;
  const firstWindowColumn = tvf.input.fields.length;
  const readsWindow = (e: BoundExpr): boolean =>
    someExpr(e, (x) => slotIndex(tvf.fields, x) >= firstWindowColumn);
  if (input.condition && readsWindow(input.condition)) return undefined;
  const plainRef = (e: BoundExpr): boolean => slotIndex(tvf.fields, e) >= 0;
  if (input.projections.some((p) => !plainRef(p) && readsWindow(p))) return undefined;
  return { calc: input, function: tvf };
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
}
