import type { StatementPhase } from "../../statement.ts";

/**
 * The JSON the daemon's control API (`headwater serve`, src/serve/control) speaks, shared by the
 * server and the local target so neither can drift. Paths are under `/v1`.
 *
 * - `POST /v1/statements` `{name, statement}` → 201 ControlStatement; 409 when the name is taken
 * - `GET /v1/statements` → `{statements: ControlStatement[]}`, in submission order
 * - `GET /v1/statements/{name}` → ControlStatement; 404
 * - `POST /v1/statements/{name}/stop` → ControlStatement (STOPPED); 404
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
