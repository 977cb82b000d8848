import { configList } from "../config/load-config.ts";
import { type Finding, sortFindings } from "../project/findings.ts";
import type { Project } from "../project/model.ts";
import { lintCode, parseAllowEntry } from "./lint-codes.ts";
import { lintTable } from "./lint-rules.ts";

export interface LintResult {
  readonly findings: readonly Finding[];
  /** Rule findings the project's `lint.allow` accepts: not problems, but still counted so none hide. */
  readonly allowed: readonly Finding[];
}

/**
 * Lint findings of the project: its load errors (syntax, binding, undeclared tables, cycles) plus the
 * naming rules for the tables of `project.products` (all products when the list is empty), minus the
 * exceptions `lint.allow` records.
 */
export function lintProject(project: Project): LintResult {
  const products = configList(project.config, "project.products");
  const allow = new Set(
    configList(project.config, "lint.allow").flatMap((entry) => {
      const parsed = parseAllowEntry(entry);
      return typeof parsed === "string" ? [] : [`${lintCode(parsed.rule)}:${parsed.table}`];
    }),
  );
  const findings = [...project.findings];
  const allowed: Finding[] = [];
  for (const name of project.order) {
    const table = project.tables.get(name)!;
    if (products.length > 0 && !products.includes(table.product)) continue;
    for (const finding of lintTable(project, table))
      (allow.has(`${finding.code}:${name}`) ? allowed : findings).push(finding);
  }
  return { findings: sortFindings(findings), allowed: sortFindings(allowed) };
}
