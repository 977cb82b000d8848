/** Public surface of the pipelines module: project layout, metadata, lineage, plans and lint. */
export type { Complexity } from "./analysis/complexity.ts";
export type { StateFinding, StateForm } from "./analysis/statefulness.ts";
export * from "./changes/index.ts";
export { CONFIG_SCHEMA, envVarOf } from "./config/config-schema.ts";
export {
  CONFIG_FILE,
  type ConfigProblem,
  configString,
  describeConfig,
  loadConfig,
  type ProjectConfig,
} from "./config/load-config.ts";
export { isSecretKey, MASK, maskSecrets, maskSecretsInText } from "./config/mask-secrets.ts";
export * from "./deploy/index.ts";
export { LAYER_FOLDERS, type LayerFolder, parseLayer, type TableType } from "./layout/layers.ts";
export { longTableName, statementName } from "./layout/naming.ts";
export { initProject, initTable, type ProjectType, projectTypeOf } from "./layout/scaffold.ts";
export type { ColumnLineage, ColumnSource, Derivation } from "./lineage/column-lineage.ts";
export { type LineageDirection, type LineageNode, ProjectLineage } from "./lineage/project-lineage.ts";
export { renderLineageTree } from "./lineage/render-lineage.ts";
export { renderLineageHtml } from "./lineage/render-lineage-html.ts";
export { lintProject } from "./lint/lint-project.ts";
export { buildInventory, type InventoryEntry } from "./metadata/inventory.ts";
export {
  buildPipelineDefinition,
  formatPipelineDefinition,
  type PipelineDefinition,
} from "./metadata/pipeline-definition.ts";
export { INVENTORY_FILE, PIPELINE_DEFINITION_FILE, writeMetadata } from "./metadata/write-metadata.ts";
export type { RowDifference } from "./parity/compare-rows.ts";
export { type ProjectStatement, projectStatements } from "./parity/project-script.ts";
export { type RawTableLayout, rawRow, rawTableLayouts } from "./parity/raw-tables.ts";
export {
  type BatchLimits,
  ParityError,
  type ParityOptions,
  type ParityResult,
  type ParityStage,
  runParity,
  runStreamingView,
  type StatementState,
  type StreamedView,
} from "./parity/run-parity.ts";
export { buildExecutionPlan } from "./plan/build-plan.ts";
export type { ExecutionPlan, KeptRunning, PlanNode, PlanOptions, PlanSelector } from "./plan/plan-model.ts";
export { renderPlan } from "./plan/render-plan.ts";
export {
  isRunningPhase,
  type Phase,
  parseRunningState,
  type RunningState,
  readRunningState,
} from "./plan/running-state.ts";
export { type Finding, renderFinding, sortFindings } from "./project/findings.ts";
export { loadProject } from "./project/load-project.ts";
export type { Project, ProjectTable } from "./project/model.ts";
export * from "./report/index.ts";
export * from "./testing/index.ts";
