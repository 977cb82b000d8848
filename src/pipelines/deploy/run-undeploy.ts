import type { PlanSelector } from "../plan/plan-model.ts";
import type { Project } from "../project/model.ts";
import { awaitSettled, type WaitOptions } from "./await-statement.ts";
import { failureText } from "./deploy-table.ts";
import { type DeployTarget, type TargetRef, targetRef } from "./deploy-target.ts";
import { selectTables } from "./select-tables.ts";
import { isSuccess } from "./statement.ts";
import { tableStatements } from "./table-statements.ts";

export type UndeployOutcome =
  | {
      readonly table: string;
      readonly result: "undeployed";
      /** Statements stopped and deleted. */
      readonly removed: readonly string[];
      /** The DROP TABLE that ran, when the project declares the table. */
      readonly dropped?: string;
    }
  | { readonly table: string; readonly result: "not-deployed" }
  | { readonly table: string; readonly result: "failed"; readonly statement: string; readonly error: string }
  | { readonly table: string; readonly result: "skipped"; readonly reason: string };

export interface UndeployReport {
  readonly target: TargetRef;
  /** Children first. */
  readonly outcomes: readonly UndeployOutcome[];
  readonly ok: boolean;
}

/**
 * Undeploys the selected tables, children before parents (with `--table`, its descendants too: they
 * cannot run without it): stop and delete the DML, drop the table, delete the DDL statement. A table
 * the target has no statement of is reported as not deployed and left alone. Stops at the first
 * failure; the tables after it are reported as skipped.
 */
export async function runUndeploy(
  project: Project,
  selector: PlanSelector,
  target: DeployTarget,
  options: WaitOptions,
): Promise<UndeployReport | { error: string }> {
  const selected = selectTables(project, selector, { withDescendants: true });
  if ("error" in selected) return selected;
  const specs = [];
  for (const table of selected.reverse()) {
    const built = tableStatements(project, table);
    if ("error" in built) return built;
    specs.push(built);
  }
  await target.check();
  const outcomes: UndeployOutcome[] = [];
  let failed: string | undefined;
  for (const spec of specs) {
    if (failed) {
      outcomes.push({
        table: spec.table,
        result: "skipped",
        reason: `not undeployed: ${failed} failed first`,
      });
      continue;
    }
    let current = spec.dml?.name ?? spec.drop.name;
    try {
      const removed: string[] = [];
      if (spec.dml && (await target.remove(spec.dml.name))) removed.push(spec.dml.name);
      current = spec.drop.name;
      const hadDdl = spec.ddl !== undefined && (await target.describe(spec.ddl.name)) !== undefined;
      if (removed.length === 0 && !hadDdl) {
        outcomes.push({ table: spec.table, result: "not-deployed" });
        continue;
      }
      let dropped: string | undefined;
      if (spec.ddl) {
        await target.remove(spec.drop.name);
        const status = await awaitSettled(target, await target.submit(spec.drop), options);
        if (!isSuccess(status.phase)) {
          failed = spec.table;
          outcomes.push({
            table: spec.table,
            result: "failed",
            statement: spec.drop.name,
            error: failureText(status),
          });
          continue;
        }
        await target.remove(spec.drop.name);
        dropped = spec.drop.name;
        current = spec.ddl.name;
        if (await target.remove(spec.ddl.name)) removed.push(spec.ddl.name);
      }
      outcomes.push({ table: spec.table, result: "undeployed", removed, ...(dropped ? { dropped } : {}) });
    } catch (error) {
      failed = spec.table;
      outcomes.push({
        table: spec.table,
        result: "failed",
        statement: current,
        error: (error as Error).message,
      });
    }
  }
  return { target: targetRef(target), outcomes, ok: failed === undefined };
}
