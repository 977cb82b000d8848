import type { ColumnBinding } from "../../../sql/binder/bound.ts";

/**
 * How compiled code finds its inputs in the row it is given. The planner decides the layout: a plain
 * column reads the input position of its binding; after an aggregation, `groupRef`, `aggregateRef`
 * and `windowRef` nodes read the positions where the operator put keys and results.
 */
export interface CompileEnv {
  columnIndex(ref: ColumnBinding): number;
  groupIndex?(index: number): number;
  aggregateIndex?(index: number): number;
  windowIndex?(index: number): number;
}
