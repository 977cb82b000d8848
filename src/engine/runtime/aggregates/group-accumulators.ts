import type { Row, SqlValue } from "../../../common/value.ts";
import type { AggregateSlot } from "../operators/group-aggregate.ts";
import type { StateCodec } from "../state/spillable-map.ts";

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
 * The aggregate calls of an aggregating operator applied to its groups: FILTER columns, argument
 * buffers reused across rows, merging and snapshots. Shared by GROUP BY and the aligned and session
 * window operators.
 */
const NO_EXTRA: readonly SqlValue[] = [];

export class GroupAccumulators {
  readonly calls: readonly AggregateSlot[];
  /** Whether every call can merge accumulators (sessions merge; else they replay their rows). */
  readonly mergeable: boolean;
  private readonly argBuffers: SqlValue[][];

  constructor(calls: readonly AggregateSlot[]) {
    this.calls = calls;
    this.mergeable = calls.every((c) => c.fn.supportsMerge);
    this.argBuffers = calls.map((c) => new Array<SqlValue>(c.args.length).fill(null));
  }

  create(key: Row): AggregateGroup {
    return { key, count: 0, accumulators: this.calls.map((c) => c.fn.createAccumulator()) };
  }

  /** Adds (`accumulate`) or takes back one input row. */
  apply(group: AggregateGroup, accumulate: boolean, row: Row): void {
    const calls = this.calls;
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i]!;
      if (call.filter !== undefined && row[call.filter] !== true) continue;
      const args = this.argBuffers[i]!;
      for (let a = 0; a < call.args.length; a++) args[a] = row[call.args[a]!]!;
      if (accumulate) call.fn.accumulate(group.accumulators[i], args);
      else call.fn.retract(group.accumulators[i], args);
    }
    group.count += accumulate ? 1 : -1;
  }

  /** Folds `other` into `target` (mergeable calls only). */
  merge(target: AggregateGroup, other: AggregateGroup): void {
    const calls = this.calls;
    for (let i = 0; i < calls.length; i++) calls[i]!.fn.merge(target.accumulators[i], other.accumulators[i]);
    target.count += other.count;
  }

  /** The key, then each call's value, then `extra`: an output row. */
  result(group: AggregateGroup, extra: readonly SqlValue[] = NO_EXTRA): Row {
    const row = group.key.slice();
    const calls = this.calls;
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
    return [group.key, group.count, group.accumulators.map((acc, i) => this.calls[i]!.fn.snapshot(acc))];
  }

  restore(state: SqlValue): AggregateGroup {
    const [key, count, accumulators] = state as [Row, number, SqlValue[]];
    return { key, count, accumulators: accumulators.map((s, i) => this.calls[i]!.fn.restore(s)) };
  }
}
