import type { Fields } from "../plan/layout.ts";
import type { AggregateCall } from "../plan/logical/aggregate.ts";
import type { ChangelogMode } from "../plan/physical/changelog-mode.ts";
import type { AggregateSlot } from "./aggregates/call-accumulators.ts";
import { createAggregate } from "./aggregates/index.ts";

/**
 * The run-time functions of a node's aggregate calls. Insert-only input gets the cheaper variants
 * without retraction (MIN/MAX, FIRST_VALUE/LAST_VALUE), as Flink's planner picks them.
 */
export function aggregateSlots(
  aggregates: readonly AggregateCall[],
  inputFields: Fields,
  inputMode: ChangelogMode,
): AggregateSlot[] {
  const retraction = inputMode.updateBefore || inputMode.delete;
  return aggregates.map((call) => ({
    fn: createAggregate({
      name: call.name,
      argTypes: call.args.map((a) => inputFields[a]!.type),
      resultType: call.type,
      distinct: call.distinct,
      ignoreNulls: call.ignoreNulls,
      retraction,
      ...(call.userFunction ? { userFunction: call.userFunction } : {}),
      ...(call.span ? { span: call.span } : {}),
    }),
    args: call.args,
    ...(call.filter !== undefined ? { filter: call.filter } : {}),
  }));
}
