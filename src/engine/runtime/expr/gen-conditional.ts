import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import type { CodeGen, Value } from "./codegen.ts";
import { coerce } from "./gen-coerce.ts";
import { compareCode } from "./gen-comparison.ts";

/**
 * The lazy forms: CASE evaluates conditions in order and only the chosen branch; COALESCE stops at
 * the first non-NULL argument; IF and IFNULL evaluate one branch. Branch values are converted to the
 * result type (a CASE of INT and DECIMAL branches yields DECIMALs).
 */
export function genCase(
  g: CodeGen,
  whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[],
  elseExpr: BoundExpr | undefined,
  type: DataType,
): Value {
  const r = g.temp();
  g.emit(`let ${r} = null;`);
  let nullable = elseExpr === undefined;
  let open = 0;
  for (const { when, then } of whens) {
    const condition = g.expr(when);
    g.emit(`if (${condition.code} === true) {`);
    const value = coerce(g, g.expr(then), then.type, type);
    nullable ||= value.nullable;
    g.emit(`${r} = ${value.code};`);
    g.emit("} else {");
    open++;
  }
  if (elseExpr) {
    const value = coerce(g, g.expr(elseExpr), elseExpr.type, type);
    nullable ||= value.nullable;
    g.emit(`${r} = ${value.code};`);
  }
  g.emit("}".repeat(open));
  return { code: r, nullable };
}

export function genCoalesce(g: CodeGen, args: readonly BoundExpr[], type: DataType): Value {
  const r = g.temp();
  g.emit(`let ${r} = null;`);
  let open = 0;
  let nullable = true;
  for (const arg of args) {
    const value = coerce(g, g.expr(arg), arg.type, type);
    g.emit(`${r} = ${value.code};`);
    if (!value.nullable) {
      nullable = false;
      break;
    }
    g.emit(`if (${r} === null) {`);
    open++;
  }
  g.emit("}".repeat(open));
  return { code: r, nullable };
}

/** IF(condition, a, b): `a` when the condition is TRUE, else `b` (also for a NULL condition). */
export function genIf(g: CodeGen, args: readonly BoundExpr[], type: DataType): Value {
  return genCase(g, [{ when: args[0]!, then: args[1]! }], args[2]!, type);
}

/** NULLIF(a, b): NULL when a = b, else a. */
export function genNullIf(g: CodeGen, args: readonly BoundExpr[], type: DataType): Value {
  const [left, right] = [args[0]!, args[1]!];
  const a = coerce(g, g.expr(left), left.type, type);
  const b = g.expr(right);
  const equal = compareCode(g, "=", a, type, b, right.type);
  const checks = [a, b]
    .filter((v) => v.nullable)
    .map((v) => `${v.code} !== null && `)
    .join("");
  return g.local(`${checks}${equal} ? null : ${a.code}`, true);
}
