import type { Row, SqlValue } from "../../../../common/value.ts";
import type { CorrelateFunction } from "../../../plan/logical/correlate.ts";
import type { CorrelateNode } from "../../../plan/physical/join-nodes.ts";
import type { RuntimeEnv } from "../../build-pipeline.ts";
import { type CompiledExpr, compileExpr, compilePredicate } from "../../expr/index.ts";
import { fieldEnv } from "../../field-env.ts";
import type { Collector, Operator } from "../../operator.ts";
import { udfFailure, udfValueCheck } from "../../udf/check-udf-value.ts";
import type { TableFunctionDefinition } from "../../udf/udf-definition.ts";
import { implementationOf } from "../../udf/udf-signature.ts";
import { unrunnableFunction } from "../../udf/unrunnable-function.ts";
import { type CorrelateExpansion, CorrelateOperator } from "./correlate.ts";

export function tableFunctionCorrelate(
  node: CorrelateNode,
  fn: Extract<CorrelateFunction, { kind: "user" }>,
  description: string,
  env: RuntimeEnv,
  out: Collector,
): Operator {
  const definition = implementationOf(fn.userFunction);
  if (definition?.kind !== "table") throw unrunnableFunction(fn.name, fn.userFunction);
  const result = fn.userFunction.signature!.result;
  const input = fieldEnv(node.input.fields);
  const width = result.kind === "ROW" ? result.fields.length : 1;
  return new CorrelateOperator(
    {
      description,
      outer: node.joinType === "LEFT",
      width,
      expand: tableFunctionRows(
        fn.name,
        definition,
        node.args.map((a) => compileExpr(a, input)),
        udfValueCheck(fn.name, result),
        result.kind === "ROW" ? width : undefined,
      ),
      ...(node.condition ? { condition: compilePredicate(node.condition, fieldEnv(node.fields)) } : {}),
    },
    env.ctx,
    out,
  );
}

/**
 * A user-defined table function's expansion (Flink's Correlate over a TableFunction): the function runs
 * once per input row; its rows are collected before any is joined, so its failures are its own.
 *
 * Correlate(invocation=[split($cor0.line, ' ')]): +I[1, 'a b'] → +I[1, 'a b', 'a', 1], +I[1, 'a b', 'b', 1]
 */
function tableFunctionRows(
  name: string,
  definition: TableFunctionDefinition,
  args: readonly CompiledExpr[],
  check: (value: SqlValue) => SqlValue,
  /** The declared ROW result's fields, or undefined for one column of another type. */
  rowWidth: number | undefined,
): CorrelateExpansion {
  const nulls: Row = new Array<SqlValue>(rowWidth ?? 1).fill(null);
  return (row, ctx) => {
    const values = args.map((a) => a(row, ctx));
    const rows: Row[] = [];
    try {
      for (const value of definition.eval(...values)) {
        const checked = check(value);
        if (rowWidth === undefined) rows.push([checked]);
        else rows.push(checked === null ? nulls : (checked as SqlValue[]));
      }
    } catch (error) {
      throw udfFailure(name, "eval", error);
    }
    return rows;
  };
}
