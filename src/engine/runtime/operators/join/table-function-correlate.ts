import type { RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { CorrelateFunction } from "../../../plan/logical/correlate.ts";
import type { CorrelateNode } from "../../../plan/physical/join-nodes.ts";
import type { RuntimeEnv } from "../../build-pipeline.ts";
import {
  type CompiledExpr,
  type CompiledPredicate,
  compileExpr,
  compilePredicate,
  type EvalContext,
} from "../../expr/index.ts";
import { fieldEnv } from "../../field-env.ts";
import type { Collector, Operator } from "../../operator.ts";
import { udfFailure, udfValueCheck } from "../../udf/check-udf-value.ts";
import type { TableFunctionDefinition } from "../../udf/udf-definition.ts";
import { implementationOf } from "../../udf/udf-signature.ts";
import { unrunnableFunction } from "../../udf/unrunnable-function.ts";
import { joinRows } from "./join-matcher.ts";

export interface TableFunctionCorrelateConfig {
  readonly description: string;
  readonly name: string;
  readonly definition: TableFunctionDefinition;
  readonly args: readonly CompiledExpr[];
  /** The declared result type's fields, or undefined for one column of another type. */
  readonly rowWidth: number | undefined;
  readonly check: (value: SqlValue) => SqlValue;
  /** LEFT: a row for which the function gives no row is padded with NULLs. */
  readonly outer: boolean;
  readonly condition?: CompiledPredicate;
}

/**
 * A user-defined table function joined to its input (Flink's Correlate over a TableFunction): the
 * function runs once per input row and each row it yields is joined to that row, with the input
 * row's kind, so updates and retractions pass through as in Flink. Stateless.
 *
 * Correlate(invocation=[split($cor0.line, ' ')]): +I[1, 'a b'] → +I[1, 'a b', 'a', 1], +I[1, 'a b', 'b', 1];
 * -D[1, 'a b'] → -D[1, 'a b', 'a', 1], -D[1, 'a b', 'b', 1]
 */
export class TableFunctionCorrelateOperator implements Operator {
  readonly description: string;
  private readonly config: TableFunctionCorrelateConfig;
  private readonly ctx: EvalContext;
  private readonly out: Collector;
  private readonly nulls: Row;

  constructor(config: TableFunctionCorrelateConfig, ctx: EvalContext, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.ctx = ctx;
    this.out = out;
    this.nulls = new Array<SqlValue>(config.rowWidth ?? 1).fill(null);
  }

  process(kind: RowKind, row: Row): void {
    const c = this.config;
    let emitted = false;
    for (const columns of this.call(row)) {
      const joined = joinRows(row, columns);
      if (c.condition && !c.condition(joined, this.ctx)) continue;
      this.out.collect(kind, joined);
      emitted = true;
    }
    if (!emitted && c.outer) this.out.collect(kind, joinRows(row, this.nulls));
  }

  /** The function's rows for one input row, as column arrays; collected first so its failures are its own. */
  private call(row: Row): Row[] {
    const c = this.config;
    const args = c.args.map((a) => a(row, this.ctx));
    const rows: Row[] = [];
    try {
      for (const value of c.definition.eval(...args)) {
        const checked = c.check(value);
        if (c.rowWidth === undefined) rows.push([checked]);
        else rows.push(checked === null ? this.nulls : (checked as SqlValue[]));
      }
    } catch (error) {
      throw udfFailure(c.name, "eval", error);
    }
    return rows;
  }

  onWatermark(timestamp: number): void {
    this.out.watermark(timestamp);
  }
  finish(): void {}
  snapshot(): SqlValue {
    return null;
  }
  restore(): void {}
}

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
  return new TableFunctionCorrelateOperator(
    {
      description,
      name: fn.name,
      definition,
      args: node.args.map((a) => compileExpr(a, input)),
      rowWidth: result.kind === "ROW" ? result.fields.length : undefined,
      check: udfValueCheck(fn.name, result),
      outer: node.joinType === "LEFT",
      ...(node.condition ? { condition: compilePredicate(node.condition, fieldEnv(node.fields)) } : {}),
    },
    env.ctx,
    out,
  );
}
