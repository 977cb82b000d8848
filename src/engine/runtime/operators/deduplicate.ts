import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";
import type { Collector, Operator } from "../operator.ts";
import { type IdleStateRetention, idleStateRetention } from "../state/idle-state-retention.ts";
import { SpillableMap, sqlValueCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";
import { partitionKeyOf } from "./partition-key.ts";
import { rowsEqual } from "./rank/retractable-top-n.ts";

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

/**
 * Deduplication by key (Flink's ProcTime/RowTimeDeduplicate*Function, without mini-batch), row by
 * row as each arrives:
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
  /** With a state TTL: forgets idle keys at each step's processing time. */
  readonly onProcessingTime?: (now: number) => void;

  constructor(config: DeduplicateConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.keyOf = partitionKeyOf(config.keys);
    this.kept = new SpillableMap(sqlValueCodec<Row | true>(), config.spill);
    const retention = idleStateRetention<string>(config.stateTtl);
    this.retention = retention;
    if (retention) this.onProcessingTime = retention.sweeper((key) => this.kept.delete(key));
  }

  process(_kind: RowKind, row: Row): void {
    const { keepLastRow, time } = this.config;
    const key = this.keyOf(row);
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
    this.out.watermark(timestamp);
  }
  finish(): void {}

  snapshot(): SqlValue {
    const state = new Map<SqlValue, SqlValue>([[DEDUPLICATE_STATE, this.kept.checkpointView()]]);
    if (this.retention) state.set(RETENTION_STATE, this.retention.snapshot());
    return state;
  }

  restore(state: SqlValue): void {
    this.kept.clear();
    const saved = state as Map<SqlValue, SqlValue>;
    const written = saved.get(RETENTION_STATE);
    if (this.retention && written !== undefined) this.retention.restore(written);
    const kept = saved.get(DEDUPLICATE_STATE) as Map<string, Row | true>;
    for (const [key, row] of kept) this.kept.set(key, row);
  }
}
