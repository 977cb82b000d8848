import type { SqlValue } from "../../../common/value.ts";
import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { CodeGen, Value } from "./codegen.ts";
import { ExprInternalError } from "./eval-error.ts";
import { genArithmetic, genConcatOperator, genNegate } from "./gen-arithmetic.ts";
import { genCast } from "./gen-cast.ts";
import { genCase, genCoalesce, genIf, genNullIf } from "./gen-conditional.ts";
import { genArray, genFieldAccess, genItem, genMap, genRow } from "./gen-constructors.ts";
import { genFunctionCall } from "./gen-function.ts";
import {
  genAndOr,
  genBetween,
  genComparison,
  genDistinct,
  genIn,
  genIsTest,
  genNot,
  isTestName,
} from "./gen-logic.ts";
import { genPattern } from "./gen-pattern.ts";

/** Compiles one node of the bound expression tree into statements of `g`; returns where its value is. */
export function genExpr(g: CodeGen, expr: BoundExpr): Value {
  switch (expr.kind) {
    case "column":
      return g.local(`row[${g.env.columnIndex(expr)}]`, expr.type.nullable);
    case "groupRef":
      return g.local(`row[${required(g.env.groupIndex, "groupRef")(expr.index)}]`, expr.type.nullable);
    case "aggregateRef":
      return g.local(`row[${required(g.env.aggregateIndex, "aggregateRef")(expr.index)}]`, true);
    case "windowRef":
      return g.local(`row[${required(g.env.windowIndex, "windowRef")(expr.index)}]`, true);
    case "literal":
      return literal(g, expr.value);
    case "call":
      return genCall(g, expr);
    case "cast":
      return genCast(g, expr.operand, expr.type, expr.safe);
    case "case":
      return genCase(g, expr.whens, expr.else, expr.type);
    case "fieldAccess":
      return genFieldAccess(g, expr.base, expr.field);
    case "outerColumn":
      throw new ExprInternalError(
        `correlated column '${expr.name}' reached the expression compiler; the planner must decorrelate it`,
      );
    case "subquery":
      throw new ExprInternalError("a subquery reached the expression compiler; the planner must rewrite it");
    case "parameter":
      throw new ExprInternalError(`parameter ?${expr.index} has no value; bind parameters before compiling`);
    case "timeUnit":
      throw new ExprInternalError(`time unit ${expr.unit} evaluated as a value`);
    default:
      return expr satisfies never;
  }
}

function required(f: ((i: number) => number) | undefined, what: string): (i: number) => number {
  if (!f) throw new ExprInternalError(`${what} needs a CompileEnv that maps it (after an aggregation)`);
  return f;
}

/** Literals go into the code as JS literals; objects (bytes, arrays, maps) are bound. */
function literal(g: CodeGen, value: SqlValue): Value {
  switch (typeof value) {
    case "number":
      if (Number.isNaN(value)) return { code: "NaN", nullable: false };
      if (!Number.isFinite(value)) return { code: value > 0 ? "Infinity" : "-Infinity", nullable: false };
      return { code: Object.is(value, -0) ? "-0" : `(${String(value)})`, nullable: false };
    case "bigint":
      return { code: `(${value}n)`, nullable: false };
    case "string":
      return { code: JSON.stringify(value), nullable: false };
    case "boolean":
      return { code: String(value), nullable: false };
    default:
      return value === null ? { code: "null", nullable: true } : { code: g.bind(value), nullable: false };
  }
}

const COMPARISONS = new Set(["=", "<>", "<", ">", "<=", ">="]);
const ARITHMETIC = new Set(["+", "-", "*", "/", "%", "MOD"]);

function genCall(g: CodeGen, call: Extract<BoundExpr, { kind: "call" }>): Value {
  const { name, args, type } = call;
  if (ARITHMETIC.has(name)) return genArithmetic(g, name === "MOD" ? "%" : name, args, type);
  if (COMPARISONS.has(name)) return genComparison(g, name as "=", args);
  if (isTestName(name)) return genIsTest(g, name, args[0]!);
  switch (name) {
    case "AND":
    case "OR":
      return genAndOr(g, name, args);
    case "NOT":
      return genNot(g, args[0]!);
    case "NEGATE":
      return genNegate(g, args[0]!, type);
    case "||":
      return genConcatOperator(g, args, type);
    case "IS DISTINCT FROM":
      return genDistinct(g, false, args);
    case "IS NOT DISTINCT FROM":
      return genDistinct(g, true, args);
    case "BETWEEN":
    case "NOT BETWEEN":
    case "BETWEEN SYMMETRIC":
    case "NOT BETWEEN SYMMETRIC":
      return genBetween(g, name, args);
    case "IN":
    case "NOT IN":
      return genIn(g, name === "NOT IN", args);
    case "LIKE":
    case "NOT LIKE":
    case "SIMILAR TO":
    case "NOT SIMILAR TO":
      return genPattern(g, name, args);
    case "COALESCE":
      return genCoalesce(g, args, type);
    case "IF":
      return genIf(g, args, type);
    case "IFNULL":
      return genCoalesce(g, args, type);
    case "NULLIF":
      return genNullIf(g, args, type);
    case "ROW":
      return genRow(g, args, type);
    case "ARRAY":
      return genArray(g, args, type);
    case "MAP":
      return genMap(g, args, type);
    case "ITEM":
      return genItem(g, args);
    default:
      return genFunctionCall(g, call);
  }
}
