import type { RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { RankOutput } from "./rank-output.ts";

/**
 * One of Flink's Top-N algorithms over the state of one partition. The Rank operator keys the state
 * by partition and sets `out.rankEnd` before each call. `topSize` is how many rows a buffer keeps:
 * the rank end when it is constant, Flink's default of 100 when a field gives it.
 */
export interface TopNFunction<State> {
  createState(): State;
  process(state: State, kind: RowKind, row: Row, out: RankOutput, topSize: number): void;
  snapshot(state: State): SqlValue;
  restore(snapshot: SqlValue): State;
}
