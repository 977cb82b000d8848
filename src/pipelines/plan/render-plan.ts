import type { ExecutionPlan, PlanSelector } from "./plan-model.ts";

/** The plan as a table a person reads before deploying: one line per statement, in execution order. */
export function renderPlan(plan: ExecutionPlan): string {
  const flags = [
    plan.options.mayStartDescendants ? "--may-start-descendants" : "",
    plan.options.forceAncestors ? "--force-ancestors" : "",
    plan.options.crossProduct ? "--cross-product" : "",
  ].filter((f) => f !== "");
  const lines = [
    `Execution plan for ${selectorText(plan.selector)}${flags.length > 0 ? ` (${flags.join(" ")})` : ""}`,
  ];
  const rows = plan.nodes.map((n, i) => [
    String(i + 1),
    n.action,
    n.upgrade_mode,
    n.status_phase,
    n.table_name,
    n.dml_statement_name,
    n.reason,
  ]);
  lines.push(...table(["#", "action", "mode", "status", "table", "statement", "reason"], rows));
  const run = plan.nodes.filter((n) => n.to_run).length;
  const restart = plan.nodes.filter((n) => n.to_restart).length;
  lines.push(
    `${plan.nodes.length} table(s): ${run} to run, ${restart} to restart, ${plan.nodes.length - run - restart} kept as is`,
  );
  if (plan.kept_running.length > 0) {
    lines.push("", "Children a restart does not reach:");
    for (const k of plan.kept_running) lines.push(`  ${k.table_name} (child of ${k.parent}): ${k.reason}`);
  }
  return `${lines.join("\n")}\n`;
}

function selectorText(selector: PlanSelector): string {
  switch (selector.kind) {
    case "table":
      return `table ${selector.table}`;
    case "product":
      return `product ${selector.product}`;
    case "dir":
      return `folder ${selector.dir}`;
    default:
      return selector satisfies never;
  }
}

/** Left-aligned columns; the last column is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
