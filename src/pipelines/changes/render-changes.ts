import { table } from "../plan/render-plan.ts";
import type { ChangeReport } from "./propose-changes.ts";

/** The changed files, then one line per changed or impacted table with the proposed action and why. */
export function renderChanges(report: ChangeReport): string {
  const lines = [
    `Changes since ${report.base.slice(0, 12)} (${report.baseFrom}): ${report.files.length} SQL file(s)`,
  ];
  for (const f of report.files) {
    const notes = [f.table ?? "no table", ...(f.formattingOnly ? ["formatting only"] : [])];
    const path = f.previousPath ? `${f.previousPath} → ${f.path}` : f.path;
    lines.push(`  ${f.status.padEnd(8)}  ${path}  (${notes.join(", ")})`);
  }
  if (report.tables.length === 0) return `${lines.join("\n")}\nno table changed\n`;
  lines.push(
    "",
    ...table(
      ["#", "table", "change", "state", "action", "new name", "reason"],
      report.tables.map((t, i) => [
        String(i + 1),
        t.table,
        t.change,
        t.form ?? "",
        t.action,
        t.newName ?? "",
        t.reason,
      ]),
    ),
  );
  const count = (action: string) => report.tables.filter((t) => t.action === action).length;
  lines.push(
    `${report.tables.length} table(s): ${count("blue-green")} blue/green, ${count("restart")} to restart in place, ${count("deploy")} new, ${count("undeploy")} removed, ${count("keep-running") + count("none")} unchanged`,
  );
  return `${lines.join("\n")}\n`;
}
