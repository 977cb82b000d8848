import type { Row, SqlValue } from "../../../common/value.ts";
import type { StateCodec } from "../state/spillable-map.ts";
import { type AggregateSlot, CallAccumulators } from "./call-accumulators.ts";

/**
 * One key's aggregation state (in a window, or of an unbounded GROUP BY): its key values, how many rows
 * it holds (inserts minus retractions: a group whose count is zero emits nothing, as Flink's
 * COUNT(*)-based emptiness test), and one accumulator per aggregate call.
 */
export interface AggregateGroup {
  readonly key: Row;
  count: number;
  accumulators: unknown[];
}

/**
 * The aggregate calls of an aggregating operator applied to its groups (keys and row counts around
 * CallAccumulators). Shared by GROUP BY and the aligned and session window operators.
 */
const NO_EXTRA: readonly SqlValue[] = [];

export class GroupAccumulators {
  private readonly each: CallAccumulators;
  /** Whether every call can merge accumulators (sessions merge; else they replay their rows). */
  readonly mergeable: boolean;

  constructor(calls: readonly AggregateSlot[]) {
    this.each = new CallAccumulators(calls);
    this.mergeable = calls.every((c) => c.fn.supportsMerge);
  }

  get calls(): readonly AggregateSlot[] {
    return this.each.calls;
  }

  create(key: Row): AggregateGroup {
    return { key, count: 0, accumulators: this.each.create() };
  }

  /** Adds (`accumulate`) or takes back one input row. */
  apply(group: AggregateGroup, accumulate: boolean, row: Row): void {
    this.each.apply(group.accumulators, row, accumulate);
    group.count += accumulate ? 1 : -1;
  }

  /** Folds `other` into `target` (mergeable calls only). */
  merge(target: AggregateGroup, other: AggregateGroup): void {
    this.each.merge(target.accumulators, other.accumulators);
    target.count += other.count;
  }

  /** The key, then each call's value, then `extra`: an output row. */
  result(group: AggregateGroup, extra: readonly SqlValue[] = NO_EXTRA): Row {
    const row = group.key.slice();
    const calls = this.each.calls;
    for (let i = 0; i < calls.length; i++) row.push(calls[i]!.fn.getValue(group.accumulators[i]));
    for (const value of extra) row.push(value);
    return row;
  }

  /** A group as checkpoints and spill files hold it: `[key, count, [accumulator snapshots]]`. */
  readonly codec: StateCodec<AggregateGroup> = {
    encode: (group) => this.snapshot(group),
    decode: (saved) => this.restore(saved),
  };

  snapshot(group: AggregateGroup): SqlValue {
    return [group.key, group.count, this.each.snapshot(group.accumulators)];
  }

  restore(state: SqlValue): AggregateGroup {
    const [key, count, accumulators] = state as [Row, number, SqlValue];
    return { key, count, accumulators: this.each.restore(accumulators) };
  }
}
