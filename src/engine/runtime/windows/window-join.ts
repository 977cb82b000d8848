import { isAccumulate, type RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import { encodeKey } from "../../../store/index.ts";
import type { WindowJoinType } from "../../plan/logical/window-join.ts";
import type { CompiledPredicate, EvalContext } from "../expr/index.ts";
import type { Collector, Operator } from "../operator.ts";
import type { StateCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";
import type { WindowClock } from "./window-clock.ts";
import { WindowPartitions } from "./window-partitions.ts";

/** One input's layout: where its rows carry window_end, their join keys, and how wide they are. */
export interface WindowJoinInput {
  readonly windowEnd: number;
  readonly keys: readonly number[];
  readonly width: number;
}

export interface WindowJoinConfig {
  readonly description: string;
  readonly joinType: WindowJoinType;
  readonly left: WindowJoinInput;
  readonly right: WindowJoinInput;
  /** The ON clause beyond window bounds and equi-keys, over the left row followed by the right one. */
  readonly condition?: CompiledPredicate;
  readonly clock: WindowClock;
  readonly ctx: EvalContext;
  /** Where keys' rows beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

/** One join key's rows of one window, per side, in arrival order. */
interface KeyRows {
  /** A NULL key equals nothing (SQL `=`): its rows only ever leave padded by an outer join. */
  readonly nullKey: boolean;
  readonly left: Row[];
  readonly right: Row[];
}

/**
 * Window join (Flink's WindowJoinOperator): both inputs carry window_start/window_end of the same
 * window; rows wait in state per window and key until the watermark passes the window's end, then
 * that window's rows are joined (INNER, or LEFT/RIGHT/FULL padding the unmatched with NULLs) and its
 * state is freed. A row for a window that has fired is late and dropped. Insert-only in and out.
 *
 * INNER ON l.k = r.k, TUMBLE 10 s: left +I[a, 00:00, 00:10], right +I[a, 00:00, 00:10], watermark
 *   00:09.999 → +I[a, 00:00, 00:10, a, 00:00, 00:10]
 */
export class WindowJoinOperator implements Operator {
  readonly description: string;
  private readonly config: WindowJoinConfig;
  private readonly out: Collector;
  private readonly windows: WindowPartitions<KeyRows>;

  constructor(config: WindowJoinConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.windows = new WindowPartitions(config.clock, KEY_ROWS_CODEC, config.spill);
  }

  process(kind: RowKind, row: Row, input: number): void {
    const side = input === 0 ? this.config.left : this.config.right;
    const end = row[side.windowEnd] as number;
    if (this.windows.isLate(end)) return;
    if (!isAccumulate(kind))
      throw new Error(
        `a window join reads inserts only, got a ${kind} row: the planner should have rejected it`,
      );
    const keyed = this.windows.of(end);
    const key: SqlValue[] = side.keys.map((k) => row[k]!);
    const encoded = encodeKey(key);
    let rows = keyed.get(encoded);
    if (!rows) {
      rows = { nullKey: key.includes(null), left: [], right: [] };
      keyed.set(encoded, rows);
    }
    (input === 0 ? rows.left : rows.right).push(row.slice());
  }

  onWatermark(timestamp: number): void {
    this.windows.fire(timestamp, (keyed) => {
      for (const rows of keyed) this.join(rows);
    });
    this.out.watermark(timestamp);
  }

  private join(rows: KeyRows): void {
    const { joinType } = this.config;
    const padLeft = joinType === "LEFT" || joinType === "FULL";
    const padRight = joinType === "RIGHT" || joinType === "FULL";
    if (joinType === "RIGHT") {
      for (const r of rows.right) {
        let matched = false;
        for (const l of rows.left) {
          if (!this.matches(rows, l, r)) continue;
          this.emit(l, r);
          matched = true;
        }
        if (!matched) this.emit(null, r);
      }
      return;
    }
    const matchedRight = padRight ? new Set<Row>() : undefined;
    for (const l of rows.left) {
      let matched = false;
      for (const r of rows.right) {
        if (!this.matches(rows, l, r)) continue;
        this.emit(l, r);
        matched = true;
        matchedRight?.add(r);
      }
      if (!matched && padLeft) this.emit(l, null);
    }
    if (matchedRight) for (const r of rows.right) if (!matchedRight.has(r)) this.emit(null, r);
  }

  private matches(rows: KeyRows, left: Row, right: Row): boolean {
    if (rows.nullKey) return false;
    const condition = this.config.condition;
    return condition === undefined || condition([...left, ...right], this.config.ctx);
  }

  /** Emits left ++ right, NULLs for a missing side. */
  private emit(left: Row | null, right: Row | null): void {
    const l = left ?? new Array<SqlValue>(this.config.left.width).fill(null);
    const r = right ?? new Array<SqlValue>(this.config.right.width).fill(null);
    this.out.collect("+I", [...l, ...r]);
  }

  finish(): void {}

  snapshot(): SqlValue {
    return this.windows.snapshot();
  }

  restore(state: SqlValue): void {
    this.windows.restore(fromKeyRowsLayout(state));
  }
}

/**
 * Snapshots taken before window joins kept their rows in WindowPartitions listed a key's rows flat,
 * `[key, null key, left rows, right rows]`; now a key is `[key, [null key, left rows, right rows]]`
 * (the codec's value). The two are told apart by length, so checkpoints of either layout restore.
 */
function fromKeyRowsLayout(state: SqlValue): SqlValue {
  const [progress, windows] = state as [number, [number, SqlValue[][]][]];
  return [
    progress,
    windows.map(([end, keys]) => [
      end,
      keys.map((entry) => (entry.length === 4 ? [entry[0]!, entry.slice(1)] : entry)),
    ]),
  ];
}

/** A key's rows of a window as checkpoints and spill files hold them: `[null key, left rows, right rows]`. */
const KEY_ROWS_CODEC: StateCodec<KeyRows> = {
  encode: (rows) => [rows.nullKey, rows.left, rows.right],
  decode: (saved) => {
    const [nullKey, left, right] = saved as [boolean, Row[], Row[]];
    return { nullKey, left, right };
  },
};
