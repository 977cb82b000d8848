/**
 * The engine: Flink SQL planned into changelog-aware operators and run incrementally in this process.
 * `createEngine()` opens a session; `execute(sql)` runs a script statement by statement.
 */
export { explainPlan } from "./plan/physical/explain.ts";
export { flinkRejections } from "./plan/physical/flink-rejections.ts";
export { inferChangelogModes, type PhysicalPlan } from "./plan/physical/infer-changelog-mode.ts";
export { planPhysical } from "./plan/physical/plan-physical.ts";
export { needsUpsertMaterializer } from "./plan/physical/upsert-materializer.ts";
export { PlanError } from "./plan/plan-error.ts";
export { type PlannedStatement, planStatement } from "./plan/plan-statement.ts";
export { optimize } from "./plan/rules/optimize.ts";
export {
  CheckpointError,
  type CompletedCheckpoint,
  compareStatements,
  describeCompatibility,
  type JobShape,
  planShape,
  readSnapshotFile,
  type SnapshotHeader,
  type StateCompatibility,
  type StatementRecovery,
} from "./runtime/checkpoint/index.ts";
export { createEngine, Engine, type EngineOptions, SqlError } from "./runtime/engine.ts";
// Value helpers the serving layer shares with the runtime: exact DECIMAL text, dates, value order.
export { compareValues } from "./runtime/expr/index.ts";
export { formatRow, formatValue } from "./runtime/format-row.ts";
export { daysFromCivil, daysInMonth, MS_PER_DAY } from "./runtime/functions/calendar.ts";
export { decimalToString, fitsPrecision, parseDecimalText, rescale } from "./runtime/functions/decimal.ts";
export { formatDate } from "./runtime/functions/to-string.ts";
export { JobError, type JobStatus } from "./runtime/job.ts";
export type { ChangelogRetention } from "./runtime/memory-table.ts";
export type { ChangelogEntry } from "./runtime/sinks/collect-sink.ts";
export type { StateTierUsage } from "./runtime/state/spill-folders.ts";
export {
  type KeyedStateSize,
  type OperatorStateSize,
  operatorStateSizes,
  type StateTiers,
  type TableStateSize,
  totalStateSize,
} from "./runtime/state-size.ts";
export {
  type DdlResult,
  type ExplainResult,
  type InsertResult,
  QueryResult,
  type ResultColumn,
  type StatementResult,
} from "./runtime/statement-result.ts";
export type { Changelog, OffsetChange, TableView } from "./runtime/table-view.ts";
export type {
  AggregateFunctionDefinition,
  ScalarFunctionDefinition,
  TableFunctionDefinition,
  UdfDefinition,
} from "./runtime/udf/udf-definition.ts";
