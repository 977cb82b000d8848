import type { StatementPhase } from "../../statement.ts";

/**
 * The JSON the daemon's control API (`headwater serve`, src/serve/control) speaks, shared by the
 * server and the local target so neither can drift. Paths are under `/v1`.
 *
 * - `POST /v1/statements` `{name, statement}` → 201 ControlStatement; 409 when the name is taken
 * - `GET /v1/statements` → `{statements: ControlStatement[]}`, in submission order
 * - `GET /v1/statements/{name}` → ControlStatement; 404
 * - `POST /v1/statements/{name}/stop` `{savepoint?}` → ControlStatement (STOPPED); 404; 409 when a
 *   savepoint is asked of a statement without checkpoints
 * - `POST /v1/statements/{name}/start` `{fromSavepoint?, statement?}` → ControlStatement (RUNNING);
 *   404; 409 when it runs, or when the saved state does not fit the statement (the reason says why)
 * - `DELETE /v1/statements/{name}` → 204 (stops it first); 404
 * - `GET /v1/tables` → `{tables: ControlTable[]}`; `GET /v1/health`; `GET /openapi.json`
 *
 * Errors: `{statusCode, error, message}` with the HTTP status.
 */
export const CONTROL_API_VERSION = "v1";

export interface ControlStatement {
  readonly name: string;
  /** The SQL text as submitted. */
  readonly statement: string;
  /** `ddl` for catalog changes (CREATE, DROP, ALTER, SET, USE), `dml` for INSERT jobs. */
  readonly kind: "ddl" | "dml";
  readonly phase: StatementPhase;
  /** The error of a FAILED statement, rendered with the line and a caret. */
  readonly detail?: string;
  readonly createdAt: string;
  /** When this daemon process started running it. */
  readonly startedAt?: string;
  readonly recordsIn?: number;
  readonly recordsOut?: number;
  /** An INSERT under checkpoints (`headwater serve --checkpoint-interval`). */
  readonly checkpoints?: ControlCheckpoints;
}

export interface ControlCheckpoints {
  /** Id of the last completed checkpoint in this daemon process. */
  readonly lastCheckpoint?: number;
  /** The checkpoint or savepoint file it resumed from when it started. */
  readonly restoredFrom?: string;
  /** The savepoint file its last stop wrote. */
  readonly savepoint?: string;
}

export interface ControlStopRequest {
  /** Write a savepoint (kept until deleted) before stopping. */
  readonly savepoint?: boolean;
}

export interface ControlStartRequest {
  /** A savepoint file to resume from instead of the last checkpoint. */
  readonly fromSavepoint?: string;
  /** New SQL for the statement (an upgrade in place), checked against the saved state. */
  readonly statement?: string;
}

export interface ControlStatementRequest {
  readonly name: string;
  readonly statement: string;
}

export interface ControlTable {
  /** `catalog.database.table` */
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

export interface ControlError {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
}
