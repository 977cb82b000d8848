import { isAccumulate, type RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { CompiledPredicate, EvalContext } from "../../expr/index.ts";
import type { Collector, Operator } from "../../operator.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import { hasNullKey, JoinMatcher, joinKeyOf, joinRows, type KeyColumns } from "./join-matcher.ts";
import {
  createJoinSideState,
  type JoinSide,
  type JoinSideState,
  type RecordIdentity,
  restoreSides,
  snapshotSides,
} from "./join-side-state.ts";

/** One input of a regular join. */
export interface JoinInputConfig {
  readonly key: KeyColumns;
  readonly identity: RecordIdentity;
  /** Unmatched rows of this side are emitted padded with NULLs (LEFT for the left input...). */
  readonly outer: boolean;
  readonly width: number;
}

export interface StreamingJoinConfig {
  readonly description: string;
  readonly left: JoinInputConfig;
  readonly right: JoinInputConfig;
  /** The non-equi condition on the joined row. */
  readonly condition?: CompiledPredicate;
  /** `table.exec.state.ttl` in ms: a stored row not written for that long is forgotten. */
  readonly stateTtl?: number;
  /** Where join keys beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

interface Side {
  readonly config: JoinInputConfig;
  readonly state: JoinSideState;
  readonly nulls: Row;
}

/**
 * INNER/LEFT/RIGHT/FULL join of two changelogs (Flink's StreamingJoinOperator): both inputs are kept
 * by join key; each change is matched against the other side's rows. An inner join forwards the input
 * row's kind (`+U` in, `+U` out); an outer join sends `+I`/`-D` only: its first match retracts the
 * NULL-padded row (`-D`) before the joined rows (`+I`), its last match's retraction re-emits it.
 *
 * Join(joinType=[LeftOuterJoin], where=[=(k, k0)]):
 *   left +I[a, 1] → +I[a, 1, NULL, NULL]; right +I[a, x] → -D[a, 1, NULL, NULL], +I[a, 1, a, x];
 *   right -D[a, x] → -D[a, 1, a, x], +I[a, 1, NULL, NULL]
 */
export class StreamingJoinOperator implements Operator {
  readonly description: string;
  private readonly out: Collector;
  private readonly left: Side;
  private readonly right: Side;
  private readonly matcher: JoinMatcher;
  /** With a state TTL: expires stored rows at each step's processing time. */
  readonly onProcessingTime?: (now: number) => void;

  constructor(config: StreamingJoinConfig, ctx: EvalContext, out: Collector) {
    this.description = config.description;
    this.out = out;
    const side = (name: JoinSide, c: JoinInputConfig): Side => ({
      config: c,
      state: createJoinSideState(name, c.identity, c.key, config.stateTtl, config.spill),
      nulls: new Array<SqlValue>(c.width).fill(null),
    });
    this.left = side("left", config.left);
    this.right = side("right", config.right);
    this.matcher = new JoinMatcher(config.condition, ctx, config.left.width, config.right.width);
    if (config.stateTtl)
      this.onProcessingTime = (now) => {
        this.left.state.expire(now);
        this.right.state.expire(now);
      };
  }

  process(kind: RowKind, row: Row, input: number): void {
    const inputIsLeft = input === 0;
    const own = inputIsLeft ? this.left : this.right;
    const other = inputIsLeft ? this.right : this.left;
    const key = joinKeyOf(row, own.config.key);
    const matcher = this.matcher;
    const matched = hasNullKey(row, own.config.key) ? 0 : matcher.match(row, inputIsLeft, key, other.state);
    const { records, associations } = matcher;
    const out = this.out;

    if (isAccumulate(kind)) {
      if (own.config.outer && matched === 0) {
        this.emitPadded("+I", row, inputIsLeft);
        own.state.add(key, row, 0);
        return;
      }
      if (!own.config.outer) own.state.add(key, row, 0);
      if (matched === 0) return;
      if (other.config.outer) {
        for (let i = 0; i < matched; i++) {
          const record = records[i]!;
          if (associations[i] === 0) this.emitPadded("-D", record.row, !inputIsLeft);
          other.state.associate(key, record, associations[i]! + 1);
        }
      }
      const outKind = own.config.outer || other.config.outer ? "+I" : kind;
      for (let i = 0; i < matched; i++) this.emitJoined(outKind, row, records[i]!.row, inputIsLeft);
      if (own.config.outer) own.state.add(key, row, matched);
      return;
    }

    own.state.retract(key, row);
    if (matched === 0) {
      if (own.config.outer) out.collect("-D", this.padded(row, inputIsLeft));
      return;
    }
    const outKind = own.config.outer ? "-D" : kind;
    for (let i = 0; i < matched; i++) this.emitJoined(outKind, row, records[i]!.row, inputIsLeft);
    if (other.config.outer) {
      for (let i = 0; i < matched; i++) {
        const record = records[i]!;
        if (associations[i] === 1) this.emitPadded("+I", record.row, !inputIsLeft);
        other.state.associate(key, record, associations[i]! - 1);
      }
    }
  }

  private emitJoined(kind: RowKind, row: Row, other: Row, rowIsLeft: boolean): void {
    this.out.collect(kind, rowIsLeft ? joinRows(row, other) : joinRows(other, row));
  }

  private emitPadded(kind: RowKind, row: Row, rowIsLeft: boolean): void {
    this.out.collect(kind, this.padded(row, rowIsLeft));
  }

  /** `row` with NULLs for the other side's fields. */
  private padded(row: Row, rowIsLeft: boolean): Row {
    return rowIsLeft ? joinRows(row, this.right.nulls) : joinRows(this.left.nulls, row);
  }

  onWatermark(timestamp: number): void {
    this.out.watermark(timestamp);
  }
  finish(): void {}

  snapshot(): SqlValue {
    return snapshotSides(this.left.state, this.right.state);
  }

  restore(state: SqlValue): void {
    restoreSides(state, this.left.state, this.right.state);
  }
}
