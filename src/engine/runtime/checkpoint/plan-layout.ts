import { createHash } from "node:crypto";
import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import { formatDataType } from "../../../sql/types/format-type.ts";
import { formatChangelogMode } from "../../plan/physical/changelog-mode.ts";
import { describeNode } from "../../plan/physical/describe-node.ts";
import type { PhysicalPlan } from "../../plan/physical/infer-changelog-mode.ts";

/** One exec node of a statement's plan, as checkpoints identify it. */
export interface LayoutNode {
  /**
   * Hash of the node (its EXPLAIN description without output names, output types, changelog mode; a source's table
   * options; a sink's table schema) and of everything upstream of it. Equal ids mean the same
   * operator fed by the same computation: its state means the same thing in both plans.
   */
  readonly id: string;
  readonly description: string;
}

/**
 * A job's plan as `buildPipeline` lays it out: leaves become source readers and every other node an
 * operator, both in pre-order (a node before its inputs). Checkpoints store state in this order.
 */
export interface PlanLayout {
  /** The root's id: equal fingerprints restore state position by position. */
  readonly fingerprint: string;
  readonly sources: readonly LayoutNode[];
  readonly operators: readonly LayoutNode[];
}

export function planLayout(plan: PhysicalPlan): PlanLayout {
  const sources: LayoutNode[] = [];
  const operators: LayoutNode[] = [];
  const ids = new Map<PhysicalPlan, string>();
  const idOf = (p: PhysicalPlan): string => {
    let id = ids.get(p);
    if (id === undefined) {
      id = hash([ownText(p), ...p.inputs.map(idOf)].join("\u0001"));
      ids.set(p, id);
    }
    return id;
  };
  const visit = (p: PhysicalPlan): void => {
    const node = { id: idOf(p), description: describeNode(p.node) };
    (p.inputs.length === 0 ? sources : operators).push(node);
    for (const input of p.inputs) visit(input);
  };
  visit(plan);
  return { fingerprint: idOf(plan), sources, operators };
}

/** What identifies a node by itself, inputs aside. */
function ownText(p: PhysicalPlan): string {
  const node = p.node;
  const parts = [
    // Output names (`SUM(v) AS total`, or the planner's `EXPR$1`) do not change what state means.
    describeNode(node).replace(/ AS (?:`[^`]*`|[\w$]+)(?=[,\]])/g, ""),
    node.fields.map((f) => formatDataType(f.type)).join(","),
    formatChangelogMode(p.mode),
  ];
  const table = (node as { readonly table?: TableSchema }).table;
  if (table !== undefined) {
    // A source's options say what its positions are offsets of (topic, format, startup mode); a
    // sink's schema and key say what a materializer's rows are.
    if (p.inputs.length === 0) parts.push(JSON.stringify(Object.entries(table.options).sort()));
    else parts.push(tableShape(table));
  }
  return parts.join("\u0002");
}

function tableShape(table: TableSchema): string {
  const columns = table.columns.map((c) => `${c.name} ${formatDataType(c.type)}`).join(",");
  return `${table.path.join(".")}(${columns}) key(${(table.primaryKey ?? []).join(",")})`;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/** Hash of several jobs' fingerprints: a statement's plan fingerprint. */
export function combineFingerprints(fingerprints: readonly string[]): string {
  return hash(fingerprints.join("\u0001"));
}
