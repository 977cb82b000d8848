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
  return rowtimeReplaces(rowtimeOf(kept, rowtime), rowtimeOf(row, rowtime), keepLastRow);
}

function rowtimeReplaces(before: number, now: number, keepLastRow: boolean): boolean {
  return keepLastRow ? before <= now : now < before;
}

/** A row's rowtime; a NULL one compares as 0, as JavaScript's `<=` and Flink's binary rows read it. */
function rowtimeOf(row: Row, rowtime: number): number {
  return (row[rowtime] as number | null) ?? 0;
}

/** What deduplication keeps per key (see `DeduplicateOperator.kept`). */
type Kept = Row | true | number;

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
 * Rowtime deduplication whose consumer needs no `-U` keeps only each key's rowtime: it decides
 * whether a row replaces the kept one, and a key's presence whether the row is `+I` or `+U`; the old
 * row itself is never emitted (Flink keeps the whole row either way). A snapshot of kept rows (the
 * layout before, or one taken with `-U`) restores into it as their rowtimes.
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
  /**
   * The kept row per key; `true` for processing-time keep-first, which needs no row; the kept row's
   * rowtime for rowtime deduplication without `-U` (`keepsRowtimeOnly`).
   */
  private readonly kept: SpillableMap<string, Kept>;
  private readonly keepsRowtimeOnly: boolean;
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
    this.kept = new SpillableMap(sqlValueCodec<Kept>(), config.spill);
    this.keepsRowtimeOnly = config.time === "rowtime" && !config.generateUpdateBefore;
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
    if (time === "rowtime") {
      this.deduplicateOnRowtime(key, row, previous);
      return;
    }
    if (!keepLastRow) {
      if (previous !== undefined) return;
      this.write(key, true);
      this.out.collect("+I", row);
      return;
    }
    this.write(key, row.slice());
    if (previous !== undefined && !this.retention && rowsEqual(previous as Row, row)) return;
    this.emit(previous as Row | undefined, row);
  }

  private deduplicateOnRowtime(key: string, row: Row, previous: Kept | undefined): void {
    const { rowtime, keepLastRow } = this.config;
    const now = rowtimeOf(row, rowtime);
    if (previous !== undefined) {
      const before = typeof previous === "number" ? previous : rowtimeOf(previous as Row, rowtime);
      if (!rowtimeReplaces(before, now, keepLastRow)) return;
    }
    this.write(key, this.keepsRowtimeOnly ? now : row.slice());
    this.emit(previous as Row | number | undefined, row);
  }

  /**
   * The kept value of a key, unless its retention ran out. Kept values are replaced, never changed in
   * place: a read is not a change for the next checkpoint.
   */
  private read(key: string): Kept | undefined {
    if (this.retention?.expired(key)) {
      this.kept.delete(key);
      this.retention.forget(key);
      return undefined;
    }
    return this.kept.read(key);
  }

  private write(key: string, kept: Kept): void {
    this.kept.set(key, kept);
    this.retention?.written(key);
  }

  /** A first row as `+I`, a later one as `+U`, after `-U` of the kept row when the consumer asked. */
  private emit(previous: Row | number | undefined, row: Row): void {
    if (previous === undefined) {
      this.out.collect("+I", row);
      return;
    }
    if (this.config.generateUpdateBefore) this.out.collect("-U", previous as Row);
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
    const kept = saved.get(DEDUPLICATE_STATE) as Map<string, Kept>;
    for (const [key, value] of kept) this.kept.set(key, this.restored(value));
    this.bundle = this.newBundle();
    const buffered = saved.get(BUNDLE_STATE);
    if (buffered === undefined) return;
    // Restored without mini-batch: the bundle is deduplicated at the first row, watermark or end.
    this.bundle ??= new MiniBatchBundle(1);
    this.bundle.restore(buffered);
  }

  /** A saved value in this operator's layout: a kept row's rowtime when that is all it keeps. */
  private restored(value: Kept): Kept {
    if (this.keepsRowtimeOnly)
      return typeof value === "number" ? value : rowtimeOf(value as Row, this.config.rowtime);
    if (typeof value !== "number") return value;
    throw new Error(
      `${this.description}: the snapshot keeps only rowtimes (taken without -U), this plan emits -U and needs the rows`,
    );
  }
}
