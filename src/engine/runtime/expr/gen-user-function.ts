import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { UserFunction } from "../../../sql/catalog/catalog.ts";
import { scalarInvoker } from "../udf/scalar-invoker.ts";
import { implementationOf } from "../udf/udf-signature.ts";
import { unrunnableFunction } from "../udf/unrunnable-function.ts";
import type { CodeGen, Value } from "./codegen.ts";

/**
 * A call of a user-defined scalar function: its TypeScript implementation is bound into the code and
 * called with every argument, NULLs included (the function decides what NULL gives, as in Flink).
 */
export function genUserFunctionCall(
  g: CodeGen,
  call: Extract<BoundExpr, { kind: "call" }>,
  fn: UserFunction,
): Value {
  const definition = implementationOf(fn);
  if (definition?.kind !== "scalar") throw unrunnableFunction(call.name, fn, call.span);
  const invoke = g.bind(scalarInvoker(call.name, definition, call.type));
  const args = call.args.map((a) => g.expr(a).code);
  return g.local(`${invoke}(${args.join(", ")})`, true);
}
