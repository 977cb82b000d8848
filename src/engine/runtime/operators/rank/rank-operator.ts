import type { RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { RankRange } from "../../../plan/logical/rank.ts";
import type { Collector, Operator } from "../../operator.ts";
import { type IdleStateRetention, idleStateRetention } from "../../state/idle-state-retention.ts";
import { SpillableMap, type StateCodec } from "../../state/spillable-map.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import { partitionKeyOf } from "../partition-key.ts";
import { RankOutput } from "./rank-output.ts";
import type { TopNFunction } from "./top-n-function.ts";

export interface RankConfig<State> {
  readonly description: string;
  readonly partitionKeys: readonly number[];
  readonly range: RankRange;
  readonly fn: TopNFunction<State>;
  readonly outputRankNumber: boolean;
  /** Emit `-U` rows (a consumer needs the old row). */
  readonly generateUpdateBefore: boolean;
  /**
   * `table.exec.state.ttl` in ms: a partition not written for that long is forgotten (Flink expires
   * a partition's entries one by one; here a partition's rows go together, after its last write).
   */
  readonly stateTtl?: number;
  /**
   * Where partitions beyond the memory budget go (`'state.memory-budget'`): a partition spills and
   * comes back whole, so one partition larger than the budget stays in memory while it is used.
   */
  readonly spill?: StateSpill;
}

/** A partition's Top-N state and its rank end (read from its first row when a field gives it). */
interface Partition<State> {
  readonly state: State;
  readonly rankEnd: number;
}

/** How many rows a buffer keeps when a field gives the rank end (Flink's DEFAULT_TOPN_SIZE). */
const DEFAULT_TOP_SIZE = 100;

/** Names of the state this operator owns, as checkpoints list it. */
export const RANK_STATE = "partitions";
const RETENTION_STATE = "written";

/**
 * The Rank, SortLimit and Limit exec nodes: keys rows by partition and runs one of Flink's Top-N
 * functions over each partition's state (see the functions for the changelogs they emit).
 */
export class RankOperator<State> implements Operator {
  readonly description: string;
  private readonly config: RankConfig<State>;
  private readonly out: RankOutput;
  private readonly downstream: Collector;
  private readonly partitions: SpillableMap<string, Partition<State>>;
  private readonly keyOf: (row: Row) => string;
  /** The rank end when it is constant, else undefined (read per partition). */
  private readonly constantEnd: number | undefined;
  private readonly retention: IdleStateRetention<string> | undefined;
  /** With a state TTL: forgets idle partitions at each step's processing time. */
  readonly onProcessingTime?: (now: number) => void;

  constructor(config: RankConfig<State>, out: Collector) {
    this.description = config.description;
    this.config = config;
    const start = config.range.kind === "constant" ? config.range.start : 1;
    this.out = new RankOutput(start, config.outputRankNumber, config.generateUpdateBefore, out);
    this.downstream = out;
    this.keyOf = partitionKeyOf(config.partitionKeys);
    this.partitions = new SpillableMap(partitionCodec(config.fn), config.spill);
    this.constantEnd = config.range.kind === "constant" ? config.range.end : undefined;
    const retention = idleStateRetention<string>(config.stateTtl);
    this.retention = retention;
    if (retention) this.onProcessingTime = retention.sweeper((key) => this.partitions.delete(key));
  }

  process(kind: RowKind, row: Row): void {
    const { fn, range } = this.config;
    const key = this.keyOf(row);
    if (this.retention?.expired(key)) {
      this.partitions.delete(key);
      this.retention.forget(key);
    }
    let partition = this.partitions.get(key);
    if (!partition) {
      const rankEnd = range.kind === "constant" ? range.end : Number(row[range.endField] ?? 0);
      partition = { state: fn.createState(), rankEnd };
      this.partitions.set(key, partition);
    }
    this.out.rankEnd = partition.rankEnd;
    fn.process(partition.state, kind, row, this.out, this.constantEnd ?? DEFAULT_TOP_SIZE);
    this.retention?.written(key);
  }

  onWatermark(timestamp: number): void {
    this.downstream.watermark(timestamp);
  }
  finish(): void {}

  snapshot(): SqlValue {
    const state = new Map<SqlValue, SqlValue>([[RANK_STATE, this.partitions.checkpointView()]]);
    if (this.retention) state.set(RETENTION_STATE, this.retention.snapshot());
    return state;
  }

  restore(state: SqlValue): void {
    this.partitions.clear();
    const saved = state as Map<SqlValue, SqlValue>;
    const written = saved.get(RETENTION_STATE);
    if (this.retention && written !== undefined) this.retention.restore(written);
    const codec = partitionCodec(this.config.fn);
    const partitions = saved.get(RANK_STATE) as Map<string, SqlValue>;
    for (const [key, partition] of partitions) this.partitions.set(key, codec.decode(partition));
  }
}

/** A partition as checkpoints and spill files hold it: `[Top-N state snapshot, rank end]`. */
function partitionCodec<State>(fn: TopNFunction<State>): StateCodec<Partition<State>> {
  return {
    encode: (p) => [fn.snapshot(p.state), p.rankEnd],
    decode: (saved) => {
      const [snapshot, rankEnd] = saved as [SqlValue, number];
      return { state: fn.restore(snapshot), rankEnd };
    },
  };
}
