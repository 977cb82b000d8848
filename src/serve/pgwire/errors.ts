/**
 * An error reported to the client as an ErrorResponse: a SQLSTATE code, a message and, for errors in
 * a statement's text, the 1-based character position psql underlines.
 * See https://www.postgresql.org/docs/current/errcodes-appendix.html for the codes.
 */
export class PgError extends Error {
  readonly code: string;
  readonly position: number | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  /** FATAL ends the connection after the error is sent. */
  readonly severity: "ERROR" | "FATAL";

  constructor(
    code: string,
    message: string,
    extra: { position?: number; detail?: string; hint?: string; severity?: "ERROR" | "FATAL" } = {},
  ) {
    super(message);
    this.name = "PgError";
    this.code = code;
    this.position = extra.position;
    this.detail = extra.detail;
    this.hint = extra.hint;
    this.severity = extra.severity ?? "ERROR";
  }

  /** The same error with its position moved by `offset` characters (a statement inside a longer query). */
  shifted(offset: number): PgError {
    if (this.position === undefined || offset === 0) return this;
    return new PgError(this.code, this.message, {
      position: this.position + offset,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      ...(this.hint !== undefined ? { hint: this.hint } : {}),
      severity: this.severity,
    });
  }
}

/** SQLSTATE codes used by the endpoint, named as PostgreSQL names them. */
export const SQLSTATE = {
  protocolViolation: "08P01",
  featureNotSupported: "0A000",
  invalidParameterValue: "22023",
  invalidTextRepresentation: "22P02",
  invalidBinaryRepresentation: "22P03",
  numericValueOutOfRange: "22003",
  readOnlySqlTransaction: "25006",
  inFailedSqlTransaction: "25P02",
  syntaxError: "42601",
  undefinedColumn: "42703",
  undefinedFunction: "42883",
  undefinedTable: "42P01",
  undefinedObject: "42704",
  duplicatePreparedStatement: "42P05",
  duplicateCursor: "42P03",
  invalidCursorName: "34000",
  invalidSqlStatementName: "26000",
  insufficientPrivilege: "42501",
  datatypeMismatch: "42804",
  queryCanceled: "57014",
  internalError: "XX000",
  cantChangeRuntimeParam: "55P02",
  invalidSchemaName: "3F000",
  groupingError: "42803",
  syntaxErrorOrAccessRuleViolation: "42000",
  integrityConstraintViolation: "23000",
  outOfMemory: "53200",
  noActiveSqlTransaction: "25P01",
  activeSqlTransaction: "25001",
  invalidAuthorizationSpecification: "28000",
} as const;
