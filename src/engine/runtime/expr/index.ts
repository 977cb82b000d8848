export type { Value } from "./codegen.ts";
export {
  type CompiledExpr,
  type CompiledPredicate,
  type CompiledProjection,
  compileExpr,
  compilePredicate,
  compileProjection,
  generatedSource,
} from "./compile.ts";
export type { CompileEnv } from "./compile-env.ts";
export { createEvalContext, type EvalContext, type EvalContextOptions } from "./eval-context.ts";
export { ExprInternalError, SqlEvalError } from "./eval-error.ts";
export { compareStrings, compareValues, rowsEqual, valuesEqual } from "./value-ops.ts";
