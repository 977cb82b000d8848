import { buildExecutionPlan } from "../plan/build-plan.ts";
import type { ExecutionPlan, PlanNode, PlanOptions, PlanSelector } from "../plan/plan-model.ts";
import type { Phase } from "../plan/running-state.ts";
import type { Project } from "../project/model.ts";
import type { WaitOptions } from "./await-statement.ts";
import { type DeployedTable, deployTable, failureText } from "./deploy-table.ts";
import { type DeployTarget, type TargetRef, targetRef } from "./deploy-target.ts";
import { isSuccess, type StatementSpec, type StatementStatus } from "./statement.ts";
import { type TableStatements, tableStatements } from "./table-statements.ts";

/** Every table of the plan, in plan order, with what this run did to it. */
export type TableOutcome =
  | DeployedTable
  /** The plan keeps it: running already, or external. */
  | { readonly table: string; readonly result: "unchanged"; readonly reason: string }
  /** It was to run, but the run stopped at a failure first. */
  | { readonly table: string; readonly result: "skipped"; readonly reason: string };

export interface DeployReport {
  readonly target: TargetRef;
  readonly plan: ExecutionPlan;
  /** DDLs run so the target knows tables this run reads but does not deploy. */
  readonly declared: readonly StatementStatus[];
  readonly outcomes: readonly TableOutcome[];
  /** True when every table to run was deployed. */
  readonly ok: boolean;
}

export interface DeployOptions extends WaitOptions {
  /** Deploy tables whose parents are done together, instead of one by one. */
  readonly parallel: boolean;
  readonly plan: PlanOptions;
  /** Called once the plan is known, and after each table (progress bars). */
  readonly onProgress?: (event: {
    readonly done: number;
    readonly total: number;
    readonly table?: string;
  }) => void;
}

/**
 * Deploys what the execution plan says to run or restart, parents first. The plan is built from the
 * target's own statement phases, so running ancestors are kept. One by one, or with `parallel`, in
 * waves of tables whose parents are done. The first failure stops the run: tables not started are
 * reported as skipped, and the report names the statement and the target's error.
 */
export async function runDeploy(
  project: Project,
  selector: PlanSelector,
  target: DeployTarget,
  options: DeployOptions,
): Promise<DeployReport | { error: string }> {
  await target.check();
  const running = new Map<string, Phase>((await target.list()).map((s) => [s.name, s.phase]));
  const plan = buildExecutionPlan(project, selector, options.plan, running);
  if ("error" in plan) return plan;
  const toRun = plan.nodes.filter((n) => n.to_run || n.to_restart);
  const statements = new Map<string, TableStatements>();
  for (const node of toRun) {
    const built = tableStatements(project, project.tables.get(node.table_name)!);
    if ("error" in built) return built;
    statements.set(node.table_name, built);
  }
  const base = { target: targetRef(target), plan };
  const unchanged = (n: PlanNode): TableOutcome => ({
    table: n.table_name,
    result: "unchanged",
    reason: n.reason,
  });

  const declarations = declarationsFor(project, toRun);
  if ("error" in declarations) return declarations;
  const declaration = await declare(target, declarations);

  const results = new Map<string, TableOutcome>();
  let failed: string | undefined;
  if (declaration.failure) {
    results.set(declaration.failure.table, declaration.failure);
    failed = declaration.failure.table;
  }
  const pending = toRun.map((n) => n.table_name);
  options.onProgress?.({ done: 0, total: toRun.length });
  while (pending.length > 0 && !failed) {
    const ready = pending.filter(
      (name) => !project.tables.get(name)!.parents.some((p) => pending.includes(p)),
    );
    const wave = options.parallel ? ready : ready.slice(0, 1);
    const deployed = await Promise.all(
      wave.map(async (name) => {
        const outcome = await deployTable(target, statements.get(name)!, options);
        results.set(name, outcome);
        options.onProgress?.({ done: results.size, total: toRun.length, table: name });
        return outcome;
      }),
    );
    for (const outcome of deployed) {
      pending.splice(pending.indexOf(outcome.table), 1);
      if (outcome.result === "failed") failed ??= outcome.table;
    }
  }
  for (const name of pending)
    results.set(name, { table: name, result: "skipped", reason: `not started: ${failed} failed first` });
  return {
    ...base,
    declared: declaration.declared,
    outcomes: plan.nodes.map((n) => results.get(n.table_name) ?? unchanged(n)),
    ok: failed === undefined,
  };
}

/** DDLs of the tables the deployed DMLs read that this run does not deploy, parents first. */
function declarationsFor(project: Project, toRun: readonly PlanNode[]): StatementSpec[] | { error: string } {
  const running = new Set(toRun.map((n) => n.table_name));
  const needed = new Set(toRun.flatMap((n) => n.parents).filter((p) => !running.has(p)));
  const out: StatementSpec[] = [];
  for (const name of project.order) {
    if (!needed.has(name)) continue;
    const table = project.tables.get(name)!;
    if (!table.ddlRef) continue;
    const built = tableStatements(project, table);
    if ("error" in built) return built;
    if (built.ddl) out.push(built.ddl);
  }
  return out;
}

/**
 * Runs the declarations; a failing one (or a target error) fails the table it declares, so the
 * report shows it like any other failure and nothing is deployed.
 */
async function declare(
  target: DeployTarget,
  declarations: readonly StatementSpec[],
): Promise<{ declared: StatementStatus[]; failure?: DeployedTable }> {
  let declared: StatementStatus[];
  try {
    declared = await target.declareTables(declarations);
  } catch (error) {
    const table = declarations[0]?.table ?? "";
    const failure: DeployedTable = {
      table,
      result: "failed",
      statement: declarations[0]?.name ?? "",
      error: (error as Error).message,
      statements: [],
      replaced: [],
    };
    return { declared: [], failure };
  }
  const bad = declared.find((s) => !isSuccess(s.phase));
  if (!bad) return { declared };
  const table = declarations.find((d) => d.name === bad.name)?.table ?? bad.name;
  const failure: DeployedTable = {
    table,
    result: "failed",
    statement: bad.name,
    error: failureText(bad),
    statements: [bad],
    replaced: [],
  };
  return { declared, failure };
}
