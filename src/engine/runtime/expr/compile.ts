import type { Row, SqlValue } from "../../../common/value.ts";
import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { CodeGen } from "./codegen.ts";
import type { CompileEnv } from "./compile-env.ts";
import type { EvalContext } from "./eval-context.ts";
import { genExpr } from "./gen-expr.ts";

export type CompiledExpr = (row: Row, ctx: EvalContext) => SqlValue;
export type CompiledProjection = (row: Row, ctx: EvalContext) => Row;
export type CompiledPredicate = (row: Row, ctx: EvalContext) => boolean;

/**
 * Compiles an expression tree into one generated JS function: no per-row walk of the tree, literals
 * inlined, NULL checks only where a value can be NULL.
 *
 * @example
 * const price = compileExpr(boundPriceTimes0908, { columnIndex: (ref) => ref.column });
 * price([1, 2, 100], ctx); // 90.8
 */
export function compileExpr(expr: BoundExpr, env: CompileEnv): CompiledExpr {
  const g = new CodeGen(env, genExpr);
  const value = g.expr(expr);
  return g.finish<CompiledExpr>(value.code);
}

/** Several expressions into one function building the output row. */
export function compileProjection(exprs: readonly BoundExpr[], env: CompileEnv): CompiledProjection {
  const g = new CodeGen(env, genExpr);
  const values = exprs.map((e) => g.expr(e).code);
  return g.finish<CompiledProjection>(`[${values.join(", ")}]`);
}

/** A WHERE/ON/HAVING condition: NULL counts as false. */
export function compilePredicate(expr: BoundExpr, env: CompileEnv): CompiledPredicate {
  const g = new CodeGen(env, genExpr);
  const value = g.expr(expr);
  return g.finish<CompiledPredicate>(`${value.code} === true`);
}

/** The generated JS body of an expression, for debugging and tests. */
export function generatedSource(expr: BoundExpr, env: CompileEnv): string {
  const g = new CodeGen(env, genExpr);
  const value = g.expr(expr);
  return g.source(value.code);
}
