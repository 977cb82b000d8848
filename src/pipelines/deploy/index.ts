/** Deploy targets and the commands built on them: deploy, undeploy, status, healthcheck. */

export { awaitSettled, type WaitOptions } from "./await-statement.ts";
export { collectStatus, type NamedStatus, type StatusReport, type TableStatus } from "./collect-status.ts";
export { createTarget, deployTimeoutMs } from "./create-target.ts";
export type { DeployedTable } from "./deploy-table.ts";
export { type DeployTarget, TARGET_KINDS, TargetError, type TargetKind } from "./deploy-target.ts";
export { type HealthFinding, type HealthReport, healthcheck, type ProductHealth } from "./healthcheck.ts";
export {
  renderDeployReport,
  renderHealthReport,
  renderStatusReport,
  renderUndeployReport,
} from "./render-reports.ts";
export { type DeployOptions, type DeployReport, runDeploy, type TableOutcome } from "./run-deploy.ts";
export { runUndeploy, type UndeployOutcome, type UndeployReport } from "./run-undeploy.ts";
export {
  isSettled,
  isSuccess,
  STATEMENT_PHASES,
  type StatementKind,
  type StatementPhase,
  type StatementSpec,
  type StatementStatus,
} from "./statement.ts";
export { STATEMENT_NAME_MAX, STATEMENT_NAME_PATTERN, statementNameProblem } from "./statement-name.ts";
export { statementNamesOf, type TableStatements, tableStatements } from "./table-statements.ts";
export { ConfluentTarget, type ConfluentTargetOptions } from "./targets/confluent/confluent-target.ts";
export { FlinkTarget, type FlinkTargetOptions } from "./targets/flink/flink-target.ts";
export type {
  ControlCheckpoints,
  ControlStartRequest,
  ControlStatement,
  ControlStatementRequest,
  ControlStopRequest,
  ControlTable,
} from "./targets/local/control-api.ts";
export { LocalTarget } from "./targets/local/local-target.ts";
