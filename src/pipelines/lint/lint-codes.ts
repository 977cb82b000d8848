/** The naming and best-practice rules `headwater lint` checks; a finding's code is `lint/<rule>`. */
export const LINT_RULES = [
  "directory",
  "file-name",
  "table-name",
  "create-table",
  "schema-context",
  "changelog-mode",
  "cleanup-policy",
  "pipeline-definition",
  "plan",
  "flink-unsupported",
] as const;

export type LintRule = (typeof LINT_RULES)[number];

export function lintCode(rule: LintRule): string {
  return `lint/${rule}`;
}

/**
 * `lint.allow` entries are `<rule>:<table>`: a deliberate exception for one table, such as a view
 * whose name is a published contract. Returns why an entry is malformed, or undefined.
 */
export function parseAllowEntry(entry: string): { rule: LintRule; table: string } | string {
  const [rule, table, ...rest] = entry.split(":");
  if (table === undefined || rest.length > 0 || table === "") return "must be <rule>:<table>";
  if (!(LINT_RULES as readonly string[]).includes(rule!))
    return `unknown rule '${rule}' (one of ${LINT_RULES.join(", ")})`;
  return { rule: rule as LintRule, table };
}
