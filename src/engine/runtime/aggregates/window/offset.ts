import type { SqlValue } from "../../../../common/value.ts";
import type { OrderedPartition, WindowFunction } from "./window-function.ts";

/**
 * LAG(x [, offset [, default]]) and LEAD(...) (Flink's LeadLagAggFunction, LagAggFunction): x of the row
 * `offset` rows before (LAG) or after (LEAD) the current one, default 1; past the partition's edge the
 * default, NULL without one. Offset and default are the current row's arguments; a negative offset
 * looks the other way, a NULL offset gives NULL. The default is expected already cast to the result type.
 */
export function offsetFunction(name: "LAG" | "LEAD"): WindowFunction {
  const direction = name === "LAG" ? -1 : 1;
  const valueAt = (partition: OrderedPartition, row: number): SqlValue => {
    const args = partition.args(row);
    const offset = args.length > 1 ? args[1]! : 1;
    if (offset === null) return null;
    const target = row + direction * (offset as number);
    if (target >= 0 && target < partition.size) return partition.args(target)[0]!;
    return args.length > 2 ? args[2]! : null;
  };
  return {
    name,
    evaluateAll(partition, out) {
      for (let i = 0; i < partition.size; i++) out[i] = valueAt(partition, i);
    },
    evaluateRow: valueAt,
  };
}
