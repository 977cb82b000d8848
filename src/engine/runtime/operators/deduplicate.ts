import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";
import { rowsEqual } from "../expr/index.ts";
import type { MiniBatch } from "../mini-batch.ts";
import type { Collector, Operator } from "../operator.ts";
import { type IdleStateRetention, idleStateRetention } from "../state/idle-state-retention.ts";
import { SpillableMap, sqlValueCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";
import { MiniBatchBundle } from "./mini-batch-bundle.ts";
import { partitionKeyOf } from "./partition-key.ts";

export interface DeduplicateConfig {
  readonly description: string;
  readonly keys: readonly number[];
  readonly keepLastRow: boolean;
  readonly time: TimeAttribute;
  /** Input position of the rowtime the rows are ordered by (rowtime deduplication). */
  readonly rowtime: number;
  /** Emit `-U` rows (a consumer needs the old row). */
  readonly generateUpdateBefore: boolean;
  /** `table.exec.state.ttl` in ms: a key whose kept row was not written for that long is forgotten. */
  readonly stateTtl?: number;
  /** Where kept rows beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
  /** `table.exec.mini-batch.*`: processing-time deduplication keeps one row per key and bundle. */
  readonly miniBatch?: MiniBatch;
}

/**
 * Whether `row` replaces the kept one by its rowtime at `rowtime` (DeduplicateFunctionHelper's
 * isDuplicate): a later or equal rowtime for keep-last, a strictly earlier one for keep-first.
 */
export function replacesByRowtime(kept: Row, row: Row, rowtime: number, keepLastRow: boolean): boolean {
  const before = kept[rowtime] as number;
  const now = row[rowtime] as number;
  return keepLastRow ? before <= now : now < before;
}

/** Names of the state this operator owns, as checkpoints list it. */
export const DEDUPLICATE_STATE = "kept";
const RETENTION_STATE = "written";
const BUNDLE_STATE = "bundle";

/**
 * Deduplication by key (Flink's ProcTime/RowTimeDeduplicate*Function), row by row as each arrives:
 * - processing time, keep first: the first row of a key is `+I`, later ones are dropped — an
 *   insert-only changelog;
 * - processing time, keep last: the first row is `+I`, each later one an update (`-U` old when asked,
 *   `+U` new) unless it equals the kept row;
 * - rowtime: a row replaces the kept one when its rowtime is later or equal (keep last) or strictly
 *   earlier (keep first), emitted as for keep last; rows are not held back for the watermark, so a
 *   keep-first result can be updated when an earlier row comes late.
 *
 * With a state TTL, a key whose kept row was not written for that long is forgotten: its next row
 * is a first row again; processing-time keep-last then also emits a row equal to the kept one, as
 * Flink does so downstream state stays alive.
 *
 * With mini-batch, processing-time deduplication buffers a bundle and then takes each key's first
 * (keep first) or last (keep last) row of it as one row (Flink's MiniBatchDeduplicateKeepFirstRow/
 * KeepLastRowFunction): one change per key and bundle. Rowtime deduplication emits every change of
 * a bundle in Flink too (a versioned table needs them all), so it stays row by row.
 *
 * Deduplicate(keep=[LastRow], order=[ROWTIME]) by k: +I[a, 1, t=5], +I[a, 2, t=3], +I[a, 3, t=7]
 *   → +I[a, 1, 5], -U[a, 1, 5], +U[a, 3, 7]
 */
export class DeduplicateOperator implements Operator {
  readonly description: string;
  private readonly config: DeduplicateConfig;
  private readonly out: Collector;
  /** The kept row per key (`true` for processing-time keep-first, which needs no row). */
  private readonly kept: SpillableMap<string, Row | true>;
  private readonly keyOf: (row: Row) => string;
  private readonly retention: IdleStateRetention<string> | undefined;
  /** Mini-batch (processing time): the rows not deduplicated yet; also set, for once, by a restore. */
  private bundle: MiniBatchBundle | undefined;
  /** With a state TTL: forgets idle keys; with mini-batch: ends the bundle at each step. */
  readonly onProcessingTime?: (now: number) => void;

  constructor(config: DeduplicateConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.keyOf = partitionKeyOf(config.keys);
    this.kept = new SpillableMap(sqlValueCodec<Row | true>(), config.spill);
    const retention = idleStateRetention<string>(config.stateTtl);
    this.retention = retention;
    this.bundle = this.newBundle();
    const sweep = retention?.sweeper((key) => this.kept.delete(key));
    if (sweep || this.bundle)
      this.onProcessingTime = (now) => {
        this.finishBundle();
        sweep?.(now);
      };
  }

  process(_kind: RowKind, row: Row): void {
    const key = this.keyOf(row);
    if (this.bundle) {
      if (this.bundle.add(key, [], "+I", row)) this.finishBundle();
      return;
    }
    this.deduplicate(key, row);
  }

  private newBundle(): MiniBatchBundle | undefined {
    const { miniBatch, time } = this.config;
    return miniBatch && time === "proctime" ? new MiniBatchBundle(miniBatch.size) : undefined;
  }

  /** Each buffered key's first or last row, deduplicated against the kept one. */
  private finishBundle(): void {
    const bundle = this.bundle;
    if (!bundle || bundle.isEmpty) return;
    this.bundle = this.newBundle();
    const keepLastRow = this.config.keepLastRow;
    for (const [key, { rows }] of bundle.take())
      this.deduplicate(key, rows[keepLastRow ? rows.length - 1 : 0]!);
  }

  private deduplicate(key: string, row: Row): void {
    const { keepLastRow, time } = this.config;
    const previous = this.read(key);
    if (time === "proctime" && !keepLastRow) {
      if (previous) return;
      this.write(key, true);
      this.out.collect("+I", row);
      return;
    }
    const kept = previous === true ? undefined : previous;
    if (time === "proctime") {
      this.write(key, row.slice());
      if (kept && !this.retention && rowsEqual(kept, row)) return;
      this.emit(kept, row);
      return;
    }
    if (kept && !replacesByRowtime(kept, row, this.config.rowtime, keepLastRow)) return;
    this.write(key, row.slice());
    this.emit(kept, row);
  }

  /** The kept row of a key, unless its retention ran out. */
  private read(key: string): Row | true | undefined {
    if (this.retention?.expired(key)) {
      this.kept.delete(key);
      this.retention.forget(key);
      return undefined;
    }
    return this.kept.get(key);
  }

  private write(key: string, kept: Row | true): void {
    this.kept.set(key, kept);
    this.retention?.written(key);
  }

  private emit(kept: Row | undefined, row: Row): void {
    if (!kept) {
      this.out.collect("+I", row);
      return;
    }
    if (this.config.generateUpdateBefore) this.out.collect("-U", kept);
    this.out.collect("+U", row);
  }

  onWatermark(timestamp: number): void {
    this.finishBundle();
    this.out.watermark(timestamp);
  }

  finish(): void {
    this.finishBundle();
  }

  snapshot(): SqlValue {
    const state = new Map<SqlValue, SqlValue>([[DEDUPLICATE_STATE, this.kept.checkpointView()]]);
    if (this.retention) state.set(RETENTION_STATE, this.retention.snapshot());
    if (this.bundle && !this.bundle.isEmpty) state.set(BUNDLE_STATE, this.bundle.snapshot());
    return state;
  }

  restore(state: SqlValue): void {
    this.kept.clear();
    const saved = state as Map<SqlValue, SqlValue>;
    const written = saved.get(RETENTION_STATE);
    if (this.retention && written !== undefined) this.retention.restore(written);
    const kept = saved.get(DEDUPLICATE_STATE) as Map<string, Row | true>;
    for (const [key, row] of kept) this.kept.set(key, row);
    this.bundle = this.newBundle();
    const buffered = saved.get(BUNDLE_STATE);
    if (buffered === undefined) return;
    // Restored without mini-batch: the bundle is deduplicated at the first row, watermark or end.
    this.bundle ??= new MiniBatchBundle(1);
    this.bundle.restore(buffered);
  }
}
