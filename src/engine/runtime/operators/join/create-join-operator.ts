import { isSemiOrAnti, leftIsOuter, rightIsOuter } from "../../../plan/logical/join.ts";
import type { ChangelogMode } from "../../../plan/physical/changelog-mode.ts";
import type { PhysicalPlan } from "../../../plan/physical/infer-changelog-mode.ts";
import type {
  IntervalJoinNode,
  JoinExecNode,
  JoinInputSpec,
  JoinNode,
  LookupJoinNode,
  TemporalJoinNode,
} from "../../../plan/physical/join-nodes.ts";
import { writableColumns } from "../../../plan/plan-statement.ts";
import type { RuntimeEnv } from "../../build-pipeline.ts";
import {
  type CompiledPredicate,
  compileExpr,
  compilePredicate,
  compileProjection,
} from "../../expr/index.ts";
import { fieldEnv } from "../../field-env.ts";
import { lookupSourceOf } from "../../io/table-io.ts";
import type { Collector, Operator } from "../../operator.ts";
import { ScanRowBuilder } from "../../sources/scan-row.ts";
import { CorrelateOperator } from "./correlate.ts";
import { IntervalJoinOperator } from "./interval-join.ts";
import type { RecordIdentity } from "./join-side-state.ts";
import { LookupJoinOperator } from "./lookup-join.ts";
import { SemiAntiJoinOperator } from "./semi-anti-join.ts";
import { StreamingJoinOperator } from "./streaming-join.ts";
import { tableFunctionCorrelate } from "./table-function-correlate.ts";
import { TemporalJoinOperator } from "./temporal-join.ts";
import { unnestRows } from "./unnest.ts";

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
    case "IntervalJoin":
      return intervalJoin(node, description, env, out);
    case "TemporalJoin":
      return temporalJoin(node, description, env, out);
    case "LookupJoin":
      return lookupJoin(node, description, env, out);
    case "Correlate":
      if (node.function.kind === "user")
        return tableFunctionCorrelate(node, node.function, description, env, out);
      return new CorrelateOperator(
        {
          description,
          outer: node.joinType === "LEFT",
          width: node.fields.length - node.input.fields.length,
          expand: unnestRows(
            compileExpr(node.args[0]!, fieldEnv(node.input.fields)),
            node.args[0]!.type,
            node.fields.length - node.input.fields.length,
          ),
          ...(node.condition ? { condition: compilePredicate(node.condition, fieldEnv(node.fields)) } : {}),
        },
        env.ctx,
        out,
      );
    default:
      return node satisfies never;
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
  const condition = nonEquiCondition(node);
  const side = (positions: readonly number[], spec: JoinInputSpec, mode: ChangelogMode, width: number) => ({
    key: { positions, filterNulls: node.keys.filterNulls },
    identity: identityOf(spec, mode),
    width,
  });
  const left = side(node.keys.left, node.leftSpec, leftMode, node.left.fields.length);
  const right = side(node.keys.right, node.rightSpec, rightMode, node.right.fields.length);
  const withCondition = {
    ...(condition ? { condition } : {}),
    ...(env.stateTtl ? { stateTtl: env.stateTtl } : {}),
    ...(env.spill ? { spill: env.spill } : {}),
  };
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

function intervalJoin(
  node: IntervalJoinNode,
  description: string,
  env: RuntimeEnv,
  out: Collector,
): Operator {
  const condition = nonEquiCondition(node);
  return new IntervalJoinOperator(
    {
      description,
      leftKey: { positions: node.keys.left, filterNulls: node.keys.filterNulls },
      rightKey: { positions: node.keys.right, filterNulls: node.keys.filterNulls },
      leftOuter: leftIsOuter(node.joinType),
      rightOuter: rightIsOuter(node.joinType),
      leftWidth: node.left.fields.length,
      rightWidth: node.right.fields.length,
      leftLowerBound: node.leftLowerBound,
      leftUpperBound: node.leftUpperBound,
      rowTime: node.isRowTime,
      leftTimeIndex: node.leftTimeIndex,
      rightTimeIndex: node.rightTimeIndex,
      ...(condition ? { condition } : {}),
      ...(env.spill ? { spill: env.spill } : {}),
    },
    env.ctx,
    out,
  );
}

function temporalJoin(
  node: TemporalJoinNode,
  description: string,
  env: RuntimeEnv,
  out: Collector,
): Operator {
  const condition = nonEquiCondition(node);
  return new TemporalJoinOperator(
    {
      description,
      leftKey: { positions: node.keys.left, filterNulls: node.keys.filterNulls },
      rightKey: { positions: node.keys.right, filterNulls: node.keys.filterNulls },
      leftOuter: node.joinType === "LEFT",
      leftWidth: node.left.fields.length,
      rightWidth: node.right.fields.length,
      leftTimeIndex: node.leftTimeIndex,
      rightTimeIndex: node.rightTimeIndex,
      ...(condition ? { condition } : {}),
      ...(env.spill ? { spill: env.spill } : {}),
    },
    env.ctx,
    out,
  );
}

function lookupJoin(node: LookupJoinNode, description: string, env: RuntimeEnv, out: Collector): Operator {
  const stored = writableColumns(node.table);
  const table = lookupSourceOf(node.table, stored, env);
  const tableEnv = fieldEnv(node.tableFields);
  const calc = node.calc
    ? {
        projection: compileProjection(node.calc.projections, tableEnv),
        ...(node.calc.condition ? { predicate: compilePredicate(node.calc.condition, tableEnv) } : {}),
      }
    : undefined;
  const condition = node.nonEqui
    ? compilePredicate(node.nonEqui, fieldEnv([...node.input.fields, ...node.rightFields]))
    : undefined;
  return new LookupJoinOperator(
    {
      description,
      leftOuter: node.joinType === "LEFT",
      columns: node.lookupKeys.map((k) => stored.indexOf(k.column)),
      inputs: node.lookupKeys.map((k) => k.input),
      rows: new ScanRowBuilder(node.table, node.expressions, node.tableFields, env.ctx, stored, [
        "timestamp",
      ]),
      ...(calc ? { calc } : {}),
      rightWidth: node.rightFields.length,
      ...(condition ? { condition } : {}),
    },
    table,
    env.ctx,
    out,
  );
}

/** The condition besides the keys, compiled over the joined row. */
function nonEquiCondition(
  node: JoinNode | IntervalJoinNode | TemporalJoinNode,
): CompiledPredicate | undefined {
  return node.nonEqui
    ? compilePredicate(node.nonEqui, fieldEnv([...node.left.fields, ...node.right.fields]))
    : undefined;
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
