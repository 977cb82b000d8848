import { isSemiOrAnti, leftIsOuter, rightIsOuter } from "../../../plan/logical/join.ts";
import type { ChangelogMode } from "../../../plan/physical/changelog-mode.ts";
import type { PhysicalPlan } from "../../../plan/physical/infer-changelog-mode.ts";
import type { JoinExecNode, JoinInputSpec, JoinNode } from "../../../plan/physical/join-nodes.ts";
import type { RuntimeEnv } from "../../build-pipeline.ts";
import { compilePredicate } from "../../expr/index.ts";
import { fieldEnv } from "../../field-env.ts";
import type { Collector, Operator } from "../../operator.ts";
import type { RecordIdentity } from "./join-side-state.ts";
import { SemiAntiJoinOperator } from "./semi-anti-join.ts";
import { StreamingJoinOperator } from "./streaming-join.ts";

/** The operator of a join exec node; its inputs are wired by the caller in `execInputs` order. */
export function createJoinOperator(
  p: PhysicalPlan,
  description: string,
  env: RuntimeEnv,
  out: Collector,
): Operator {
  const node = p.node as JoinExecNode;
  switch (node.kind) {
    case "Join":
      return regularJoin(node, p, description, env, out);
    default:
      throw new Error(`internal error: no operator for ${node.kind} yet`);
  }
}

function regularJoin(
  node: JoinNode,
  p: PhysicalPlan,
  description: string,
  env: RuntimeEnv,
  out: Collector,
): Operator {
  const [leftMode, rightMode] = [p.inputs[0]!.mode!, p.inputs[1]!.mode!];
  const condition = node.nonEqui
    ? compilePredicate(node.nonEqui, fieldEnv([...node.left.fields, ...node.right.fields]))
    : undefined;
  const side = (positions: readonly number[], spec: JoinInputSpec, mode: ChangelogMode, width: number) => ({
    key: { positions, filterNulls: node.keys.filterNulls },
    identity: identityOf(spec, mode),
    width,
  });
  const left = side(node.keys.left, node.leftSpec, leftMode, node.left.fields.length);
  const right = side(node.keys.right, node.rightSpec, rightMode, node.right.fields.length);
  const withCondition = condition ? { condition } : {};
  if (isSemiOrAnti(node.joinType))
    return new SemiAntiJoinOperator(
      { description, anti: node.joinType === "ANTI", left, right, ...withCondition },
      env.ctx,
      out,
    );
  return new StreamingJoinOperator(
    {
      description,
      left: { ...left, outer: leftIsOuter(node.joinType) },
      right: { ...right, outer: rightIsOuter(node.joinType) },
      ...withCondition,
    },
    env.ctx,
    out,
  );
}

/** How a side's state tells rows apart: by the planner's input spec, or by arrival for an append input. */
function identityOf(spec: JoinInputSpec, mode: ChangelogMode): RecordIdentity {
  switch (spec.kind) {
    case "JoinKeyContainsUniqueKey":
      return { kind: "byJoinKey" };
    case "HasUniqueKey":
      return { kind: "byUniqueKey", positions: spec.uniqueKey };
    case "NoUniqueKey":
      return mode.updateAfter || mode.updateBefore || mode.delete
        ? { kind: "counted" }
        : { kind: "appended" };
  }
}
