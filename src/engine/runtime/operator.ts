import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";

/**
 * Where an operator sends its changelog: the next operator's input, or a sink. Besides rows, a stream
 * carries event-time progress: `watermark(t)` promises that later rows have a rowtime above `t` (late
 * rows aside), and `idle()` says the stream has nothing to send for now, so a consumer with several
 * inputs takes the minimum watermark over the others only (Flink's WatermarkStatus.IDLE). A row or
 * watermark after `idle()` makes the stream active again.
 */
export interface Collector {
  collect(kind: RowKind, row: Row): void;
  watermark(timestamp: number): void;
  idle(): void;
}

/** A collector that drops everything: the output of a sink. */
export const DISCARD: Collector = Object.freeze({ collect() {}, watermark() {}, idle() {} });

/**
 * A push-based streaming operator, one per exec node. Its configuration (what EXPLAIN prints) is fixed
 * when it is built; its state lives in plain maps keyed by `encodeKey` strings, so `snapshot()` returns
 * a SqlValue the row codec can write and `restore()` reads it back (checkpoints, restarts).
 *
 * - `process` receives one changelog row from input `input` (0 unless the operator has several) and
 *   emits zero or more rows to the collector it was built with. It may keep `row` only if it copies it:
 *   callers may reuse arrays.
 * - `onWatermark` advances event time to the minimum over its active inputs (the wiring combines
 *   them, see `connectInputs`): operators fire their event-time timers, then forward it downstream.
 * - `onProcessingTime`, when present, is called with the clock's time on every step of the job:
 *   processing-time timers fire from it.
 * - `finish` runs once when every input has ended (a bounded source), after the final
 *   `MAX_WATERMARK`: flush what is pending.
 */
export interface Operator {
  /** The exec node it runs, as EXPLAIN prints it: names it in run-time errors. */
  readonly description: string;
  process(kind: RowKind, row: Row, input: number): void;
  onWatermark(timestamp: number): void;
  onProcessingTime?(now: number): void;
  finish(): void;
  snapshot(): SqlValue;
  restore(state: SqlValue): void;
}

/**
 * What a source reader returns: a batch of rows (all `+I` unless `kinds` says otherwise) and the
 * source's watermark after them (sources with a watermark strategy), or why no rows came.
 */
export type PollResult =
  | { readonly rows: readonly Row[]; readonly kinds?: readonly RowKind[]; readonly watermark?: number }
  | "idle"
  | "end";

/**
 * The pull side of a source: a driver polls it for at most `max` rows at a time. `"idle"` means no
 * rows now but maybe later (an unbounded table); `"end"` means the input is exhausted (VALUES).
 */
export interface SourceReader {
  readonly description: string;
  poll(max: number): PollResult;
  /** From now on, end (`"end"`) once the rows available now are read: a bounded run of an unbounded source. */
  bound(): void;
  snapshot(): SqlValue;
  restore(state: SqlValue): void;
}
