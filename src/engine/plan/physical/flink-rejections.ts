import type { PhysicalPlan } from "./infer-changelog-mode.ts";

/**
 * What Headwater runs but Apache Flink 1.20 refuses to, with Flink's own message, so a pipeline
 * developed on the engine is warned before it is deployed to Flink. Today: regular Top-N with RANK or
 * DENSE_RANK, a Headwater extension — Flink's StreamExecRank accepts ROW_NUMBER only.
 *
 * SELECT * FROM (SELECT *, RANK() OVER (PARTITION BY k ORDER BY v DESC) AS r FROM t) WHERE r <= 3
 *   → ["RANK() on streaming table is not supported currently"]
 */
export function flinkRejections(plan: PhysicalPlan): string[] {
  const found: string[] = [];
  const visit = (p: PhysicalPlan): void => {
    const node = p.node;
    if (node.kind === "Rank" && node.rankType !== "ROW_NUMBER") {
      const message = `${node.rankType}() on streaming table is not supported currently`;
      if (!found.includes(message)) found.push(message);
    }
    for (const input of p.inputs) visit(input);
  };
  visit(plan);
  return found;
}
