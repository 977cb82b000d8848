import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { type Field, fieldRef, slotIndex } from "../layout.ts";
import type { LogicalAggregate } from "../logical/aggregate.ts";
import { logicalCalc } from "../logical/calc.ts";
import type { WindowProperty } from "../logical/group-window-aggregate.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import { logicalWindowAggregate, type Windowing } from "../logical/window-aggregate.ts";
import { expandId } from "../plan-aggregate.ts";
import { PlanError } from "../plan-error.ts";
import { rewriteExpr } from "../rewrite-expr.ts";
import { type WindowAggregateShape, windowAggregateShape } from "./window-aggregate-shape.ts";

/**
 * GROUP BY window_start, window_end [, keys] of a windowed input → WindowAggregate, as Flink's
 * StreamPhysicalWindowAggregateRule decides (see windowAggregateShape); undefined for any other
 * GROUP BY. When the window TVF can be folded in, the aggregate reads the TVF's input and assigns
 * windows itself from the time column; otherwise it reads the window columns its input carries.
 * Its row is the keys, the aggregates, then the window properties; a Calc on top restores the
 * GROUP BY's column order, as in Flink's plans:
 *
 *   Calc(select=[item, window_start, window_end, total])
 *   +- WindowAggregate(groupBy=[item], window=[TUMBLE(time_col=[ts], size=[10 s])],
 *        select=[item, SUM(price) AS total, start('w$) AS window_start, end('w$) AS window_end])
 */
export function foldWindowAggregate(agg: LogicalAggregate): LogicalPlan | undefined {
  const shape = windowAggregateShape(agg);
  if (!shape) return undefined;
  const window = shape.input.window;
  if (window.kind === "HOP" && window.size % window.slide !== 0)
    throw new PlanError(
      `Slicing Hopping Window requires size must be an integral multiple of slide, but got size ${window.size}ms and slide ${window.slide}ms.`,
    );
  const { input, position, windowing } = shape.tvf ? foldTvf(shape) : attached(agg, shape);

  const keyCount = agg.groupKeys.length;
  const isWindowKey = (i: number): boolean => shape.windowKeys.includes(i);
  const groupKeys = agg.groupKeys.flatMap((k, i) => (isWindowKey(i) ? [] : [position(k)]));
  const keyFields = agg.fields.slice(0, keyCount).filter((_, i) => !isWindowKey(i));
  const eField = agg.groupingSets ? agg.fields[keyCount] : undefined;
  const aggregateFields = agg.fields.slice(keyCount + (eField ? 1 : 0));
  const properties: WindowProperty[] = shape.windowKeys.map((i) => {
    const k = agg.groupKeys[i]!;
    if (shape.input.starts.includes(k)) return "start";
    if (shape.input.ends.includes(k)) return "end";
    return shape.input.time.attribute;
  });
  const fields: Field[] = [
    ...keyFields,
    ...(eField ? [eField] : []),
    ...aggregateFields,
    ...shape.windowKeys.map((i) => agg.fields[i]!),
  ];
  const windowAggregate = logicalWindowAggregate({
    input,
    groupKeys,
    ...(agg.groupingSets
      ? {
          groupingSets: agg.groupingSets.map((set) => ({
            nulls: agg.groupKeys.flatMap((k, i) => (isWindowKey(i) || set.includes(i) ? [] : [position(k)])),
            id: expandId(set, keyCount),
          })),
        }
      : {}),
    aggregates: agg.aggregates.map((call) => ({
      ...call,
      args: call.args.map(position),
      ...(call.filter !== undefined ? { filter: position(call.filter) } : {}),
    })),
    window,
    windowing,
    properties,
    fields,
  });
  if (agg.fields.every((f, i) => fields[i] === f)) return windowAggregate;
  return logicalCalc(
    windowAggregate,
    agg.fields.map((f) => fieldRef(fields, fields.indexOf(f))),
    undefined,
    agg.fields,
  );
}

interface AggregateInput {
  readonly input: LogicalPlan;
  /** Where a field of the GROUP BY's input is in `input`. */
  readonly position: (field: number) => number;
  readonly windowing: Windowing;
}

/**
 * The aggregate reads the window TVF's input: the Calc between them keeps its projections but the
 * window columns, over the TVF's input fields, plus the time column when it dropped it.
 */
function foldTvf(shape: WindowAggregateShape): AggregateInput {
  const { function: tvf, calc } = shape.tvf!;
  const timeAttribute = (timeField: number): Windowing => ({
    kind: "timeAttribute",
    timeField,
    time: shape.input.time,
  });
  if (!calc) return { input: tvf.input, position: (i) => i, windowing: timeAttribute(tvf.timeField) };
  const inputFields = tvf.input.fields;
  const overInput = (e: BoundExpr): BoundExpr =>
    rewriteExpr(e, (x) => {
      const i = slotIndex(tvf.fields, x);
      return i >= 0 ? fieldRef(inputFields, i) : undefined;
    });
  const windowColumn = (e: BoundExpr): boolean => slotIndex(tvf.fields, e) >= inputFields.length;
  const kept = calc.projections.flatMap((p, j) => (windowColumn(p) ? [] : [j]));
  const projections = kept.map((j) => overInput(calc.projections[j]!));
  const fields: Field[] = kept.map((j) => calc.fields[j]!);
  let timeField = kept.findIndex((j) => slotIndex(tvf.fields, calc.projections[j]!) === tvf.timeField);
  if (timeField < 0) {
    timeField = projections.length;
    projections.push(fieldRef(inputFields, tvf.timeField));
    fields.push(inputFields[tvf.timeField]!);
  }
  const condition = calc.condition ? overInput(calc.condition) : undefined;
  return {
    input: logicalCalc(tvf.input, projections, condition, fields),
    position: (i) => kept.indexOf(i),
    windowing: timeAttribute(timeField),
  };
}

/** The aggregate reads window_start and window_end from its input (rowtime windows only). */
function attached(agg: LogicalAggregate, shape: WindowAggregateShape): AggregateInput {
  const start = agg.groupKeys.find((k) => shape.input.starts.includes(k))!;
  const end = agg.groupKeys.find((k) => shape.input.ends.includes(k))!;
  return {
    input: agg.input,
    position: (i) => i,
    windowing: { kind: "windowAttached", start, end, time: shape.input.time },
  };
}
