import type { SqlValue } from "../../../common/value.ts";
import type { BoundExpr, BoundJsonBehavior } from "../../../sql/binder/bound.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import type { EvalContext } from "../expr/eval-context.ts";
import { SqlEvalError } from "../expr/eval-error.ts";
import { castFunction } from "./cast.ts";
import { evaluateJsonPath, type JsonValue, parseJsonPath } from "./json-path.ts";
import { toJsonText } from "./json-text.ts";
import { javaDoubleToString } from "./number-format.ts";
import { type CallSite, lenientBy, type ScalarFunction, strictBy } from "./scalar-function.ts";

/**
 * SQL/JSON functions. The bound call carries [json, path, DEFAULT values...], the RETURNING type and
 * the clauses it was written with (`site.json`): ON EMPTY when the path selects nothing, ON ERROR for
 * invalid JSON, strict-mode misses and results of the wrong shape, JSON_QUERY's array wrapper. Without
 * a clause Flink's defaults apply: NULL on empty and on error, WITHOUT WRAPPER, JSON_EXISTS FALSE on
 * error, JSON_OBJECT NULL ON NULL, JSON_ARRAY ABSENT ON NULL.
 */
function parseJson(text: string): { value: JsonValue } | undefined {
  try {
    return { value: JSON.parse(text) as JsonValue };
  } catch {
    return undefined;
  }
}

/** What the path selects in the document, or why it could not be evaluated. */
type Selection = { readonly items: JsonValue[] } | { readonly error: string };

function select(text: string, pathText: string): Selection {
  const doc = parseJson(text);
  if (!doc) return { error: "the input is not valid JSON" };
  try {
    return { items: evaluateJsonPath(parseJsonPath(pathText), doc.value) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** A cast applied to values of the type it was made for. */
type AnyCast = (value: SqlValue, ctx: EvalContext) => SqlValue;

/** The value an ON EMPTY / ON ERROR clause gives instead of a result (or the error it raises). */
type Fallback = (args: readonly SqlValue[], ctx: EvalContext, reason: string) => SqlValue;

function fallbackFor(site: CallSite, behavior: BoundJsonBehavior | undefined, otherwise: SqlValue): Fallback {
  switch (behavior?.kind) {
    case undefined:
      return () => otherwise;
    case "NULL":
    case "UNKNOWN":
      return () => null;
    case "TRUE":
      return () => true;
    case "FALSE":
      return () => false;
    case "EMPTY ARRAY":
      return () => "[]";
    case "EMPTY OBJECT":
      return () => "{}";
    case "ERROR":
      return (_args, _ctx, reason) => {
        throw new SqlEvalError(site.name, reason);
      };
    case "DEFAULT": {
      const index = behavior.arg;
      const cast = castFunction(site.args[index]!.type, site.type) as AnyCast | undefined;
      return (args, ctx) => {
        const value = args[index]!;
        return cast && value !== null ? cast(value, ctx) : value;
      };
    }
    default:
      return behavior satisfies never;
  }
}

const STRING_TYPE: DataType = { kind: "VARCHAR", length: 2147483647, nullable: true };

/** Why a selection cannot be the result: the call's ON ERROR clause decides what happens. */
class Unfit {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

/**
 * JSON_VALUE and JSON_QUERY: NULL in, NULL out; ON ERROR for text that is not JSON or a path that
 * fails, ON EMPTY when the path selects nothing; otherwise `shape` makes the result of the items.
 */
function pathFunction(
  shape: (site: CallSite) => (items: JsonValue[], ctx: EvalContext) => SqlValue | Unfit,
): ScalarFunction {
  return lenientBy(
    (site) => {
      const result = shape(site);
      const onEmpty = fallbackFor(site, site.json?.onEmpty, null);
      const onError = fallbackFor(site, site.json?.onError, null);
      return (ctx: EvalContext, ...args: SqlValue[]) => {
        const [json, path] = args;
        if (json === null || path === null) return null;
        const selection = select(json as string, path as string);
        if ("error" in selection) return onError(args, ctx, selection.error);
        if (selection.items.length === 0) return onEmpty(args, ctx, "the path selects nothing");
        const value = result(selection.items, ctx);
        return value instanceof Unfit ? onError(args, ctx, value.reason) : value;
      };
    },
    { context: true, mayReturnNull: true },
  );
}

/** JSON_VALUE(json, path [RETURNING type] [... ON EMPTY] [... ON ERROR]): the scalar at the path. */
export const JSON_VALUE: ScalarFunction = pathFunction((site) => {
  const cast = castFunction(STRING_TYPE, site.type) as AnyCast | undefined;
  return (items, ctx) => {
    if (items.length > 1) return new Unfit("the path selects more than one value");
    const item = items[0]!;
    if (item === null) return null;
    if (typeof item === "object") return new Unfit("the path selects an object or array, not a scalar");
    const text = typeof item === "number" ? jsonNumberText(item) : String(item);
    if (!cast) return text;
    try {
      return cast(text, ctx);
    } catch (error) {
      return new Unfit(error instanceof Error ? error.message : String(error));
    }
  };
});

function jsonNumberText(n: number): string {
  return Number.isInteger(n) ? String(n) : javaDoubleToString(n);
}

/**
 * JSON_QUERY(json, path [... WRAPPER] [... ON EMPTY] [... ON ERROR]): the object or array at the path
 * as JSON text. WITH [UNCONDITIONAL] ARRAY WRAPPER wraps what the path selects in an array; CONDITIONAL
 * does so unless it is one array.
 */
export const JSON_QUERY: ScalarFunction = pathFunction((site) => {
  const wrapper = site.json?.wrapper ?? "WITHOUT";
  return (items) => {
    const single = items.length === 1 ? items[0]! : undefined;
    if (wrapper === "UNCONDITIONAL" || (wrapper === "CONDITIONAL" && !Array.isArray(single)))
      return JSON.stringify(items);
    if (single === undefined) return new Unfit("the path selects more than one value");
    if (single === null || typeof single !== "object")
      return new Unfit("the path selects a scalar: use an array wrapper or JSON_VALUE");
    return JSON.stringify(single);
  };
});

/** JSON_EXISTS(json, path [TRUE | FALSE | UNKNOWN | ERROR ON ERROR]): whether the path selects anything. */
export const JSON_EXISTS: ScalarFunction = lenientBy(
  (site) => {
    const onError = fallbackFor(site, site.json?.onError, false);
    return (ctx: EvalContext, ...args: SqlValue[]) => {
      const [json, path] = args;
      if (json === null || path === null) return null;
      const selection = select(json as string, path as string);
      if ("error" in selection) return onError(args, ctx, selection.error);
      return selection.items.length > 0;
    };
  },
  { context: true, mayReturnNull: true },
);

/** JSON text of an argument; nested JSON_* constructor results are inserted as JSON, not strings. */
function jsonTextFor(arg: BoundExpr): (v: SqlValue) => string {
  if (arg.kind === "call" && ["JSON_OBJECT", "JSON_ARRAY", "JSON_QUERY"].includes(arg.name))
    return (v) => (v === null ? "null" : (v as string));
  const type = arg.type;
  return (v) => toJsonText(v, type);
}

/**
 * JSON_OBJECT(KEY k VALUE v, ...): arguments alternate key, value; NULL values are kept as null (NULL
 * ON NULL, the default) or left out (ABSENT ON NULL).
 */
export const JSON_OBJECT: ScalarFunction = lenientBy(
  (site) => {
    const values = site.args.map((a) => jsonTextFor(a));
    const absent = site.json?.onNull === "ABSENT";
    return (...args: SqlValue[]) => {
      const members: string[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) {
        if (absent && args[i + 1] === null) continue;
        members.push(`${JSON.stringify(args[i])}:${values[i + 1]!(args[i + 1]!)}`);
      }
      return `{${members.join(",")}}`;
    };
  },
  { mayReturnNull: false },
);

/** JSON_ARRAY(v, ...): NULL elements are left out (ABSENT ON NULL, Flink's default) or kept (NULL ON NULL). */
export const JSON_ARRAY: ScalarFunction = lenientBy(
  (site) => {
    const values = site.args.map((a) => jsonTextFor(a));
    const keepNulls = site.json?.onNull === "NULL";
    return (...args: SqlValue[]) =>
      `[${args
        .map((v, i) => (v === null ? (keepNulls ? "null" : undefined) : values[i]!(v)))
        .filter((t) => t !== undefined)
        .join(",")}]`;
  },
  { mayReturnNull: false },
);

/** JSON_STRING(x): the value serialized as JSON text (the same text the JSON aggregates collect); NULL stays NULL. */
export const JSON_STRING: ScalarFunction = strictBy((site: CallSite) => {
  const type = site.args[0]!.type;
  return (v: SqlValue) => toJsonText(v, type);
});

export const JSON_QUOTE: ScalarFunction = strictBy(() => (s: string) => JSON.stringify(s));

/** JSON_UNQUOTE: the string a JSON string literal denotes; other text is returned as is. */
export const JSON_UNQUOTE: ScalarFunction = strictBy(() => (s: string) => {
  if (!/^".*"$/s.test(s)) return s;
  const parsed = parseJson(s);
  return parsed && typeof parsed.value === "string" ? parsed.value : s;
});
