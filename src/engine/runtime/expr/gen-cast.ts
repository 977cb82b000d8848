import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { castFunction } from "../functions/cast.ts";
import { type CodeGen, strictLocal, type Value } from "./codegen.ts";
import { SqlEvalError } from "./eval-error.ts";

/**
 * CAST and TRY_CAST. CAST raises the conversion's SqlEvalError (Flink 1.20 fails the job on
 * CAST('abc' AS INT)); TRY_CAST turns exactly those errors into NULL.
 */
export function genCast(g: CodeGen, operand: BoundExpr, type: DataType, safe: boolean): Value {
  const value = g.expr(operand);
  const cast = castFunction(operand.type, type);
  if (!cast) return value;
  const call = `${g.bind(cast)}(${value.code}, ctx)`;
  if (!safe) return strictLocal(g, [value], call, type.kind === "DECIMAL" || value.nullable);
  return strictLocal(g, [value], `${g.bind(tryCast)}(${g.bind(cast)}, ${value.code}, ctx)`, true);
}

function tryCast(cast: (v: unknown, ctx: unknown) => unknown, value: unknown, ctx: unknown): unknown {
  try {
    return cast(value, ctx);
  } catch (e) {
    if (e instanceof SqlEvalError) return null;
    throw e;
  }
}
