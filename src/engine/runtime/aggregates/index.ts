/**
 * Aggregate functions at run time: `createAggregate` builds the function for one aggregate call of a
 * GROUP BY, window aggregate or OVER aggregate; `createWindowFunction` the ranking and offset functions
 * of OVER. Semantics follow Flink's built-in implementations, named in each file.
 */
export type { AggregateFunction, AggregateSpec } from "./aggregate-function.ts";
export { UnsupportedAggregateOperation } from "./aggregate-function.ts";
export { createAggregate, UnsupportedAggregateError } from "./create-aggregate.ts";
export { createWindowFunction } from "./window/create-window-function.ts";
export type { OrderedPartition, WindowFunction } from "./window/window-function.ts";
