import type { FunctionCall } from "../ast/expression.ts";
import { type Catalog, type FunctionSignature, qualify, type UserFunction } from "../catalog/catalog.ts";
import { type FunctionDefinition, lookupFunction } from "../functions/index.ts";
import { mapArray } from "../map-array.ts";
import type { DataType } from "../types/data-type.ts";
import { formatDataType } from "../types/format-type.ts";
import { canImplicitlyCast, IGNORE_NULLABILITY, typesEqual, withNullability } from "../types/index.ts";
import { bindAggregateCall, bindArgs } from "./bind-call.ts";
import { bindWindowCall } from "./bind-window-call.ts";
import type { BoundExpr } from "./bound.ts";
import { anyError, errorExpr } from "./error-expr.ts";
import type { ExprScope } from "./expr-scope.ts";

/**
 * The user function a call names, in Flink's order: a temporary system function, else (when no
 * built-in function has the name) a temporary or catalog function. In FROM (`tableFunction`), the
 * built-in scalar functions do not hide a user table function.
 */
export function resolveUserFunction(
  call: FunctionCall,
  catalog: Catalog,
  tableFunction = false,
): UserFunction | undefined {
  const names = call.name.parts;
  if (names.length === 1) {
    const name = names[0]!.value;
    const system = catalog.getSystemFunction?.(name);
    if (system) return system;
    if (!tableFunction && lookupFunction(name)) return undefined;
  }
  const path = qualify(
    catalog,
    mapArray(names, (p) => p.value),
  );
  return path ? catalog.getFunction(path) : undefined;
}

/** A user function whose implementation declared its parameter and result types. */
export type SignedFunction = UserFunction & { readonly signature: FunctionSignature };

/**
 * A call of a user-defined scalar or aggregate function with a declared signature: the arity and each
 * argument's type are checked against it (an argument must cast implicitly to its parameter's type),
 * and arguments of another type are cast, so the implementation receives exactly the declared types.
 */
export function bindUserFunctionCall(expr: FunctionCall, fn: SignedFunction, es: ExprScope): BoundExpr {
  const name = mapArray(expr.name.parts, (p) => p.value).join(".");
  const signature = fn.signature;
  if (signature.kind === "table") {
    es.ctx.error(
      "misplaced-table-function",
      `${name} is a table function: use it in FROM, e.g. LATERAL TABLE(${name}(...))`,
      expr.span,
    );
    return errorExpr(expr.span);
  }
  const definition = userDefinition(name, signature);
  if (signature.kind === "aggregate") {
    const user = {
      fn,
      castArgs: (args: readonly BoundExpr[]) => mapArray(args, (a, i) => castTo(a, signature.params[i]!)),
    };
    if (expr.over) return bindWindowCall(expr, definition, es, user);
    return bindAggregateCall(expr, definition, es, user);
  }
  if (expr.over) {
    es.ctx.error("misplaced-over", `${name} is a scalar function and cannot have OVER`, expr.span);
    return errorExpr(expr.span);
  }
  const args = bindArgs(expr.args, es);
  if (anyError(args)) return errorExpr(expr.span);
  const result = definition.inferType(mapArray(args, (a) => ({ type: a.type })));
  if ("error" in result) {
    es.ctx.error("type-mismatch", result.error, args[result.argIndex ?? -1]?.span ?? expr.span);
    return errorExpr(expr.span);
  }
  return {
    kind: "call",
    name,
    args: mapArray(args, (a, i) => castTo(a, signature.params[i]!)),
    type: result,
    userFunction: fn,
    span: expr.span,
  };
}

/**
 * The signature as a built-in definition, so aggregate and OVER calls go through the binder's usual
 * checks (placement, FILTER, DISTINCT). Its type inference reports an argument that does not fit.
 */
export function userDefinition(name: string, signature: FunctionSignature): FunctionDefinition {
  const params = signature.params;
  return {
    name,
    kind: signature.kind === "aggregate" ? "aggregate" : "scalar",
    minArgs: params.length,
    maxArgs: params.length,
    deterministic: signature.deterministic,
    inferType(args) {
      if (args.length !== params.length)
        return {
          error: `${name} takes ${params.length} argument(s) (${signatureText(name, params)}), got ${args.length}`,
        };
      for (const [i, arg] of args.entries()) {
        const param = params[i]!;
        if (arg.type.kind !== "NULL" && !canImplicitlyCast(arg.type, param))
          return {
            error: `argument ${i + 1} of ${name} is ${formatDataType(arg.type)}, which does not cast implicitly to ${formatDataType(param)} (${signatureText(name, params)})`,
            argIndex: i,
          };
      }
      return signature.result;
    },
  };
}

function signatureText(name: string, params: readonly DataType[]): string {
  return `${name}(${mapArray(params, formatDataType).join(", ")})`;
}

/** The argument as the parameter's type; no cast when only the length of a string or a precision differs. */
export function castTo(arg: BoundExpr, param: DataType): BoundExpr {
  if (!needsCast(arg.type, param)) return arg;
  return {
    kind: "cast",
    safe: false,
    operand: arg,
    type: withNullability(param, arg.type.nullable),
    span: arg.span,
  };
}

const CHARACTER = new Set<DataType["kind"]>(["CHAR", "VARCHAR"]);
const SAME_REPRESENTATION = new Set<DataType["kind"]>([
  "CHAR",
  "VARCHAR",
  "BINARY",
  "VARBINARY",
  "TIME",
  "TIMESTAMP",
  "TIMESTAMP_LTZ",
]);

function needsCast(from: DataType, to: DataType): boolean {
  if (from.kind === "NULL") return true;
  if (CHARACTER.has(from.kind) && CHARACTER.has(to.kind)) return false;
  if (from.kind !== to.kind) return true;
  if (SAME_REPRESENTATION.has(from.kind)) return false;
  return !typesEqual(from, to, IGNORE_NULLABILITY);
}

/**
 * The arguments and columns of `LATERAL TABLE(f(...))` for a table function with a signature: its
 * result ROW's fields, or one column `f0` for another result type, as Flink names them.
 */
export function bindUserTableFunction(
  call: FunctionCall,
  fn: SignedFunction,
  args: readonly BoundExpr[],
  es: ExprScope,
): { args: BoundExpr[]; columns: { name: string; type: DataType }[] } | undefined {
  const name = mapArray(call.name.parts, (p) => p.value).join(".");
  const signature = fn.signature;
  if (signature.kind !== "table") {
    es.ctx.error(
      "not-a-table-function",
      `${name} is a ${signature.kind} function, not a table function`,
      call.name.span,
    );
    return undefined;
  }
  if (anyError(args)) return undefined;
  const result = userDefinition(name, signature).inferType(mapArray(args, (a) => ({ type: a.type })));
  if ("error" in result) {
    es.ctx.error("type-mismatch", result.error, args[result.argIndex ?? -1]?.span ?? call.span);
    return undefined;
  }
  const columns =
    result.kind === "ROW"
      ? mapArray(result.fields, (f) => ({ name: f.name, type: f.type }))
      : [{ name: "f0", type: result }];
  return { args: mapArray(args, (a, i) => castTo(a, signature.params[i]!)), columns };
}
