import { formatChangelogMode } from "./changelog-mode.ts";
import { describeNode } from "./describe-node.ts";
import type { PhysicalPlan } from "./infer-changelog-mode.ts";

/**
 * The physical plan as Flink's `EXPLAIN CHANGELOG_MODE` prints it, one node per line, children
 * indented under `+- `, with the upsert keys the planner derived:
 *
 *   GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS c], changelogMode=[I,UB,UA], upsertKeys=[[0]])
 *   +- Values(tuples=[[{ 1, 2 }, { 1, 3 }]], values=[a, b], changelogMode=[I])
 */
export function explainPlan(plan: PhysicalPlan, linesAbove?: (p: PhysicalPlan) => readonly string[]): string {
  const lines: string[] = [];
  const visit = (p: PhysicalPlan, prefix: string, childPrefix: string): void => {
    // Nodes between a node and its consumer that only EXPLAIN shows (a parallel plan's exchange, a
    // mini-batch assigner), each on its own line as Flink prints them.
    for (const line of linesAbove?.(p) ?? []) {
      lines.push(`${prefix}${line.slice(0, -1)}, changelogMode=${formatChangelogMode(p.mode)})`);
      prefix = `${childPrefix}+- `;
      childPrefix = `${childPrefix}   `;
    }
    const text = describeNode(p.node);
    const keys =
      p.upsertKeys.length > 0 && p.node.kind !== "Sink"
        ? `, upsertKeys=[${p.upsertKeys.map((k) => `[${k.join(", ")}]`).join(", ")}]`
        : "";
    lines.push(`${prefix}${text.slice(0, -1)}, changelogMode=${formatChangelogMode(p.mode)}${keys})`);
    p.inputs.forEach((input, i) => {
      const last = i === p.inputs.length - 1;
      visit(input, `${childPrefix}${last ? "+- " : ":- "}`, `${childPrefix}${last ? "   " : ":  "}`);
    });
  };
  visit(plan, "", "");
  return lines.join("\n");
}
