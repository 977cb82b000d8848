import type { Phase } from "../plan/running-state.ts";
import { PHASES } from "../plan/running-state.ts";
import type { Project, ProjectTable } from "../project/model.ts";
import { type DeployTarget, type TargetRef, targetRef } from "./deploy-target.ts";
import type { StatementStatus } from "./statement.ts";
import { statementNamesOf } from "./table-statements.ts";

/** Something wrong with a product's deployment. */
export type HealthFinding =
  /** The table has a DML but the target has no statement of that name. */
  | { readonly kind: "missing"; readonly table: string; readonly statement: string }
  /** FAILED, STOPPED or DEGRADED. */
  | {
      readonly kind: "not-running";
      readonly table: string;
      readonly statement: string;
      readonly phase: Phase;
      readonly detail?: string;
    }
  /**
   * The child's statement started before its parent's: the parent was restarted under a running
   * child, which then reads a rewritten input it may count twice or miss.
   */
  | {
      readonly kind: "started-before-parent";
      readonly table: string;
      readonly statement: string;
      readonly startedAt: string;
      readonly parent: string;
      readonly parentStartedAt: string;
    };

export interface ProductHealth {
  readonly product: string;
  /** DML statements per phase; UNKNOWN counts missing ones. */
  readonly counts: Readonly<Record<Phase, number>>;
  readonly findings: readonly HealthFinding[];
  readonly healthy: boolean;
}

export interface HealthReport {
  readonly target: TargetRef;
  readonly products: readonly ProductHealth[];
  readonly healthy: boolean;
}

/**
 * Health of each product's deployment (or of one product), from the target's statements: every
 * table with a DML should have a running (or completed) statement, and none should have started
 * before a parent's statement.
 */
export async function healthcheck(
  project: Project,
  target: DeployTarget,
  product?: string,
): Promise<HealthReport | { error: string }> {
  const tables = project.order
    .map((n) => project.tables.get(n)!)
    .filter((t) => !t.external && t.dmlRef && (product === undefined || t.product === product));
  if (product !== undefined && tables.length === 0)
    return { error: `no table of product '${product}' has a DML statement` };
  await target.check();
  const byName = new Map((await target.list()).map((s) => [s.name, s]));
  const dmlOf = (t: ProjectTable): { name: string; status?: StatementStatus } => {
    const name = statementNamesOf(project, t).dml;
    const status = byName.get(name);
    return status ? { name, status } : { name };
  };
  const products = [...new Set(tables.map((t) => t.product))].sort();
  const report = products.map((p): ProductHealth => {
    const counts = Object.fromEntries(PHASES.map((phase) => [phase, 0])) as Record<Phase, number>;
    const findings: HealthFinding[] = [];
    for (const t of tables.filter((x) => x.product === p)) {
      const { name, status } = dmlOf(t);
      counts[status?.phase ?? "UNKNOWN"]++;
      if (!status) {
        findings.push({ kind: "missing", table: t.name, statement: name });
        continue;
      }
      if (status.phase === "FAILED" || status.phase === "STOPPED" || status.phase === "DEGRADED")
        findings.push({
          kind: "not-running",
          table: t.name,
          statement: name,
          phase: status.phase,
          ...(status.detail ? { detail: status.detail } : {}),
        });
      for (const parentName of t.parents) {
        const parent = project.tables.get(parentName);
        if (!parent || parent.external || !parent.dmlRef) continue;
        const parentStatus = dmlOf(parent).status;
        if (
          status.startedAt &&
          parentStatus?.startedAt &&
          Date.parse(status.startedAt) < Date.parse(parentStatus.startedAt)
        )
          findings.push({
            kind: "started-before-parent",
            table: t.name,
            statement: name,
            startedAt: status.startedAt,
            parent: parent.name,
            parentStartedAt: parentStatus.startedAt,
          });
      }
    }
    return { product: p, counts, findings, healthy: findings.length === 0 };
  });
  return {
    target: targetRef(target),
    products: report,
    healthy: report.every((p) => p.healthy),
  };
}
