import type { Expr, FunctionCall, JsonBehavior, JsonCall } from "../ast/index.ts";
import { PRECEDENCE } from "../parser/precedence.ts";
import { formatDataType } from "../types/format-type.ts";
import { printExpr, printExprList } from "./print-expression.ts";
import { printFunctionName, printIdent } from "./print-names.ts";
import { printOrderBy, printWindowSpec } from "./print-window.ts";

/**
 * Functions SQL calls without parentheses. `CURRENT_TIMESTAMP()` is a syntax error in Flink, while
 * `PROCTIME()`, `NOW()` and `CURRENT_ROW_TIMESTAMP()` need theirs, so only these drop them.
 */
const NILADIC = new Set([
  "CURRENT_CATALOG",
  "CURRENT_DATE",
  "CURRENT_PATH",
  "CURRENT_ROLE",
  "CURRENT_SCHEMA",
  "CURRENT_TIME",
  "CURRENT_TIMESTAMP",
  "CURRENT_USER",
  "LOCALTIME",
  "LOCALTIMESTAMP",
  "SESSION_USER",
  "SYSTEM_USER",
  "USER",
]);

/** `name(args)` followed by its `IGNORE NULLS`, `WITHIN GROUP`, `FILTER` and `OVER`, in Calcite's order. */
export function printFunctionCall(call: FunctionCall): string {
  let text = printCallItself(call);
  if (call.nullTreatment) text += ` ${call.nullTreatment} NULLS`;
  if (call.withinGroup) text += ` WITHIN GROUP (${printOrderBy(call.withinGroup)})`;
  if (call.filter) text += ` FILTER (WHERE ${printExpr(call.filter)})`;
  if (call.over)
    text += ` OVER ${call.over.kind === "ident" ? printIdent(call.over) : printWindowSpec(call.over)}`;
  return text;
}

function printCallItself(call: FunctionCall): string {
  const name = printFunctionName(call.name);
  const special = call.distinct ? undefined : printSpecialSyntax(builtinName(call), call.args);
  if (special !== undefined) return `${name}(${special})`;
  if (call.args.length === 0 && !call.distinct && NILADIC.has(builtinName(call))) return name;
  return `${name}(${call.distinct ? "DISTINCT " : ""}${printExprList(call.args)})`;
}

/** The upper-case name of an unqualified, unquoted call: only those can be the built-ins with special syntax. */
function builtinName(call: FunctionCall): string {
  const [only, ...rest] = call.name.parts;
  return only === undefined || rest.length > 0 || only.quoted ? "" : only.value.toUpperCase();
}

const SPECIAL_SYNTAX = new Set(["SUBSTRING", "POSITION", "OVERLAY", "FLOOR", "CEIL", "CEILING"]);

/**
 * The inside of the parentheses of `SUBSTRING(x FROM a FOR b)`, `POSITION(a IN b)`,
 * `OVERLAY(x PLACING y FROM a FOR b)` and `FLOOR(x TO DAY)`, or `undefined` for a plain argument list.
 * Operands bind at least as tightly as `+`, so an `IN` or `FROM` inside one cannot be misread.
 */
function printSpecialSyntax(name: string, args: readonly Expr[]): string | undefined {
  if (!SPECIAL_SYNTAX.has(name)) return undefined;
  const [a, b, c, d] = args.map((arg) => printExpr(arg, PRECEDENCE.ADDITIVE));
  switch (name) {
    case "SUBSTRING":
      if (args.length === 2) return `${a} FROM ${b}`;
      if (args.length === 3) return `${a} FROM ${b} FOR ${c}`;
      return undefined;
    case "POSITION":
      if (args.length === 2) return `${a} IN ${b}`;
      if (args.length === 3) return `${a} IN ${b} FROM ${c}`;
      return undefined;
    case "OVERLAY":
      if (args.length === 3) return `${a} PLACING ${b} FROM ${c}`;
      if (args.length === 4) return `${a} PLACING ${b} FROM ${c} FOR ${d}`;
      return undefined;
    case "FLOOR":
    case "CEIL":
    case "CEILING":
      return args.length === 2 && args[1]!.kind === "timeUnit" ? `${a} TO ${b}` : undefined;
    default:
      return undefined;
  }
}

/**
 * The SQL/JSON functions: `JSON_VALUE(j, path RETURNING INT DEFAULT 0 ON EMPTY NULL ON ERROR)`,
 * `JSON_OBJECT(KEY 'k' VALUE v ABSENT ON NULL)`; clauses in the order Calcite's grammar reads them.
 */
export function printJsonCall(call: JsonCall): string {
  const parts: string[] = [];
  const entries = call.entries.map((e) => `KEY ${printExpr(e.key)} VALUE ${printExpr(e.value)}`);
  const head = [...entries, ...call.args.map((arg) => printExpr(arg))].join(", ");
  if (head !== "") parts.push(head);
  if (call.onNull) parts.push(`${call.onNull} ON NULL`);
  if (call.returning) parts.push(`RETURNING ${formatDataType(call.returning)}`);
  if (call.wrapper)
    parts.push(call.wrapper === "WITHOUT" ? "WITHOUT ARRAY WRAPPER" : `WITH ${call.wrapper} ARRAY WRAPPER`);
  if (call.onEmpty) parts.push(`${printJsonBehavior(call.onEmpty)} ON EMPTY`);
  if (call.onError) parts.push(`${printJsonBehavior(call.onError)} ON ERROR`);
  return `${call.name}(${parts.join(" ")})`;
}

function printJsonBehavior(behavior: JsonBehavior): string {
  return behavior.kind === "DEFAULT"
    ? `DEFAULT ${printExpr(behavior.value, PRECEDENCE.ADDITIVE)}`
    : behavior.kind;
}
