import type { SqlValue } from "../../../common/value.ts";
import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { commonType } from "../../../sql/types/common-type.ts";
import { type CodeGen, strictLocal, type Value } from "./codegen.ts";
import { coerce } from "./gen-coerce.ts";
import { type ComparisonOp, compareCode } from "./gen-comparison.ts";

/**
 * Predicates with SQL's three-valued logic: AND is FALSE if either side is FALSE, else NULL if either
 * is NULL; OR dually; NOT NULL is NULL. The right side of AND/OR is evaluated only when it can
 * change the result. IS [NOT] NULL/TRUE/FALSE/UNKNOWN and IS [NOT] DISTINCT FROM are never NULL.
 */
export function genAndOr(g: CodeGen, op: "AND" | "OR", args: readonly BoundExpr[]): Value {
  const decisive = op === "AND" ? "false" : "true";
  const a = g.expr(args[0]!);
  const r = g.temp();
  g.emit(`let ${r} = ${decisive};`);
  g.emit(`if (${a.code} !== ${decisive}) {`);
  const b = g.expr(args[1]!);
  if (!a.nullable && !b.nullable) g.emit(`${r} = ${b.code};`);
  else {
    const undecided = op === "AND" ? "true" : "false";
    g.emit(
      `${r} = ${b.code} === ${decisive} ? ${decisive} : ${a.code} === null || ${b.code} === null ? null : ${undecided};`,
    );
  }
  g.emit("}");
  return { code: r, nullable: a.nullable || b.nullable };
}

export function genNot(g: CodeGen, arg: BoundExpr): Value {
  const a = g.expr(arg);
  return strictLocal(g, [a], `!${a.code}`);
}

const IS_TESTS: Record<string, (code: string) => string> = {
  "IS NULL": (c) => `${c} === null`,
  "IS NOT NULL": (c) => `${c} !== null`,
  "IS UNKNOWN": (c) => `${c} === null`,
  "IS NOT UNKNOWN": (c) => `${c} !== null`,
  "IS TRUE": (c) => `${c} === true`,
  "IS NOT TRUE": (c) => `${c} !== true`,
  "IS FALSE": (c) => `${c} === false`,
  "IS NOT FALSE": (c) => `${c} !== false`,
};

export function isTestName(name: string): boolean {
  return name in IS_TESTS;
}

export function genIsTest(g: CodeGen, name: string, arg: BoundExpr): Value {
  const a = g.expr(arg);
  return g.local(IS_TESTS[name]!(a.code), false);
}

export function genComparison(g: CodeGen, op: ComparisonOp, args: readonly BoundExpr[]): Value {
  const [left, right] = [args[0]!, args[1]!];
  const a = g.expr(left);
  const b = g.expr(right);
  return strictLocal(g, [a, b], compareCode(g, op, a, left.type, b, right.type));
}

/** IS DISTINCT FROM: NULL equals NULL, NULL differs from any value. */
export function genDistinct(g: CodeGen, negated: boolean, args: readonly BoundExpr[]): Value {
  const [left, right] = [args[0]!, args[1]!];
  const a = g.expr(left);
  const b = g.expr(right);
  const equal = compareCode(g, "=", a, left.type, b, right.type);
  const same =
    !a.nullable && !b.nullable
      ? equal
      : `(${a.code} === null ? ${b.code} === null : ${b.code} !== null && ${equal})`;
  return g.local(negated ? same : `!${same}`, false);
}

/**
 * [NOT] BETWEEN [SYMMETRIC]: `low <= x AND x <= high` in three-valued logic; SYMMETRIC also accepts
 * swapped bounds. The operand is evaluated once.
 */
export function genBetween(g: CodeGen, name: string, args: readonly BoundExpr[]): Value {
  const [operand, lowExpr, highExpr] = [args[0]!, args[1]!, args[2]!];
  const x = g.expr(operand);
  const low = g.expr(lowExpr);
  const high = g.expr(highExpr);
  const ge = (bound: Value, type: BoundExpr["type"]) =>
    andTerm(x, bound, compareCode(g, ">=", x, operand.type, bound, type));
  const le = (bound: Value, type: BoundExpr["type"]) =>
    andTerm(x, bound, compareCode(g, "<=", x, operand.type, bound, type));
  const forward = and3(g, ge(low, lowExpr.type), le(high, highExpr.type));
  let result = forward;
  if (name.includes("SYMMETRIC")) {
    const backward = and3(g, ge(high, highExpr.type), le(low, lowExpr.type));
    result = or3(g, forward, backward);
  }
  if (name.startsWith("NOT")) return strictLocal(g, [result], `!${result.code}`);
  return result;
}

/** A comparison term: null if either side is null, else the comparison. */
function andTerm(a: Value, b: Value, comparison: string): { code: string; nullable: boolean } {
  const checks = [a, b].filter((v) => v.nullable).map((v) => `${v.code} === null`);
  if (checks.length === 0) return { code: `(${comparison})`, nullable: false };
  return { code: `(${checks.join(" || ")} ? null : ${comparison})`, nullable: true };
}

function and3(g: CodeGen, p: Value, q: Value): Value {
  const a = g.local(p.code, p.nullable);
  const b = g.local(q.code, q.nullable);
  if (!a.nullable && !b.nullable) return g.local(`${a.code} && ${b.code}`, false);
  return g.local(
    `${a.code} === false || ${b.code} === false ? false : ${a.code} === null || ${b.code} === null ? null : true`,
    true,
  );
}

function or3(g: CodeGen, a: Value, b: Value): Value {
  if (!a.nullable && !b.nullable) return g.local(`${a.code} || ${b.code}`, false);
  return g.local(
    `${a.code} === true || ${b.code} === true ? true : ${a.code} === null || ${b.code} === null ? null : false`,
    true,
  );
}

/**
 * x [NOT] IN (list): TRUE on a match; otherwise NULL if x or any element is NULL; else FALSE. A list
 * of literals of x's kind becomes a Set built once.
 */
export function genIn(g: CodeGen, negated: boolean, args: readonly BoundExpr[]): Value {
  const [operand, ...list] = args;
  const x = g.expr(operand!);
  const literalSet = literalSetFor(operand!, list);
  let result: Value;
  if (literalSet) {
    const { values, hasNull } = literalSet;
    const hit = `${g.bind(values)}.has(${x.code})`;
    result = strictLocal(g, [x], hasNull ? `${hit} ? true : null` : hit, hasNull);
  } else {
    const r = g.temp();
    const sawNull = g.temp();
    g.emit(`let ${r} = null;`);
    if (x.nullable) g.emit(`if (${x.code} !== null) {`);
    g.emit(`let ${sawNull} = false;`);
    g.emit(`${r} = false;`);
    const common = commonType([operand!.type, ...list.map((e) => e.type)]) ?? operand!.type;
    const xc = coerce(g, x, operand!.type, common);
    for (const item of list) {
      g.emit(`if (${r} === false) {`);
      const v = coerce(g, g.expr(item), item.type, common);
      const test = compareCode(g, "=", xc, common, v, common);
      if (v.nullable) g.emit(`if (${v.code} === null) ${sawNull} = true; else if (${test}) ${r} = true;`);
      else g.emit(`if (${test}) ${r} = true;`);
      g.emit("}");
    }
    g.emit(`if (${r} === false && ${sawNull}) ${r} = null;`);
    if (x.nullable) g.emit("}");
    result = { code: r, nullable: true };
  }
  return negated ? strictLocal(g, [result], `!${result.code}`) : result;
}

const SET_KINDS = new Set(["CHAR", "VARCHAR", "TINYINT", "SMALLINT", "INT", "BIGINT", "DATE", "BOOLEAN"]);

function literalSetFor(
  operand: BoundExpr,
  list: readonly BoundExpr[],
): { values: Set<SqlValue>; hasNull: boolean } | undefined {
  if (!SET_KINDS.has(operand.type.kind)) return undefined;
  const values = new Set<SqlValue>();
  let hasNull = false;
  for (const item of list) {
    if (item.kind !== "literal") return undefined;
    if (item.value === null) hasNull = true;
    else if (sameRepresentation(operand.type.kind, item.type.kind)) values.add(item.value);
    else return undefined;
  }
  return { values, hasNull };
}

function sameRepresentation(a: string, b: string): boolean {
  const integers = ["TINYINT", "SMALLINT", "INT", "BIGINT"];
  const strings = ["CHAR", "VARCHAR"];
  return (
    a === b || (integers.includes(a) && integers.includes(b)) || (strings.includes(a) && strings.includes(b))
  );
}
