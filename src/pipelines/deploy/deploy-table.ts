import { awaitSettled, type WaitOptions } from "./await-statement.ts";
import type { DeployTarget } from "./deploy-target.ts";
import { isSuccess, type StatementSpec, type StatementStatus } from "./statement.ts";
import type { TableStatements } from "./table-statements.ts";

/** What happened to one table the plan runs or restarts. */
export type DeployedTable =
  | {
      readonly table: string;
      readonly result: "deployed";
      /** Final statuses of what ran: drop, DDL, DML. */
      readonly statements: readonly StatementStatus[];
      /** Statements of an earlier deployment that were stopped and deleted first. */
      readonly replaced: readonly string[];
    }
  | {
      readonly table: string;
      readonly result: "failed";
      /** The statement that failed. */
      readonly statement: string;
      /** The target's error, or why the statement did not settle. */
      readonly error: string;
      readonly statements: readonly StatementStatus[];
      readonly replaced: readonly string[];
    };

/**
 * Deploys one table as shift_left does: stop and delete its earlier statements, drop the table (a
 * restart rewrites it from the beginning), run the DDL until it completes, then start the DML and
 * wait until it runs. A table without a DDL (declared elsewhere) is not dropped. Stops at the first
 * statement that does not succeed.
 */
export async function deployTable(
  target: DeployTarget,
  statements: TableStatements,
  wait: WaitOptions,
): Promise<DeployedTable> {
  const done: StatementStatus[] = [];
  const replaced: string[] = [];
  const table = statements.table;
  let current = "";
  try {
    for (const name of [statements.dml?.name, statements.ddl?.name, statements.drop.name]) {
      current = name ?? "";
      if (name && (await target.remove(name))) replaced.push(name);
    }
    const steps: StatementSpec[] = statements.ddl ? [statements.drop, statements.ddl] : [];
    if (statements.dml) steps.push(statements.dml);
    for (const step of steps) {
      current = step.name;
      const status = await awaitSettled(target, await target.submit(step), wait);
      done.push(status);
      if (!isSuccess(status.phase))
        return {
          table,
          result: "failed",
          statement: step.name,
          error: failureText(status),
          statements: done,
          replaced,
        };
      // A drop has done its work once completed; its record would only clutter the target.
      if (step.kind === "drop") await target.remove(step.name);
    }
    return { table, result: "deployed", statements: done, replaced };
  } catch (error) {
    return {
      table,
      result: "failed",
      statement: current,
      error: (error as Error).message,
      statements: done,
      replaced,
    };
  }
}

export function failureText(status: StatementStatus): string {
  return status.detail ? `${status.phase}: ${status.detail}` : status.phase;
}
