import type { Span } from "../../common/source.ts";
import type { DataType } from "../types/data-type.ts";
import type { BoundExpr } from "./bound.ts";

/**
 * The type of every error expression and of nothing else: an identity mark that costs no lookup (the
 * binder makes many error expressions while it tries interpretations in trials).
 */
const ERROR_TYPE: DataType = Object.freeze({ kind: "NULL", nullable: true });

/**
 * Stands in for an expression that failed to bind, after its error was reported. Checks on
 * expressions that contain one are skipped, so one mistake gives one error, not a cascade.
 */
export function errorExpr(span: Span): BoundExpr {
  return { kind: "literal", value: null, type: ERROR_TYPE, span };
}

export function isError(...exprs: readonly (BoundExpr | undefined)[]): boolean {
  return anyError(exprs);
}

/** {@link isError} of a list already in hand (a call's arguments), without spreading it. */
export function anyError(exprs: readonly (BoundExpr | undefined)[]): boolean {
  for (const e of exprs) if (e !== undefined && e.kind === "literal" && e.type === ERROR_TYPE) return true;
  return false;
}
