import { PgError, SQLSTATE } from "./errors.ts";
import type { SessionSettings } from "./session-settings.ts";
import type { ClassifiedStatement } from "./sql/classify-statement.ts";

/** ReadyForQuery's transaction status: idle, in a transaction block, or in a failed one. */
export type TransactionStatus = "I" | "T" | "E";

export interface CommandResult {
  readonly tag: string;
  readonly status: TransactionStatus;
  /** Rows of SHOW, as text. */
  readonly rows: readonly string[][];
  /** Reported parameters the command changed. */
  readonly parameterStatus: readonly { name: string; value: string }[];
  /** DISCARD ALL: the session also drops its prepared statements and portals. */
  readonly discardAll: boolean;
}

/**
 * Runs a session command (SET, SHOW, RESET, transaction control) against the session's settings and
 * transaction status. Transactions are bookkeeping only — every query is a read-only snapshot of its
 * own — but BEGIN, COMMIT, ROLLBACK and savepoints answer as PostgreSQL's do, so clients that wrap
 * reads in transactions work unchanged.
 */
export function runCommand(
  statement: ClassifiedStatement,
  settings: SessionSettings,
  status: TransactionStatus,
): CommandResult {
  const result = (tag: string, extra: Partial<CommandResult> = {}): CommandResult => ({
    tag,
    status,
    rows: [],
    parameterStatus: [],
    discardAll: false,
    ...extra,
  });
  if (statement.kind !== "command") throw new Error(`not a session command: ${statement.kind}`);
  const c = statement.command;
  switch (c.kind) {
    case "set": {
      const changed = settings.set(c.name, c.value);
      return result("SET", { parameterStatus: changed ? [changed] : [] });
    }
    case "reset": {
      if (c.name === null) return result("RESET", { parameterStatus: settings.resetAll() });
      const changed = settings.set(c.name, null);
      return result("RESET", { parameterStatus: changed ? [changed] : [] });
    }
    case "show":
      if (c.name === null)
        return result("SHOW", { rows: settings.all().map((s) => [s.name, s.setting, s.description]) });
      return result("SHOW", { rows: [[settings.get(c.name)]] });
    case "begin":
      return result("BEGIN", { status: status === "I" ? "T" : status });
    case "commit":
      // COMMIT of a failed transaction rolls it back, and says so.
      return result(status === "E" ? "ROLLBACK" : "COMMIT", { status: "I" });
    case "rollback":
      return result("ROLLBACK", { status: "I" });
    case "savepoint":
      if (status === "I")
        throw new PgError(SQLSTATE.noActiveSqlTransaction, `${c.tag} can only be used in transaction blocks`);
      return result(c.tag);
    case "rollbackToSavepoint":
      if (status === "I")
        throw new PgError(
          SQLSTATE.noActiveSqlTransaction,
          "ROLLBACK TO SAVEPOINT can only be used in transaction blocks",
        );
      return result("ROLLBACK", { status: "T" });
    case "discardAll":
      if (status !== "I")
        throw new PgError(SQLSTATE.activeSqlTransaction, "DISCARD ALL cannot run inside a transaction block");
      return result("DISCARD ALL", { discardAll: true });
    case "deallocate":
      // SQL-level PREPARE is not supported, so only DEALLOCATE ALL (sent by poolers) has a meaning.
      if (c.name !== null)
        throw new PgError(SQLSTATE.invalidSqlStatementName, `prepared statement "${c.name}" does not exist`);
      return result("DEALLOCATE ALL");
    case "ignored":
      return result(c.tag);
    case "unsupported":
      throw new PgError(SQLSTATE.featureNotSupported, `${c.what} is not supported by the SQL endpoint`);
    default:
      return c satisfies never;
  }
}
