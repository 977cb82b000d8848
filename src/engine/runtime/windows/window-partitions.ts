import type { SqlValue } from "../../../common/value.ts";
import { SpillableMap, type StateCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";
import { NO_WATERMARK } from "../time/watermark.ts";
import { SortedEnds } from "./sorted-ends.ts";
import type { WindowClock } from "./window-clock.ts";

/** The partitions of one pending window, by partition key. */
export interface WindowPartitionStates<S> {
  get(key: string): S | undefined;
  set(key: string, state: S): void;
}

/**
 * Per-window, per-partition state of an operator that emits each window once when the watermark
 * passes its end (window Top-N, deduplication and join): the partitions of each pending window end, in
 * their arrival order, and the event time windows have fired up to. A row for a window that fired
 * already is late (Flink's TimeWindowUtil.isWindowFired).
 *
 * With a memory budget (`'state.memory-budget'`) the partition states of every window share one
 * SpillableMap, keyed by window end and partition key; each window keeps only its partition keys,
 * in arrival order, in memory. Without one, a window is a plain Map.
 */
export class WindowPartitions<S> {
  private readonly windows = new Map<number, Map<string, S> | SpilledWindow<S>>();
  private ends = new SortedEnds();
  private readonly clock: WindowClock;
  private readonly codec: StateCodec<S>;
  private readonly spilled: SpillableMap<string, S> | undefined;
  /** The watermark windows have fired up to. */
  private progress = NO_WATERMARK;

  /** `codec`: how a partition's state goes into checkpoints and spill files. */
  constructor(clock: WindowClock, codec: StateCodec<S>, spill?: StateSpill) {
    this.clock = clock;
    this.codec = codec;
    this.spilled = spill ? new SpillableMap(codec, spill) : undefined;
  }

  isLate(end: number): boolean {
    return this.clock.fireTime(end) <= this.progress;
  }

  /** The partitions of the window ending at `end`, opened with its first row. */
  of(end: number): WindowPartitionStates<S> {
    let partitions = this.windows.get(end);
    if (!partitions) {
      partitions = this.spilled ? new SpilledWindow(end, this.spilled) : new Map();
      this.windows.set(end, partitions);
      this.ends.insert(end);
    }
    return partitions;
  }

  /** Hands over and forgets, in end order, every window whose last millisecond is at or before `time`. */
  fire(time: number, emit: (partitions: Iterable<S>) => void): void {
    if (time > this.progress) this.progress = time;
    for (
      let end = this.ends.first();
      end !== undefined && this.clock.fireTime(end) <= time;
      end = this.ends.first()
    ) {
      this.ends.shift();
      const partitions = this.windows.get(end)!;
      this.windows.delete(end);
      emit(partitions instanceof Map ? partitions.values() : partitions.take());
    }
  }

  /** `[progress, [[end, [[key, state]...]]...]]`, the states encoded by the codec. */
  snapshot(): SqlValue {
    const write = this.codec.encode;
    // Spilled states are read once, in the spill's order, rather than one lookup per partition.
    const all = this.spilled ? new Map(this.spilled.entries()) : undefined;
    const windows = this.ends.values().map((end): SqlValue => {
      const partitions = this.windows.get(end)!;
      const states: SqlValue[] =
        partitions instanceof Map
          ? [...partitions].map(([key, s]) => [key, write(s)])
          : partitions.keys().map((key) => [key, write(all!.get(spillKey(end, key))!)]);
      return [end, states];
    });
    return [this.progress, windows];
  }

  restore(snapshot: SqlValue): void {
    const read = this.codec.decode;
    const [progress, windows] = snapshot as [number, [number, [string, SqlValue][]][]];
    this.progress = progress;
    this.windows.clear();
    this.spilled?.clear();
    this.ends = new SortedEnds();
    for (const [end, partitions] of windows) {
      const restored = this.of(end);
      for (const [key, state] of partitions) restored.set(key, read(state));
    }
  }
}

/** A window's partitions whose states live in the shared SpillableMap: only their keys stay here. */
class SpilledWindow<S> implements WindowPartitionStates<S> {
  private readonly end: number;
  private readonly states: SpillableMap<string, S>;
  private readonly partitionKeys = new Set<string>();

  constructor(end: number, states: SpillableMap<string, S>) {
    this.end = end;
    this.states = states;
  }

  get(key: string): S | undefined {
    return this.partitionKeys.has(key) ? this.states.get(spillKey(this.end, key)) : undefined;
  }

  set(key: string, state: S): void {
    this.partitionKeys.add(key);
    this.states.set(spillKey(this.end, key), state);
  }

  keys(): string[] {
    return [...this.partitionKeys];
  }

  /** Every partition's state in arrival order, each removed from the spill as it is handed over. */
  *take(): Generator<S> {
    for (const key of this.partitionKeys) yield this.states.take(spillKey(this.end, key))!;
  }
}

function spillKey(end: number, key: string): string {
  return `${end}\u0001${key}`;
}
