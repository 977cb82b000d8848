/** Deploy targets and the commands built on them: deploy, undeploy, status, healthcheck. */
export { type DeployTarget, TARGET_KINDS, TargetError, type TargetKind } from "./deploy-target.ts";
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
export type {
  ControlStatement,
  ControlStatementRequest,
  ControlTable,
} from "./targets/local/control-api.ts";
