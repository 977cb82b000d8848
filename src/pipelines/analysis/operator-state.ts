import type { PhysicalPlan } from "../../engine/index.ts";

/**
 * The state each of Flink's stream exec nodes keeps, by name (the engine's physical nodes take these
 * names), or null for nodes that keep none. Listed ahead of the engine so an operator that lands
 * later (a join, a rank) is classified the day the planner produces it; the check below makes an
 * engine node missing from this table a compile error rather than a silent "stateless".
 */
export const OPERATOR_STATE = {
  TableSourceScan: null,
  Values: null,
  Calc: null,
  Expand: null,
  Union: null,
  Sink: null,
  Correlate: null,
  LookupJoin: null,
  WatermarkAssigner: null,
  WindowTableFunction: null,
  Exchange: null,
  DropUpdateBefore: null,
  MiniBatchAssigner: null,
  LocalGroupAggregate: null,
  GroupAggregate: "an accumulator per group",
  GlobalGroupAggregate: "an accumulator per group",
  IncrementalGroupAggregate: "an accumulator per group",
  GroupTableAggregate: "an accumulator per group",
  GroupWindowAggregate: "an accumulator per group and window",
  WindowAggregate: "an accumulator per group and window",
  GlobalWindowAggregate: "an accumulator per group and window",
  Join: "every live row of both inputs",
  IntervalJoin: "the rows of both inputs within the interval",
  TemporalJoin: "the versions of the build side",
  WindowJoin: "the rows of both inputs per window",
  Deduplicate: "the kept row per key",
  WindowDeduplicate: "the kept row per key and window",
  Rank: "the rows per partition",
  WindowRank: "the top rows per partition and window",
  Limit: "the rows emitted so far",
  SortLimit: "the top rows",
  Sort: "every live row",
  TemporalSort: "the rows waiting for the watermark",
  OverAggregate: "the rows of each partition's window",
  ChangelogNormalize: "the last row per key",
  MatchRecognize: "the partial matches per partition",
  SinkUpsertMaterializer: "every live row per primary key",
} as const satisfies Readonly<Record<string, string | null>>;

type NothingMissing<T extends never> = T;
/** Compiles only while every node kind of the engine's physical plans is in OPERATOR_STATE. */
export type EngineOperatorsClassified = NothingMissing<
  Exclude<PhysicalPlan["node"]["kind"], keyof typeof OPERATOR_STATE>
>;

/** What an operator keeps; an operator this table does not know is assumed to keep state. */
export function stateKeptBy(kind: string): string | null {
  if (Object.hasOwn(OPERATOR_STATE, kind)) return OPERATOR_STATE[kind as keyof typeof OPERATOR_STATE];
  return "state of an operator Headwater does not classify yet (assumed)";
}
