import { closestMatch } from "../../common/diagnostic.ts";
import type { Expr, ExtractExpr, FunctionCall, JsonBehavior, JsonCall, TrimExpr } from "../ast/expression.ts";
import type { UserFunction } from "../catalog/catalog.ts";
import {
  type ArgInfo,
  allFunctionNames,
  type FunctionDefinition,
  type InferContext,
  lookupFunction,
} from "../functions/index.ts";
import { mapArray } from "../map-array.ts";
import type { DataType } from "../types/data-type.ts";
import { formatDataType } from "../types/format-type.ts";
import { withNullability } from "../types/index.ts";
import { bindExpr } from "./bind-expression.ts";
import { bindUserFunctionCall, resolveUserFunction } from "./bind-user-function.ts";
import { bindWindowCall } from "./bind-window-call.ts";
import type { BoundAggregate, BoundExpr, BoundJsonBehavior, BoundJsonClauses } from "./bound.ts";
import { anyError, errorExpr, isError } from "./error-expr.ts";
import { type ExprScope, exprScope } from "./expr-scope.ts";
import { MATCH_FUNCTIONS } from "./match-functions.ts";
import { sameAggregate, sameExprs } from "./same-expr.ts";

type CallExpr = FunctionCall | ExtractExpr | TrimExpr | JsonCall;

const STRING: DataType = { kind: "VARCHAR", length: 2147483647, nullable: true };

export function bindCall(expr: CallExpr, es: ExprScope): BoundExpr {
  switch (expr.kind) {
    case "extract": {
      const source = bindExpr(expr.source, es);
      if (
        !isError(source) &&
        !["DATE", "TIME", "TIMESTAMP", "TIMESTAMP_LTZ", "INTERVAL_YM", "INTERVAL_DT", "NULL"].includes(
          source.type.kind,
        )
      ) {
        es.ctx.error(
          "type-mismatch",
          `EXTRACT expects a date, time, timestamp or interval, got ${formatDataType(source.type)}`,
          expr.source.span,
        );
      }
      const unit: BoundExpr = {
        kind: "timeUnit",
        unit: expr.unit,
        type: { kind: "NULL", nullable: true },
        span: expr.span,
      };
      return {
        kind: "call",
        name: "EXTRACT",
        args: [unit, source],
        type: { kind: "BIGINT", nullable: source.type.nullable },
        span: expr.span,
      };
    }
    case "trim": {
      const args = [bindExpr(expr.source, es), ...(expr.chars ? [bindExpr(expr.chars, es)] : [])];
      for (const arg of args) requireCharacter(arg, "TRIM", es);
      const type: DataType = {
        kind: "VARCHAR",
        length: 2147483647,
        nullable: args.some((a) => a.type.nullable),
      };
      return { kind: "call", name: `TRIM ${expr.side}`, args, type, span: expr.span };
    }
    case "jsonCall":
      return bindJsonCall(expr, es);
    case "call":
      return bindFunctionCall(expr, es);
    default:
      return expr satisfies never;
  }
}

function bindFunctionCall(expr: FunctionCall, es: ExprScope): BoundExpr {
  const parts = expr.name.parts;
  const navigationName =
    es.clause === "MATCH_RECOGNIZE" && parts.length === 1 ? parts[0]!.value.toUpperCase() : "";
  const navigation = navigationName === "" ? undefined : MATCH_FUNCTIONS[navigationName];
  if (navigation) {
    const args = bindArgs(expr.args, es);
    return { kind: "call", name: navigationName, args, type: navigation(args), span: expr.span };
  }
  const userFunction = resolveUserFunction(expr, es.ctx.catalog);
  const builtin = !userFunction && parts.length === 1 ? lookupFunction(parts[0]!.value) : undefined;
  if (!builtin && !userFunction) {
    const nameParts = mapArray(parts, (p) => p.value);
    const hint = closestMatch(nameParts[nameParts.length - 1]!.toUpperCase(), allFunctionNames());
    es.ctx.error(
      "unknown-function",
      `unknown function '${nameParts.join(".")}'`,
      expr.name.span,
      hint ? [`did you mean ${hint}?`] : [],
    );
    return errorExpr(expr.span);
  }
  if (userFunction?.signature)
    return bindUserFunctionCall(expr, { ...userFunction, signature: userFunction.signature }, es);
  if (userFunction) {
    // A function registered by class name has no signature the binder can read: its result takes the
    // unknown (NULL) type, which fits any context, until a TypeScript implementation declares one.
    const args = mapArray(expr.args, (a) => bindExpr(a, es));
    return {
      kind: "call",
      name: mapArray(parts, (p) => p.value).join("."),
      args,
      type: { kind: "NULL", nullable: true },
      userFunction,
      span: expr.span,
    };
  }
  const definition = builtin!;
  const argCount = expr.args.length === 1 && expr.args[0]!.kind === "star" ? 0 : expr.args.length;
  if (argCount < definition.minArgs || argCount > definition.maxArgs) {
    es.ctx.error(
      "wrong-arity",
      `${definition.name} takes ${arityText(definition)}, got ${argCount}`,
      expr.span,
    );
    return errorExpr(expr.span);
  }
  if (expr.over) return bindWindowCall(expr, definition, es);
  switch (definition.kind) {
    case "window":
      es.ctx.error(
        "missing-over",
        `${definition.name} is a window function and needs an OVER clause`,
        expr.span,
      );
      return errorExpr(expr.span);
    case "aggregate":
      return bindAggregateCall(expr, definition, es);
    case "table":
    case "windowTvf":
      es.ctx.error(
        "misplaced-table-function",
        `${definition.name} is a table function: use it in FROM, e.g. TABLE(${definition.name}(...))`,
        expr.span,
      );
      return errorExpr(expr.span);
    case "groupWindow":
      if (es.clause !== "GROUP BY") {
        es.ctx.error(
          "misplaced-group-window",
          `group window ${definition.name}(...) is allowed only in GROUP BY`,
          expr.span,
        );
        return errorExpr(expr.span);
      }
      return typedCall(expr, definition, bindArgs(expr.args, es), es);
    case "groupWindowAuxiliary":
      return bindGroupWindowAuxiliary(expr, definition, es);
    default:
      return typedCall(expr, definition, bindArgs(expr.args, es), es);
  }
}

/** Binds arguments; a bare time unit (`TIMESTAMPDIFF(DAY, ...)`) becomes a time-unit argument. */
export function bindArgs(args: readonly Expr[], es: ExprScope): BoundExpr[] {
  const bound: BoundExpr[] = [];
  for (const a of args) {
    if (a.kind === "star") continue;
    bound.push(
      a.kind === "timeUnit"
        ? { kind: "timeUnit", unit: a.unit, type: { kind: "NULL", nullable: true }, span: a.span }
        : bindExpr(a, es),
    );
  }
  return bound;
}

export function argInfos(args: readonly BoundExpr[]): ArgInfo[] {
  return mapArray(args, (a) => {
    if (a.kind === "timeUnit") return { type: a.type, timeUnit: a.unit };
    if (
      a.kind === "literal" &&
      (typeof a.value === "string" ||
        typeof a.value === "number" ||
        typeof a.value === "boolean" ||
        a.value === null)
    ) {
      return { type: a.type, literal: a.value };
    }
    return { type: a.type };
  });
}

/** Asks the function's signature for the result type; reports its complaint where it points. */
export function inferType(
  definition: FunctionDefinition,
  args: readonly BoundExpr[],
  es: ExprScope,
  span: FunctionCall["span"],
  context?: InferContext,
): DataType | undefined {
  if (anyError(args)) return undefined;
  const result = definition.inferType(argInfos(args), context);
  if ("error" in result) {
    // Flink points at the call; the message names the argument.
    es.ctx.error("type-mismatch", result.error, span);
    return undefined;
  }
  return result;
}

function typedCall(
  expr: FunctionCall,
  definition: FunctionDefinition,
  args: BoundExpr[],
  es: ExprScope,
): BoundExpr {
  const type = inferType(definition, args, es, expr.span);
  return type ? { kind: "call", name: definition.name, args, type, span: expr.span } : errorExpr(expr.span);
}

/** A user-defined aggregate's catalog entry and the casts of its arguments to the declared types. */
export interface UserAggregate {
  readonly fn: UserFunction;
  readonly castArgs: (args: readonly BoundExpr[]) => BoundExpr[];
}

/** An aggregate call (built-in, or user-defined with `user`), collected into the select's aggregates. */
export function bindAggregateCall(
  expr: FunctionCall,
  definition: FunctionDefinition,
  es: ExprScope,
  user?: UserAggregate,
): BoundExpr {
  const aggregation = es.aggregation;
  if (!aggregation && es.clause === "MATCH_RECOGNIZE") {
    // MEASURES and DEFINE aggregate over the rows a pattern variable matched, not over groups.
    const args = bindArgs(expr.args, es);
    const type = inferType(definition, args, es, expr.span);
    return type ? { kind: "call", name: definition.name, args, type, span: expr.span } : errorExpr(expr.span);
  }
  if (!aggregation) {
    const where = es.clause === "argument" ? "inside another aggregate function" : `in ${es.clause}`;
    es.ctx.error(
      "misplaced-aggregate",
      `aggregate function ${definition.name} is not allowed ${where}`,
      expr.span,
    );
    return errorExpr(expr.span);
  }
  const inputScope: ExprScope = exprScope(es.ctx, es.scope, "argument");
  const args = bindArgs(expr.args, inputScope);
  const filter = expr.filter ? bindExpr(expr.filter, inputScope) : undefined;
  const orderBy = mapArray(expr.withinGroup ?? [], (o) => ({
    expr: bindExpr(o.expr, inputScope),
    descending: o.direction === "DESC",
    nullsFirst: o.nulls ? o.nulls === "FIRST" : o.direction !== "DESC",
  }));
  const type = inferType(definition, args, es, expr.span, {
    aggregateScope: aggregation.grouped ? "grouped" : "global",
    hasFilter: filter !== undefined,
  });
  if (!type) return errorExpr(expr.span);
  const aggregate: BoundAggregate = {
    name: definition.name,
    args: user ? user.castArgs(args) : args,
    // Every field present, not conditional spreads: one object shape (see common/keep-shape.ts).
    userFunction: user?.fn,
    distinct: expr.distinct,
    filter,
    orderBy,
    ignoreNulls: expr.nullTreatment === "IGNORE",
    type,
    span: expr.span,
  };
  return aggregateRef(aggregate, aggregation);
}

function aggregateRef(
  aggregate: BoundAggregate,
  aggregation: NonNullable<ExprScope["aggregation"]>,
): BoundExpr {
  const aggregates = aggregation.aggregates;
  let index = aggregates.findIndex((a) => sameAggregate(a, aggregate));
  if (index < 0) {
    index = aggregates.length;
    aggregates.push(aggregate);
  }
  return { kind: "aggregateRef", index, type: aggregate.type, span: aggregate.span };
}

/** `TUMBLE_START(ts, INTERVAL '1' HOUR)` reads the bound of the matching `GROUP BY TUMBLE(ts, ...)`. */
function bindGroupWindowAuxiliary(
  expr: FunctionCall,
  definition: FunctionDefinition,
  es: ExprScope,
): BoundExpr {
  const plain: ExprScope = exprScope(es.ctx, es.scope, "argument");
  const args = bindArgs(expr.args, plain);
  const windowName = definition.name.slice(0, definition.name.indexOf("_"));
  const grouped = es.aggregation?.groupExprs.some(
    (g) => g.kind === "call" && g.name === windowName && sameExprs(g.args, args),
  );
  if (!grouped) {
    es.ctx.error(
      "missing-group-window",
      `${definition.name} needs a matching ${windowName}(...) with the same arguments in GROUP BY`,
      expr.span,
    );
    return errorExpr(expr.span);
  }
  return typedCall(expr, definition, args, es);
}

function bindJsonCall(expr: JsonCall, es: ExprScope): BoundExpr {
  const definition = lookupFunction(expr.name);
  if (definition?.kind === "aggregate") {
    if (!es.aggregation) {
      es.ctx.error(
        "misplaced-aggregate",
        `aggregate function ${expr.name} is not allowed in ${es.clause}`,
        expr.span,
      );
      return errorExpr(expr.span);
    }
    const inputScope: ExprScope = exprScope(es.ctx, es.scope, "argument");
    const args = mapArray([...expr.args, ...expr.entries.flatMap((e) => [e.key, e.value])], (a) =>
      bindExpr(a, inputScope),
    );
    const aggregate: BoundAggregate = {
      name: expr.name,
      args,
      distinct: false,
      orderBy: [],
      // SQL/JSON defaults: JSON_ARRAYAGG drops NULLs (ABSENT ON NULL), JSON_OBJECTAGG keeps them (NULL ON NULL).
      ignoreNulls: expr.name === "JSON_ARRAYAGG" ? expr.onNull !== "NULL" : expr.onNull === "ABSENT",
      type: { ...STRING, nullable: false },
      span: expr.span,
    };
    return aggregateRef(aggregate, es.aggregation);
  }
  const args = mapArray([...expr.args, ...expr.entries.flatMap((e) => [e.key, e.value])], (a) =>
    bindExpr(a, es),
  );
  // DEFAULT values are evaluated like arguments; the behavior keeps where its value is.
  const behavior = (written: JsonBehavior | undefined): BoundJsonBehavior | undefined => {
    if (written?.kind !== "DEFAULT") return written;
    args.push(bindExpr(written.value, es));
    return { kind: "DEFAULT", arg: args.length - 1 };
  };
  const onEmpty = behavior(expr.onEmpty);
  const onError = behavior(expr.onError);
  const json: BoundJsonClauses = {
    ...(onEmpty ? { onEmpty } : {}),
    ...(onError ? { onError } : {}),
    ...(expr.wrapper ? { wrapper: expr.wrapper } : {}),
    ...(expr.onNull ? { onNull: expr.onNull } : {}),
  };
  const type = jsonResultType(expr);
  return Object.keys(json).length > 0
    ? { kind: "call", name: expr.name, args, type, json, span: expr.span }
    : { kind: "call", name: expr.name, args, type, span: expr.span };
}

function jsonResultType(expr: JsonCall): DataType {
  switch (expr.name) {
    case "JSON_VALUE":
      return withNullability(expr.returning ?? STRING, true);
    case "JSON_QUERY":
      return STRING;
    case "JSON_EXISTS":
      return { kind: "BOOLEAN", nullable: true };
    default:
      return { ...STRING, nullable: false };
  }
}

function requireCharacter(arg: BoundExpr, fn: string, es: ExprScope): void {
  if (isError(arg) || ["CHAR", "VARCHAR", "NULL"].includes(arg.type.kind)) return;
  es.ctx.error(
    "type-mismatch",
    `${fn} expects a character string, got ${formatDataType(arg.type)}`,
    arg.span,
  );
}

function arityText(d: FunctionDefinition): string {
  if (d.minArgs === d.maxArgs) return `${d.minArgs} argument${d.minArgs === 1 ? "" : "s"}`;
  if (d.maxArgs === Number.POSITIVE_INFINITY)
    return `at least ${d.minArgs} argument${d.minArgs === 1 ? "" : "s"}`;
  return `${d.minArgs} to ${d.maxArgs} arguments`;
}
