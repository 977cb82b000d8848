import { isAccumulate, type RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import { encodeKey } from "../../../store/index.ts";
import type { WindowProperty } from "../../plan/logical/group-window-aggregate.ts";
import type { AggregateGroup, GroupAccumulators } from "../aggregates/group-accumulators.ts";
import type { Collector, Operator } from "../operator.ts";
import { SpillableMap, type StateCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";
import { NO_WATERMARK } from "../time/watermark.ts";
import type { AlignedWindows } from "./aligned-windows.ts";
import { propertyValues } from "./property-values.ts";
import { SortedEnds } from "./sorted-ends.ts";
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
  readonly accumulators: GroupAccumulators;
  readonly assignment: WindowAssignment;
  readonly clock: WindowClock;
  /** What follows the aggregates in the output row. */
  readonly properties: readonly WindowProperty[];
  /** Processing time: proctime windows and the `proctime` property. */
  readonly now: () => number;
  /** Where keys' windows beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

/**
 * One key's open windows: a handful (size / slide for HOP), so parallel arrays searched by end beat a
 * Map, whose epoch-millisecond keys would be boxed on every lookup.
 */
interface KeyWindows {
  readonly encoded: string;
  readonly key: Row;
  readonly ends: number[];
  readonly groups: AggregateGroup[];
}

/**
 * One open window and the keys that have rows in it, in arrival order (encoded: a key's state can be
 * on disk, and comes back as a new object).
 */
interface WindowBucket {
  readonly start: number;
  readonly end: number;
  readonly keys: string[];
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
  /** State by key first, so a row finds its key once, whatever the number of its windows. */
  private readonly keyed: SpillableMap<string, KeyWindows>;
  private ends = new SortedEnds();
  private readonly keyBuffer: SqlValue[];
  /** The watermark (event time) or the clock (processing time) windows have fired up to. */
  private progress = NO_WATERMARK;

  constructor(config: WindowAggregateConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.keyBuffer = new Array<SqlValue>(config.keys.length).fill(null);
    this.keyed = new SpillableMap(keyWindowsCodec(config.accumulators), config.spill);
  }

  process(kind: RowKind, row: Row): void {
    const { assignment, clock, keys } = this.config;
    const keyBuffer = this.keyBuffer;
    for (let i = 0; i < keys.length; i++) keyBuffer[i] = row[keys[i]!]!;
    const encoded = encodeKey(keyBuffer);
    const entry = this.keyed.get(encoded);
    const accumulate = isAccumulate(kind);
    if (assignment.kind === "attached") {
      const end = row[assignment.end] as number;
      if (clock.fireTime(end) > this.progress)
        this.add(row[assignment.start] as number, end, encoded, entry, accumulate, row);
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
    let current = entry;
    for (let w = 0; w < count; w++) {
      const end = windows.ends[w]!;
      // A window that fired already is not reopened: the row is late for it.
      if (clock.fireTime(end) > onTime)
        current = this.add(windows.starts[w]!, end, encoded, current, accumulate, row);
    }
  }

  /** Adds the row to the key's window; returns the key's state (created with its first window). */
  private add(
    start: number,
    end: number,
    encoded: string,
    entry: KeyWindows | undefined,
    accumulate: boolean,
    row: Row,
  ): KeyWindows | undefined {
    const at = entry ? entry.ends.indexOf(end) : -1;
    let group: AggregateGroup;
    if (at >= 0) {
      group = entry!.groups[at]!;
    } else {
      // Taking back a row the window never counted (it was late) changes nothing.
      if (!accumulate) return entry;
      if (!entry) {
        entry = { encoded, key: this.keyBuffer.slice(), ends: [], groups: [] };
        this.keyed.set(encoded, entry);
      }
      group = this.config.accumulators.create(entry.key);
      entry.ends.push(end);
      entry.groups.push(group);
      this.bucket(start, end).keys.push(encoded);
    }
    this.config.accumulators.apply(group, accumulate, row);
    return entry;
  }

  private bucket(start: number, end: number): WindowBucket {
    let bucket = this.windows.get(end);
    if (!bucket) {
      bucket = { start, end, keys: [] };
      this.windows.set(end, bucket);
      this.ends.insert(end);
    }
    return bucket;
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
      for (const encoded of bucket.keys) {
        const entry = this.keyed.get(encoded)!;
        const group = takeWindow(entry, end);
        if (entry.ends.length === 0) this.keyed.delete(encoded);
        if (group.count > 0) this.out.collect("+I", accumulators.result(group, properties));
      }
    }
  }

  finish(): void {}

  snapshot(): SqlValue {
    const accumulators = this.config.accumulators;
    // Spilled keys are read once, in the spill's order, rather than loaded one by one.
    const keyed = this.config.spill ? new Map(this.keyed.entries()) : this.keyed;
    const windows: SqlValue[] = [];
    for (const end of this.ends.values()) {
      const bucket = this.windows.get(end)!;
      const groups = bucket.keys.map((encoded) => {
        const entry = keyed.get(encoded)!;
        return [encoded, entry.key, accumulators.snapshot(entry.groups[entry.ends.indexOf(end)]!)];
      });
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
    this.keyed.clear();
    this.ends = new SortedEnds();
    const windows = map.get(WINDOW_AGGREGATE_STATE.windows) as [number, number, [string, Row, SqlValue][]][];
    for (const [start, end, groups] of windows) {
      const bucket = this.bucket(start, end);
      for (const [encoded, key, group] of groups) {
        let entry = this.keyed.get(encoded);
        if (!entry) {
          entry = { encoded, key, ends: [], groups: [] };
          this.keyed.set(encoded, entry);
        }
        entry.ends.push(end);
        entry.groups.push(this.config.accumulators.restore(group));
        bucket.keys.push(encoded);
      }
    }
  }
}

/** Removes a key's window and returns its aggregation. */
function takeWindow(entry: KeyWindows, end: number): AggregateGroup {
  const at = entry.ends.indexOf(end);
  const group = entry.groups[at]!;
  const last = entry.ends.length - 1;
  entry.ends[at] = entry.ends[last]!;
  entry.groups[at] = entry.groups[last]!;
  entry.ends.pop();
  entry.groups.pop();
  return group;
}

/** A key's windows as spill files hold them: `[encoded key, key, [end…], [group snapshot…]]`. */
function keyWindowsCodec(accumulators: GroupAccumulators): StateCodec<KeyWindows> {
  return {
    encode: (entry) => [
      entry.encoded,
      entry.key,
      entry.ends,
      entry.groups.map((g) => accumulators.snapshot(g)),
    ],
    decode: (saved) => {
      const [encoded, key, ends, groups] = saved as [string, Row, number[], SqlValue[]];
      return { encoded, key, ends, groups: groups.map((g) => accumulators.restore(g)) };
    },
  };
}
