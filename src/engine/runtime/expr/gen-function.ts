import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { lookupScalarFunction } from "../functions/registry.ts";
import { type CodeGen, strictLocal, type Value } from "./codegen.ts";
import { ExprInternalError } from "./eval-error.ts";
import { coerce } from "./gen-coerce.ts";
import { genUserFunctionCall } from "./gen-user-function.ts";

/**
 * A call of a built-in scalar function: the implementation is specialized for the call site once,
 * bound into the generated code, and called with the evaluated arguments (time units are compile-time
 * information and are not passed). Strict functions are skipped when an argument is NULL.
 */
export function genFunctionCall(g: CodeGen, call: Extract<BoundExpr, { kind: "call" }>): Value {
  if (call.userFunction) return genUserFunctionCall(g, call, call.userFunction);
  const fn = lookupScalarFunction(call.name);
  if (!fn) {
    throw new ExprInternalError(`no run-time implementation of function ${call.name}`);
  }
  const impl = g.bind(fn.build({ name: call.name, args: call.args, type: call.type, json: call.json }));
  const args = call.args
    .filter((a) => a.kind !== "timeUnit")
    .map((a) => (fn.argsAsResultType ? coerce(g, g.expr(a), a.type, call.type) : g.expr(a)));
  const argCodes = args.map((a) => a.code);
  const code = `${impl}(${[...(fn.context ? ["ctx"] : []), ...argCodes].join(", ")})`;
  if (fn.nulls === "lenient") return g.local(code, fn.mayReturnNull);
  return strictLocal(g, args, code, fn.mayReturnNull);
}
