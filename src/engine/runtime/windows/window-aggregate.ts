import { isAccumulate, type RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import { encodeKey } from "../../../store/index.ts";
import type { WindowProperty } from "../../plan/logical/group-window-aggregate.ts";
import type { Collector, Operator } from "../operator.ts";
import { NO_WATERMARK } from "../time/watermark.ts";
import type { AlignedWindows } from "./aligned-windows.ts";
import { propertyValues } from "./property-values.ts";
import { SortedEnds } from "./sorted-ends.ts";
import type { WindowAccumulators, WindowGroup } from "./window-accumulators.ts";
import type { WindowClock } from "./window-clock.ts";

/** Where a row's windows come from. */
export type WindowAssignment =
  | { readonly kind: "rowtime"; readonly field: number; readonly windows: AlignedWindows }
  | { readonly kind: "proctime"; readonly windows: AlignedWindows }
  | { readonly kind: "attached"; readonly start: number; readonly end: number };

export interface WindowAggregateConfig {
  readonly description: string;
  /** Input positions of the group keys. */
  readonly keys: readonly number[];
  readonly accumulators: WindowAccumulators;
  readonly assignment: WindowAssignment;
  readonly clock: WindowClock;
  /** What follows the aggregates in the output row. */
  readonly properties: readonly WindowProperty[];
  /** Processing time: proctime windows and the `proctime` property. */
  readonly now: () => number;
}

/** The rows of one window, per key. */
interface WindowBucket {
  readonly start: number;
  readonly end: number;
  readonly groups: Map<string, WindowGroup>;
}

export const WINDOW_AGGREGATE_STATE = { progress: "progress", windows: "windows" } as const;

export const NULL_ROWTIME = "RowTime field should not be null, please convert it to a non-null long value.";

/**
 * Aggregation per key and TUMBLE/HOP/CUMULATE window (or per window an upstream operator attached),
 * emitting each window's rows once, when its end passes: the watermark for event time, the clock for
 * processing time (Flink's WindowAggOperator with a slicing processor, and the legacy
 * GroupWindowAggregate, which agree on results). Each window keeps its own accumulators, so HOP and
 * CUMULATE need no merging and every aggregate function works. A row is added to the windows that
 * have not fired; a row whose windows all fired is late and dropped. A window's state is freed when
 * it fires. Output: key, aggregate values, window properties; insert-only.
 *
 * WindowAggregate(groupBy=[k], window=[TUMBLE(time_col=[ts], size=[10 s])], select=[k, COUNT(*)]):
 *   +I[a, 00:01], +I[a, 00:04], watermark 00:09.999 → +I[a, 2, 00:00, 00:10]
 *   then +I[a, 00:05] is late: dropped.
 */
export class WindowAggregateOperator implements Operator {
  readonly description: string;
  private readonly config: WindowAggregateConfig;
  private readonly out: Collector;
  private readonly windows = new Map<number, WindowBucket>();
  private ends = new SortedEnds();
  private readonly keyBuffer: SqlValue[];
  /** The watermark (event time) or the clock (processing time) windows have fired up to. */
  private progress = NO_WATERMARK;

  constructor(config: WindowAggregateConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.keyBuffer = new Array<SqlValue>(config.keys.length).fill(null);
  }

  process(kind: RowKind, row: Row): void {
    const { assignment, clock, keys } = this.config;
    const keyBuffer = this.keyBuffer;
    for (let i = 0; i < keys.length; i++) keyBuffer[i] = row[keys[i]!]!;
    const encoded = encodeKey(keyBuffer);
    const accumulate = isAccumulate(kind);
    if (assignment.kind === "attached") {
      const end = row[assignment.end] as number;
      if (clock.fireTime(end) > this.progress)
        this.add(row[assignment.start] as number, end, encoded, accumulate, row);
      return;
    }
    let timestamp: number;
    if (assignment.kind === "rowtime") {
      const value = row[assignment.field];
      if (value === null || value === undefined) throw new Error(NULL_ROWTIME);
      timestamp = clock.windowTime(value as number);
    } else {
      timestamp = clock.windowTime(this.config.now());
    }
    const windows = assignment.windows;
    const count = windows.assign(timestamp);
    // Processing time only moves on, so its rows are never late.
    const onTime = assignment.kind === "proctime" ? Number.NEGATIVE_INFINITY : this.progress;
    for (let w = 0; w < count; w++) {
      const end = windows.ends[w]!;
      // A window that fired already is not reopened: the row is late for it.
      if (clock.fireTime(end) > onTime) this.add(windows.starts[w]!, end, encoded, accumulate, row);
    }
  }

  private add(start: number, end: number, encoded: string, accumulate: boolean, row: Row): void {
    let bucket = this.windows.get(end);
    if (!bucket) {
      if (!accumulate) return;
      bucket = { start, end, groups: new Map() };
      this.windows.set(end, bucket);
      this.ends.insert(end);
    }
    let group = bucket.groups.get(encoded);
    if (!group) {
      // Taking back a row the window never counted (it was late) changes nothing.
      if (!accumulate) return;
      group = this.config.accumulators.create(this.keyBuffer.slice());
      bucket.groups.set(encoded, group);
    }
    this.config.accumulators.apply(group, accumulate, row);
  }

  onWatermark(timestamp: number): void {
    if (this.config.assignment.kind !== "proctime") this.fire(timestamp);
    this.out.watermark(timestamp);
  }

  onProcessingTime(now: number): void {
    if (this.config.assignment.kind === "proctime") this.fire(now);
  }

  /** Emits and frees every window whose last millisecond is at or before `time`, in end order. */
  private fire(time: number): void {
    if (time > this.progress) this.progress = time;
    const { clock, accumulators } = this.config;
    for (
      let end = this.ends.first();
      end !== undefined && clock.fireTime(end) <= time;
      end = this.ends.first()
    ) {
      this.ends.shift();
      const bucket = this.windows.get(end)!;
      this.windows.delete(end);
      const properties = propertyValues(this.config.properties, bucket.start, end, clock, this.config.now);
      for (const group of bucket.groups.values())
        if (group.count > 0) this.out.collect("+I", accumulators.result(group, properties));
    }
  }

  finish(): void {}

  snapshot(): SqlValue {
    const accumulators = this.config.accumulators;
    const windows: SqlValue[] = [];
    for (const end of this.ends.values()) {
      const bucket = this.windows.get(end)!;
      const groups = new Map<SqlValue, SqlValue>();
      for (const [key, group] of bucket.groups) groups.set(key, accumulators.snapshot(group));
      windows.push([bucket.start, bucket.end, groups]);
    }
    return new Map<SqlValue, SqlValue>([
      [WINDOW_AGGREGATE_STATE.progress, this.progress],
      [WINDOW_AGGREGATE_STATE.windows, windows],
    ]);
  }

  restore(state: SqlValue): void {
    const map = state as Map<SqlValue, SqlValue>;
    this.progress = map.get(WINDOW_AGGREGATE_STATE.progress) as number;
    this.windows.clear();
    this.ends = new SortedEnds();
    for (const [start, end, groups] of map.get(WINDOW_AGGREGATE_STATE.windows) as [
      number,
      number,
      Map<string, SqlValue>,
    ][]) {
      const bucket: WindowBucket = { start, end, groups: new Map() };
      for (const [key, group] of groups) bucket.groups.set(key, this.config.accumulators.restore(group));
      this.windows.set(end, bucket);
      this.ends.insert(end);
    }
  }
}
