import { isAccumulate, type RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import { encodeKey } from "../../../store/index.ts";
import type { AggregateSlot } from "../aggregates/call-accumulators.ts";
import { type AggregateGroup, GroupAccumulators } from "../aggregates/group-accumulators.ts";
import { rowsEqual } from "../expr/index.ts";
import type { MiniBatch } from "../mini-batch.ts";
import type { Collector, Operator } from "../operator.ts";
import { type IdleStateRetention, idleStateRetention } from "../state/idle-state-retention.ts";
import { SpillableMap } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";
import { MiniBatchBundle } from "./mini-batch-bundle.ts";

export interface GroupAggregateConfig {
  readonly description: string;
  /** Input positions of the group keys; the output row is the keys, then one value per call. */
  readonly keys: readonly number[];
  readonly calls: readonly AggregateSlot[];
  /** Emit `-U` before `+U` (a consumer needs the old row), else `+U` alone. */
  readonly generateUpdateBefore: boolean;
  /** `table.exec.state.ttl` in ms: a group not written for that long is forgotten. */
  readonly stateTtl?: number;
  /** Where groups beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
  /** `table.exec.mini-batch.*`: rows are buffered and folded per key once per bundle. */
  readonly miniBatch?: MiniBatch;
}

/** Names of the state this operator owns, as checkpoints list it. */
export const GROUP_AGGREGATE_STATE = "groups";
const RETENTION_STATE = "written";
const BUNDLE_STATE = "bundle";

/**
 * Unbounded GROUP BY with Flink's GroupAggFunction semantics: the first row of a key emits `+I`; a
 * change emits `-U` old (when asked) and `+U` new, and nothing when the result did not change (state
 * TTL off); the last row taken back emits `-D`. A retraction for an unknown key is ignored.
 * With a state TTL, a group not written for that long is forgotten (its next row is `+I` again, a
 * retraction for it is ignored), and every change is emitted even when the result is the same, so
 * downstream operators' state stays alive too (GroupAggFunction with stateRetentionTime > 0).
 *
 * GroupAggregate(groupBy=[k], select=[k, SUM(v)]): +I[a, 1], +I[a, 2], -U[a, 1], +I[a, 0]
 *   → +I[a, 1], -U[a, 1], +U[a, 3], -U[a, 3], +U[a, 2]   (the last +I[a, 0] changes nothing: no output)
 * and -D[a, 2] after all of a's rows are retracted.
 * With mini-batch (`table.exec.mini-batch.enabled`), the same rules apply per key to a bundle of rows
 * folded at once (Flink's MiniBatchGroupAggFunction): the four rows above in one bundle give +I[a, 2].
 */
export class GroupAggregateOperator implements Operator {
  readonly description: string;
  private readonly config: GroupAggregateConfig;
  private readonly out: Collector;
  private readonly groups: SpillableMap<string, AggregateGroup>;
  private readonly accumulators: GroupAccumulators;
  private readonly retention: IdleStateRetention<string> | undefined;
  /** Mini-batch: the rows not folded yet. Also set, for one fold, when a checkpoint held some. */
  private bundle: MiniBatchBundle | undefined;
  /** One row as a bundle of one, without allocating per row. */
  private readonly oneKind: RowKind[] = ["+I"];
  private readonly oneRow: Row[] = [[]];
  /** With a state TTL: expires idle groups; with mini-batch: ends the bundle at each step. */
  readonly onProcessingTime?: (now: number) => void;

  constructor(config: GroupAggregateConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.accumulators = new GroupAccumulators(config.calls);
    this.groups = new SpillableMap(this.accumulators.codec, config.spill);
    const retention = idleStateRetention<string>(config.stateTtl);
    this.retention = retention;
    if (config.miniBatch) this.bundle = new MiniBatchBundle(config.miniBatch.size);
    const sweep = retention?.sweeper((key) => this.groups.delete(key));
    if (sweep || config.miniBatch)
      this.onProcessingTime = (now) => {
        this.finishBundle();
        sweep?.(now);
      };
  }

  process(kind: RowKind, row: Row): void {
    const keys = this.config.keys;
    const key = keys.map((k) => row[k]!);
    const encoded = encodeKey(key);
    if (this.bundle) {
      if (this.bundle.add(encoded, key, kind, row)) this.finishBundle();
      return;
    }
    this.oneKind[0] = kind;
    this.oneRow[0] = row;
    this.fold(encoded, key, this.oneKind, this.oneRow);
  }

  /** Folds every buffered key's rows into its group, one change per key at most. */
  private finishBundle(): void {
    const bundle = this.bundle;
    if (!bundle || bundle.isEmpty) return;
    // A bundle restored from a checkpoint taken with mini-batch on is folded once, then rows go straight.
    if (!this.config.miniBatch) this.bundle = undefined;
    for (const [encoded, entry] of bundle.take()) this.fold(encoded, entry.key, entry.kinds, entry.rows);
  }

  /**
   * Applies a key's rows in order (Flink's MiniBatchGroupAggFunction.finishBundle; one row is
   * GroupAggFunction.processElement) and emits the key's change: `+I` for a new group, `-U`/`+U`
   * when the result changed, `-D` when its last row was taken back, nothing when the rows cancel out.
   * Retractions that come before any row of an unknown key are ignored.
   */
  private fold(encoded: string, key: Row, kinds: readonly RowKind[], rows: readonly Row[]): void {
    const { generateUpdateBefore } = this.config;
    let group = this.groups.get(encoded);
    if (group && this.retention?.expired(encoded)) {
      this.groups.delete(encoded);
      this.retention.forget(encoded);
      group = undefined;
    }
    const firstRow = group === undefined;
    let start = 0;
    if (!group) {
      while (start < kinds.length && !isAccumulate(kinds[start]!)) start++;
      if (start === kinds.length) return;
      group = this.accumulators.create(key);
      this.groups.set(encoded, group);
    }
    const previous = firstRow ? undefined : this.accumulators.result(group);
    for (let r = start; r < rows.length; r++)
      this.accumulators.apply(group, isAccumulate(kinds[r]!), rows[r]!);
    if (group.count > 0) {
      this.retention?.written(encoded);
      const next = this.accumulators.result(group);
      if (!previous) {
        this.out.collect("+I", next);
        return;
      }
      if (!this.retention && rowsEqual(previous, next)) return;
      if (generateUpdateBefore) this.out.collect("-U", previous);
      this.out.collect("+U", next);
      return;
    }
    this.groups.delete(encoded);
    this.retention?.forget(encoded);
    if (previous) this.out.collect("-D", previous);
  }

  /** A bundle ends before event time moves on, as Flink's bundle operators end it on a watermark. */
  onWatermark(timestamp: number): void {
    this.finishBundle();
    this.out.watermark(timestamp);
  }

  finish(): void {
    this.finishBundle();
  }

  snapshot(): SqlValue {
    const state = new Map<SqlValue, SqlValue>([[GROUP_AGGREGATE_STATE, this.groups.checkpointView()]]);
    if (this.retention) state.set(RETENTION_STATE, this.retention.snapshot());
    // Rows of the open bundle are state too: a checkpoint between two steps must not lose them.
    if (this.bundle && !this.bundle.isEmpty) state.set(BUNDLE_STATE, this.bundle.snapshot());
    return state;
  }

  restore(state: SqlValue): void {
    this.groups.clear();
    const saved = state as Map<SqlValue, SqlValue>;
    const written = saved.get(RETENTION_STATE);
    if (this.retention && written !== undefined) this.retention.restore(written);
    const groups = saved.get(GROUP_AGGREGATE_STATE) as Map<string, SqlValue>;
    for (const [encoded, group] of groups) this.groups.set(encoded, this.accumulators.restore(group));
    const buffered = saved.get(BUNDLE_STATE);
    const { miniBatch } = this.config;
    this.bundle = miniBatch ? new MiniBatchBundle(miniBatch.size) : undefined;
    if (buffered === undefined) return;
    // Restored without mini-batch: the bundle is folded at the first row, watermark or end.
    this.bundle ??= new MiniBatchBundle(1);
    this.bundle.restore(buffered);
  }
}
