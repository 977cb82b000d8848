import { configList } from "../config/load-config.ts";
import { type Finding, sortFindings } from "../project/findings.ts";
import type { Project } from "../project/model.ts";
import { lintTable } from "./lint-rules.ts";

/**
 * Lint findings of the project: its load errors (syntax, binding, undeclared tables, cycles) plus the
 * naming rules for the tables of `project.products` (all products when the list is empty).
 */
export function lintProject(project: Project): Finding[] {
  const products = configList(project.config, "project.products");
  const findings = [...project.findings];
  for (const name of project.order) {
    const table = project.tables.get(name)!;
    if (products.length > 0 && !products.includes(table.product)) continue;
    findings.push(...lintTable(project, table));
  }
  return sortFindings(findings);
}
