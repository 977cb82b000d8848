import { stringify } from "yaml";
import { describeStatementState } from "../analysis/describe-state.ts";
import { table } from "../plan/render-plan.ts";
import type { ProjectReport, ReportTable } from "./project-report.ts";

/** One table's summary: `name  [type · product · state · upsert key (k)]`. */
function describeTable(t: ReportTable): string {
  const keys = t.upsertKeys.map((k) => `(${k.join(", ")})`).join(" or ");
  return `${t.name}  [${[t.type, t.product, t.state, ...(keys ? [`upsert key ${keys}`] : [])].join(" · ")}]`;
}

/**
 * For one table, its upstream and downstream trees (a table met again is marked ↺ and not expanded);
 * otherwise one line per table with its product, layer, state, upsert key, parents and children.
 */
export function renderReportTree(report: ProjectReport, focus?: string): string {
  const byName = new Map(report.tables.map((t) => [t.name, t]));
  if (focus) {
    const root = byName.get(focus)!;
    return [
      `Upstream of ${focus}`,
      ...tree(root, (t) => t.parents, byName),
      "",
      `Downstream of ${focus}`,
      ...tree(root, (t) => t.children, byName),
      "",
      ...statefulness(report.tables),
    ].join("\n");
  }
  const rows = report.tables.map((t) => [
    `${t.product}${t.selected ? "" : " (outside)"}`,
    t.type,
    t.name,
    t.state,
    t.upsertKeys.map((k) => `(${k.join(", ")})`).join(" or "),
    t.parents.join(", "),
    t.children.join(", "),
  ]);
  return [
    `Project ${report.project} (${report.selection}): ${report.tables.filter((t) => t.selected).length} table(s)`,
    ...table(["product", "type", "table", "state", "upsert key", "parents", "children"], rows),
    "",
    ...statefulness(report.tables),
  ].join("\n");
}

/** Why each stateful table keeps state, and per statement where that was read from. */
function statefulness(tables: readonly ReportTable[]): string[] {
  const lines: string[] = [];
  for (const t of tables) {
    if (t.statements.length === 0) continue;
    lines.push(`  ${t.name}: ${t.stateful.length > 0 ? t.stateful.join("; ") : "no operator keeps state"}`);
    for (const s of t.statements) lines.push(`    ${describeStatementState(s)}`);
  }
  return lines.length > 0 ? ["State:", ...lines, ""] : [];
}

function tree(
  root: ReportTable,
  next: (t: ReportTable) => readonly string[],
  byName: ReadonlyMap<string, ReportTable>,
): string[] {
  const lines = [describeTable(root)];
  const seen = new Set([root.name]);
  const visit = (node: ReportTable, prefix: string) => {
    const items = next(node).flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []));
    items.forEach((child, i) => {
      const last = i === items.length - 1;
      const again = seen.has(child.name);
      seen.add(child.name);
      lines.push(`${prefix}${last ? "└── " : "├── "}${again ? `${child.name} ↺` : describeTable(child)}`);
      if (!again) visit(child, `${prefix}${last ? "    " : "│   "}`);
    });
  };
  visit(root, "");
  return lines;
}

export function renderReportJson(report: ProjectReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderReportYaml(report: ProjectReport): string {
  return stringify(report, { lineWidth: 0 });
}
