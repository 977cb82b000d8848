import { isAccumulate, type RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { CompiledPredicate, EvalContext } from "../../expr/index.ts";
import type { Collector, Operator } from "../../operator.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import { hasNullKey, JoinMatcher, joinKeyOf, type KeyColumns } from "./join-matcher.ts";
import {
  createJoinSideState,
  type JoinSideState,
  type RecordIdentity,
  restoreSides,
  snapshotSides,
} from "./join-side-state.ts";

export interface SemiAntiJoinConfig {
  readonly description: string;
  /** ANTI: keep left rows without a match (NOT EXISTS, NOT IN); SEMI: with one (EXISTS, IN). */
  readonly anti: boolean;
  readonly left: { readonly key: KeyColumns; readonly identity: RecordIdentity; readonly width: number };
  readonly right: { readonly key: KeyColumns; readonly identity: RecordIdentity; readonly width: number };
  readonly condition?: CompiledPredicate;
  /** `table.exec.state.ttl` in ms: a stored row not written for that long is forgotten. */
  readonly stateTtl?: number;
  /** Where join keys beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

/**
 * The SEMI and ANTI joins subqueries become (Flink's StreamingSemiAntiJoinOperator): a left row is
 * emitted as it is (its own kind) while it has a match (SEMI) or none (ANTI); the left state counts
 * each row's matches, so the first match of a right row emits (SEMI, the right row's kind) or
 * retracts (ANTI, `-D`) the left rows it matches, and the retraction of their last match does the
 * opposite.
 *
 * Join(joinType=[LeftAntiJoin], where=[=(k, k0)]): left +I[a] → +I[a]; right +I[a] → -D[a];
 *   right -D[a] → +I[a]
 */
export class SemiAntiJoinOperator implements Operator {
  readonly description: string;
  private readonly config: SemiAntiJoinConfig;
  private readonly out: Collector;
  private readonly left: JoinSideState;
  private readonly right: JoinSideState;
  private readonly matcher: JoinMatcher;
  /** With a state TTL: expires stored rows at each step's processing time. */
  readonly onProcessingTime?: (now: number) => void;

  constructor(config: SemiAntiJoinConfig, ctx: EvalContext, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    const { left, right, stateTtl, spill } = config;
    this.left = createJoinSideState("left", left.identity, left.key, stateTtl, spill);
    this.right = createJoinSideState("right", right.identity, right.key, stateTtl, spill);
    this.matcher = new JoinMatcher(config.condition, ctx, config.left.width, config.right.width);
    if (config.stateTtl)
      this.onProcessingTime = (now) => {
        this.left.expire(now);
        this.right.expire(now);
      };
  }

  process(kind: RowKind, row: Row, input: number): void {
    if (input === 0) this.processLeft(kind, row);
    else this.processRight(kind, row);
  }

  private processLeft(kind: RowKind, row: Row): void {
    const key = joinKeyOf(row, this.config.left.key);
    const matched = hasNullKey(row, this.config.left.key)
      ? 0
      : this.matcher.match(row, true, key, this.right);
    if ((matched === 0) === this.config.anti) this.out.collect(kind, row);
    if (isAccumulate(kind)) this.left.add(key, row, matched);
    else this.left.retract(key, row);
  }

  private processRight(kind: RowKind, row: Row): void {
    const key = joinKeyOf(row, this.config.right.key);
    const matched = hasNullKey(row, this.config.right.key)
      ? 0
      : this.matcher.match(row, false, key, this.left);
    const { records, associations } = this.matcher;
    const anti = this.config.anti;
    if (isAccumulate(kind)) {
      this.right.add(key, row, 0);
      for (let i = 0; i < matched; i++) {
        const record = records[i]!;
        if (associations[i] === 0) this.out.collect(anti ? "-D" : kind, record.row);
        this.left.associate(key, record, associations[i]! + 1);
      }
      return;
    }
    this.right.retract(key, row);
    for (let i = 0; i < matched; i++) {
      const record = records[i]!;
      if (associations[i] === 1) this.out.collect(anti ? "+I" : kind, record.row);
      this.left.associate(key, record, associations[i]! - 1);
    }
  }

  onWatermark(timestamp: number): void {
    this.out.watermark(timestamp);
  }
  finish(): void {}

  snapshot(): SqlValue {
    return snapshotSides(this.left, this.right);
  }

  restore(state: SqlValue): void {
    restoreSides(state, this.left, this.right);
  }
}
