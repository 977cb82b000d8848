import type { PhysicalPlan } from "../../plan/physical/infer-changelog-mode.ts";
import { planLayout } from "./plan-layout.ts";

/**
 * Whether a statement's saved state can resume a changed statement:
 * - `identical`: the same plans; everything restores.
 * - `compatible`: every piece of state finds the same operator fed by the same computation, and no
 *   new operator needs state it would not have — e.g. a changed projection or filter after the last
 *   stateful operator, a renamed output column, a new stateless step downstream. `changes` lists what
 *   differs.
 * - `incompatible`: some state would be lost or meaningless, or a new stateful operator would start
 *   empty while its inputs resume mid-stream — e.g. a changed GROUP BY or aggregate, a changed filter
 *   before an aggregate, a new source, a changed type. The statement needs a fresh start: in place
 *   (reprocessing its input into a new table version), or blue/green.
 */
export type StateCompatibility =
  | { readonly kind: "identical" }
  | { readonly kind: "compatible"; readonly changes: readonly string[] }
  | { readonly kind: "incompatible"; readonly reasons: readonly string[] };

/** A node of a job's plan, as far as state goes. */
export interface StateNode {
  readonly id: string;
  readonly description: string;
  /** Keeps state: a source reader always (its position), an operator when it has state to restore. */
  readonly stateful: boolean;
}

/** A job's plan for the comparison: its fingerprint, sources and operators in layout order. */
export interface JobShape {
  readonly fingerprint: string;
  readonly sources: readonly StateNode[];
  readonly operators: readonly StateNode[];
}

/** For each new source and operator, the position of the old one whose state it takes (or -1). */
export interface JobMatch {
  readonly sources: readonly number[];
  readonly operators: readonly number[];
}

export interface StatementComparison {
  readonly verdict: StateCompatibility;
  /** Per new job: the old job it resumes (or -1) and its parts' matches. */
  readonly jobs: readonly { readonly from: number; readonly match: JobMatch }[];
}

/** The shape of a plan whose statefulness is judged by `stateful` (a planner's classification). */
export function planShape(plan: PhysicalPlan, stateful: (node: PhysicalPlan) => boolean): JobShape {
  const layout = planLayout(plan);
  const byPosition: PhysicalPlan[] = [];
  const visit = (p: PhysicalPlan): void => {
    if (p.inputs.length > 0) byPosition.push(p);
    for (const input of p.inputs) visit(input);
  };
  visit(plan);
  return {
    fingerprint: layout.fingerprint,
    sources: layout.sources.map((s) => ({ ...s, stateful: true })),
    operators: layout.operators.map((o, i) => ({ ...o, stateful: stateful(byPosition[i]!) })),
  };
}

/**
 * Compares a statement's saved jobs with its new ones. Jobs pair up by their sink (the root's
 * description: a statement set writes each table once), then parts by id.
 */
export function compareStatements(old: readonly JobShape[], next: readonly JobShape[]): StatementComparison {
  const reasons: string[] = [];
  const changes: string[] = [];
  const used = new Set<number>();
  const jobs = next.map((job) => {
    const root = job.operators[0]?.description ?? job.sources[0]?.description;
    const from = old.findIndex(
      (o, i) => !used.has(i) && (o.operators[0]?.description ?? o.sources[0]?.description) === root,
    );
    if (from < 0) {
      reasons.push(`${root} is new: it would start from its sources' startup positions`);
      return { from, match: { sources: [], operators: [] } };
    }
    used.add(from);
    return { from, match: compareJobs(old[from]!, job, reasons, changes) };
  });
  old.forEach((o, i) => {
    if (!used.has(i))
      reasons.push(`${o.operators[0]?.description ?? "a job"} is gone: its state would be dropped`);
  });
  const identical =
    old.length === next.length &&
    jobs.every(({ from }, i) => old[from]?.fingerprint === next[i]!.fingerprint);
  const verdict: StateCompatibility =
    reasons.length > 0
      ? { kind: "incompatible", reasons }
      : identical
        ? { kind: "identical" }
        : { kind: "compatible", changes };
  return { verdict, jobs };
}

function compareJobs(old: JobShape, next: JobShape, reasons: string[], changes: string[]): JobMatch {
  if (old.fingerprint === next.fingerprint)
    return { sources: next.sources.map((_, i) => i), operators: next.operators.map((_, i) => i) };
  const sources = matchById(old.sources, next.sources);
  const operators = matchById(old.operators, next.operators);
  next.sources.forEach((s, i) => {
    if (sources[i]! < 0)
      reasons.push(`${s.description} is a new or changed source: it would read from its startup position`);
  });
  old.sources.forEach((s, i) => {
    if (!sources.includes(i))
      reasons.push(`${s.description} is no longer read: its position would be dropped`);
  });
  old.operators.forEach((o, i) => {
    if (o.stateful && !operators.includes(i))
      reasons.push(
        `the state of ${o.description} has no operator to go to: it, or something upstream of it, changed`,
      );
  });
  next.operators.forEach((o, i) => {
    if (operators[i]! >= 0) return;
    if (o.stateful)
      reasons.push(`${o.description} keeps state and would start empty while its inputs resume`);
    else changes.push(`${o.description} (keeps no state)`);
  });
  return { sources, operators };
}

/** For each new node, the first unused old node with the same id, or -1. */
function matchById(old: readonly StateNode[], next: readonly StateNode[]): number[] {
  const free = new Map<string, number[]>();
  old.forEach((node, i) => {
    if (node.id === "") return;
    const list = free.get(node.id) ?? [];
    list.push(i);
    free.set(node.id, list);
  });
  return next.map((node) => free.get(node.id)?.shift() ?? -1);
}

/** The verdict as one paragraph for people and reports. */
export function describeCompatibility(verdict: StateCompatibility): string {
  switch (verdict.kind) {
    case "identical":
      return "the plan is unchanged: all state is kept";
    case "compatible":
      return `state is kept; what changed keeps no state: ${verdict.changes.join("; ") || "descriptions only"}`;
    case "incompatible":
      return `state cannot be kept: ${verdict.reasons.join("; ")}`;
    default:
      return verdict satisfies never;
  }
}
