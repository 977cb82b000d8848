import type { PlanSelector } from "../plan/plan-model.ts";
import type { Project } from "../project/model.ts";
import { type DeployTarget, type TargetRef, targetRef } from "./deploy-target.ts";
import { selectTables } from "./select-tables.ts";
import type { StatementStatus } from "./statement.ts";
import { statementNamesOf } from "./table-statements.ts";

/** One statement of a table: its name, and its status when the target has it. */
export interface NamedStatus {
  readonly name: string;
  readonly status?: StatementStatus;
}

export interface TableStatus {
  readonly table: string;
  readonly product: string;
  /** Absent when the project has no such file for the table. */
  readonly ddl?: NamedStatus;
  readonly dml?: NamedStatus;
}

export interface StatusReport {
  readonly target: TargetRef;
  readonly tables: readonly TableStatus[];
}

/** The target's view of the selected tables' statements, parents first. */
export async function collectStatus(
  project: Project,
  selector: PlanSelector,
  target: DeployTarget,
): Promise<StatusReport | { error: string }> {
  const selected = selectTables(project, selector, { withDescendants: false });
  if ("error" in selected) return selected;
  await target.check();
  const named = async (name: string): Promise<NamedStatus> => {
    const status = await target.describe(name);
    return status ? { name, status } : { name };
  };
  const tables = await Promise.all(
    selected.map(async (t): Promise<TableStatus> => {
      const names = statementNamesOf(project, t);
      const [ddl, dml] = await Promise.all([
        t.ddlRef ? named(names.ddl) : undefined,
        t.dmlRef ? named(names.dml) : undefined,
      ]);
      return { table: t.name, product: t.product, ...(ddl ? { ddl } : {}), ...(dml ? { dml } : {}) };
    }),
  );
  return { target: targetRef(target), tables };
}
