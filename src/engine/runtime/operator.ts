import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";

/** Where an operator sends its changelog: the next operator's input, or a sink. */
export interface Collector {
  collect(kind: RowKind, row: Row): void;
}

/**
 * A push-based streaming operator, one per exec node. Its configuration (what EXPLAIN prints) is fixed
 * when it is built; its state lives in plain maps keyed by `encodeKey` strings, so `snapshot()` returns
 * a SqlValue the row codec can write and `restore()` reads it back (checkpoints, restarts).
 *
 * - `process` receives one changelog row from input `input` (0 unless the operator has several) and
 *   emits zero or more rows to the collector it was built with. It may keep `row` only if it copies it:
 *   callers may reuse arrays.
 * - `onWatermark` advances event time (window operators fire on it; others forward it).
 * - `finish` runs once when every input has ended (a bounded source): flush what is pending.
 */
export interface Operator {
  /** The exec node it runs, as EXPLAIN prints it: names it in run-time errors. */
  readonly description: string;
  process(kind: RowKind, row: Row, input: number): void;
  onWatermark(timestamp: number, input: number): void;
  finish(): void;
  snapshot(): SqlValue;
  restore(state: SqlValue): void;
}

/** What a source reader returns: a batch of rows (all `+I` unless `kinds` says otherwise), or why none. */
export type PollResult =
  | { readonly rows: readonly Row[]; readonly kinds?: readonly RowKind[] }
  | "idle"
  | "end";

/**
 * The pull side of a source: a driver polls it for at most `max` rows at a time. `"idle"` means no
 * rows now but maybe later (an unbounded table); `"end"` means the input is exhausted (VALUES).
 */
export interface SourceReader {
  readonly description: string;
  poll(max: number): PollResult;
  snapshot(): SqlValue;
  restore(state: SqlValue): void;
}
