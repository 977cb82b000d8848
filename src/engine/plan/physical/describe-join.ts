import { conjuncts } from "../conjuncts.ts";
import type { Fields } from "../layout.ts";
import { uniqueNames } from "../unique-names.ts";
import { formatExpr } from "./format-expr.ts";
import { FLINK_JOIN_TYPE, type JoinExecNode } from "./join-nodes.ts";

/** A join's EXPLAIN attributes, spelled as Flink's StreamPhysical*Join nodes print them. */
export function joinAttributes(node: JoinExecNode): string[] {
  const names = (fields: Fields): string => uniqueNames(fields.map((f) => f.name)).join(", ");
  if (node.kind === "Correlate") {
    const input = node.input.fields;
    const invocation = correlateInvocation(node, input);
    return [
      `invocation=[${invocation}]`,
      `correlate=[table(${invocation})]`,
      `select=[${uniqueNames(node.fields.map((f) => f.name)).join(",")}]`,
      `joinType=[${node.joinType}]`,
      ...(node.condition ? [`condition=[${formatExpr(node.condition, node.fields)}]`] : []),
    ];
  }
  if (node.kind === "LookupJoin") {
    const input = node.input.fields;
    const lookup = node.lookupKeys.map(
      (k) => `${node.table.columns[k.column]!.name}=${input[k.input]!.name}`,
    );
    const calcCondition = node.calc?.condition;
    return [
      `table=[${node.table.path.join(".")}]`,
      `joinType=[${FLINK_JOIN_TYPE[node.joinType]}]`,
      "async=[false]",
      `lookup=[${lookup.join(", ")}]`,
      ...(calcCondition ? [`where=[${formatExpr(calcCondition, node.tableFields)}]`] : []),
      ...(node.nonEqui
        ? [`joinCondition=[${formatExpr(node.nonEqui, [...input, ...node.rightFields])}]`]
        : []),
      `select=[${names(node.fields)}]`,
    ];
  }
  const inputFields = joinInputNames(node);
  const where = (): string => {
    const parts = conjuncts(node.condition).map((c) => formatExpr(c, inputFields));
    if (node.kind === "TemporalJoin") parts.push(temporalCondition(node, inputFields));
    if (parts.length === 0) return "true";
    return parts.length === 1 ? parts[0]! : `AND(${parts.join(", ")})`;
  };
  const head = [`joinType=[${FLINK_JOIN_TYPE[node.joinType]}]`];
  const tail = [`where=[${where()}]`, `select=[${names(node.fields)}]`];
  switch (node.kind) {
    case "Join":
      return [
        ...head,
        ...tail,
        `leftInputSpec=[${node.leftSpec.kind}]`,
        `rightInputSpec=[${node.rightSpec.kind}]`,
      ];
    case "IntervalJoin":
      return [
        ...head,
        `windowBounds=[isRowTime=${node.isRowTime}, leftLowerBound=${node.leftLowerBound}, leftUpperBound=${node.leftUpperBound}, leftTimeIndex=${node.leftTimeIndex}, rightTimeIndex=${node.rightTimeIndex}]`,
        ...tail,
      ];
    case "TemporalJoin":
      return [...head, ...tail];
    default:
      return node satisfies never;
  }
}

/**
 * The fields a two-input join's condition reads, named as in the join's output (Calcite's unique
 * names), so `=(id, id0)` reads like Flink's.
 */
function joinInputNames(node: Exclude<JoinExecNode, { kind: "LookupJoin" | "Correlate" }>): Fields {
  const all = [...node.left.fields, ...node.right.fields];
  const names = uniqueNames((node.fields.length === all.length ? node.fields : all).map((f) => f.name));
  return all.map((f, i) => ({ ...f, name: names[i]! }));
}

/** Flink's marker of an event-time temporal join in its condition. */
function temporalCondition(node: Extract<JoinExecNode, { kind: "TemporalJoin" }>, fields: Fields): string {
  const width = node.left.fields.length;
  const name = (i: number): string => fields[i]!.name;
  const list = (keys: readonly number[], offset: number): string =>
    keys.map((k) => name(k + offset)).join(", ");
  return `__TEMPORAL_JOIN_CONDITION(${name(node.leftTimeIndex)}, ${name(node.rightTimeIndex + width)}, __TEMPORAL_JOIN_CONDITION_PRIMARY_KEY(${list(node.primaryKey, width)}), __TEMPORAL_JOIN_LEFT_KEY(${list(node.keys.left, 0)}), __TEMPORAL_JOIN_RIGHT_KEY(${list(node.keys.right, width)}))`;
}

/** `$UNNEST_ROWS$1($cor0.tags)` or `split($cor0.line, ' ')`: the input's columns as `$cor0` fields. */
function correlateInvocation(node: Extract<JoinExecNode, { kind: "Correlate" }>, input: Fields): string {
  const args = node.args.map((a) =>
    a.kind === "column" ? `$cor0.${formatExpr(a, input)}` : formatExpr(a, input),
  );
  const name = node.function.kind === "unnest" ? "$UNNEST_ROWS$1" : node.function.name;
  return `${name}(${args.join(", ")})`;
}
