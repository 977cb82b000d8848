import type { Fields } from "../layout.ts";
import type { LogicalPlan } from "./logical-plan.ts";
import type { SortKey } from "./sort-key.ts";

/**
 * ORDER BY / OFFSET / LIMIT of a query (Calcite's Sort): the input's rows in `orderKeys` order, from
 * the `offset`-th one, at most `fetch` of them. The fields are the input's.
 */
export interface LogicalSort {
  readonly kind: "sort";
  readonly input: LogicalPlan;
  readonly orderKeys: readonly SortKey[];
  readonly offset: number;
  readonly fetch?: number;
  readonly fields: Fields;
}

export function logicalSort(
  input: LogicalPlan,
  orderKeys: readonly SortKey[],
  offset: number,
  fetch: number | undefined,
): LogicalSort {
  return Object.freeze({
    kind: "sort",
    input,
    orderKeys,
    offset,
    ...(fetch !== undefined ? { fetch } : {}),
    fields: input.fields,
  });
}
