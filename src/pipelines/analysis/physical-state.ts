import {
  flinkRejections,
  inferChangelogModes,
  needsUpsertMaterializer,
  optimize,
  type PhysicalPlan,
  PlanError,
  planPhysical,
  planStatement,
} from "../../engine/index.ts";
import type { BoundStatement } from "../../sql/binder/index.ts";
import type { Catalog } from "../../sql/catalog/catalog.ts";
import { isEngineGap } from "./engine-gap.ts";
import { stateKeptBy } from "./operator-state.ts";
import type { StateFinding } from "./statefulness.ts";

/** What the engine's planner says about one statement, or why it could not plan it. */
export type PlannedState =
  | {
      readonly kind: "planned";
      /** One finding per stateful operator, in plan order (sink first). */
      readonly findings: readonly StateFinding[];
      /** Column sets of the written table that identify one live row each; empty: none known. */
      readonly upsertKeys: readonly (readonly string[])[];
      /** Whether the statement emits updates or deletes (not insert-only). */
      readonly updating: boolean;
      /** What Apache Flink 1.20 would refuse in the plan, in its words (Headwater runs it). */
      readonly flinkRejections: readonly string[];
    }
  | {
      readonly kind: "unplanned";
      readonly why: string;
      /** The planner refused the statement itself (as Flink would), not for a gap of the engine. */
      readonly rejected: boolean;
    };

/**
 * Plans a bound INSERT (or the query of a CTAS) with the engine — logical plan, exec nodes, Flink's
 * changelog-mode inference — and lists the operators that keep state. A sink whose primary key does
 * not cover its input's upsert key keeps every live row per key (Flink's SinkUpsertMaterializer; the
 * engine's table sink runs it in its `materialize` mode), so it is listed too.
 */
export function plannedState(statement: BoundStatement, catalog: Catalog): PlannedState {
  let roots: PhysicalPlan[];
  try {
    const planned = planStatement(statement, catalog);
    const logical =
      planned.kind === "insert" ? planned.sinks : planned.kind === "query" ? [planned.plan] : [];
    // The engine's rewrites first: a ROW_NUMBER filter only becomes a Rank or Deduplicate there.
    roots = logical.map((plan) => inferChangelogModes(planPhysical(optimize(plan))));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { kind: "unplanned", why, rejected: error instanceof PlanError && !isEngineGap(why) };
  }
  if (roots.length === 0) return { kind: "unplanned", why: "the statement writes no table", rejected: false };
  const findings: StateFinding[] = [];
  const add = (reason: string) => {
    if (!findings.some((f) => f.reason === reason)) findings.push({ stateful: true, reason });
  };
  let updating = false;
  const upsertKeys: string[][] = [];
  const rejections: string[] = [];
  for (const root of roots) {
    for (const message of flinkRejections(root)) if (!rejections.includes(message)) rejections.push(message);
    const output = root.node.kind === "Sink" ? root.inputs[0]! : root;
    updating ||= output.mode !== undefined && (output.mode.updateAfter || output.mode.delete);
    upsertKeys.push(...writtenKeys(root, output));
    if (needsUpsertMaterializer(root)) add(describe("SinkUpsertMaterializer", sinkKeyDetail(root)));
    visit(root, (p) => {
      if (stateKeptBy(p.node.kind) !== null) add(describe(p.node.kind, detailOf(p)));
    });
  }
  return { kind: "planned", findings, upsertKeys, updating, flinkRejections: rejections };
}

function visit(plan: PhysicalPlan, f: (p: PhysicalPlan) => void): void {
  f(plan);
  for (const input of plan.inputs) visit(input, f);
}

function describe(kind: string, detail: string): string {
  return `${kind}${detail} keeps ${stateKeptBy(kind)}`;
}

function detailOf(plan: PhysicalPlan): string {
  const node = plan.node;
  if (node.kind === "GroupAggregate" && node.grouping.length > 0)
    return `(groupBy=[${node.grouping.map((k) => node.input.fields[k]!.name).join(", ")}])`;
  return "";
}

function sinkKeyDetail(root: PhysicalPlan): string {
  if (root.node.kind !== "Sink") return "";
  const table = root.node.table;
  return `(pk=[${(table.primaryKey ?? []).join(", ")}])`;
}

/** The output's upsert keys as column names of the written table (or of the query's result). */
function writtenKeys(root: PhysicalPlan, output: PhysicalPlan): string[][] {
  const node = root.node;
  const nameOf =
    node.kind === "Sink"
      ? (i: number) => node.table.columns[node.targetColumns[i]!]!.name
      : (i: number) => output.node.fields[i]!.name;
  return output.upsertKeys.map((key) => key.map(nameOf));
}
