import type { SqlValue } from "../../../common/value.ts";
import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import type { EvalContext } from "../expr/eval-context.ts";
import { castFunction } from "./cast.ts";
import { evaluateJsonPath, type JsonValue, parseJsonPath } from "./json-path.ts";
import { toJsonText } from "./json-text.ts";
import { javaDoubleToString } from "./number-format.ts";
import { type CallSite, lenientBy, type ScalarFunction, strictBy } from "./scalar-function.ts";

/**
 * SQL/JSON functions. The bound call carries [json, path, DEFAULT values...] and the RETURNING type;
 * the ON EMPTY / ON ERROR / wrapper / ON NULL clauses are not in the bound tree yet, so Flink's
 * defaults apply: JSON_VALUE and JSON_QUERY give NULL on empty and on error, JSON_QUERY is WITHOUT
 * WRAPPER, JSON_EXISTS is FALSE on error, JSON_OBJECT is NULL ON NULL, JSON_ARRAY ABSENT ON NULL.
 */
function parseJson(text: string): { value: JsonValue } | undefined {
  try {
    return { value: JSON.parse(text) as JsonValue };
  } catch {
    return undefined;
  }
}

function select(text: string, pathText: string): JsonValue[] | undefined {
  const doc = parseJson(text);
  if (!doc) return undefined;
  try {
    return evaluateJsonPath(parseJsonPath(pathText), doc.value);
  } catch {
    return undefined;
  }
}

const STRING_TYPE: DataType = { kind: "VARCHAR", length: 2147483647, nullable: true };

/** JSON_VALUE(json, path [RETURNING type]): the scalar at the path, cast to the type; NULL otherwise. */
export const JSON_VALUE: ScalarFunction = strictBy(
  (site) => {
    const cast = castFunction(STRING_TYPE, site.type) as
      | ((v: SqlValue, ctx: EvalContext) => SqlValue)
      | undefined;
    return (ctx: EvalContext, json: string, path: string) => {
      const items = select(json, path);
      if (items?.length !== 1) return null;
      const item = items[0]!;
      if (item === null || typeof item === "object") return null;
      const text = typeof item === "number" ? jsonNumberText(item) : String(item);
      if (!cast) return text;
      try {
        return cast(text, ctx);
      } catch {
        return null;
      }
    };
  },
  { context: true, mayReturnNull: true },
);

function jsonNumberText(n: number): string {
  return Number.isInteger(n) ? String(n) : javaDoubleToString(n);
}

/** JSON_QUERY(json, path): the object or array at the path as JSON text; NULL for scalars or no match. */
export const JSON_QUERY: ScalarFunction = strictBy(
  () => (json: string, path: string) => {
    const items = select(json, path);
    if (items?.length !== 1) return null;
    const item = items[0]!;
    return item !== null && typeof item === "object" ? JSON.stringify(item) : null;
  },
  { mayReturnNull: true },
);

/** JSON_EXISTS(json, path): whether the path selects anything; FALSE for invalid JSON. */
export const JSON_EXISTS: ScalarFunction = strictBy(() => (json: string, path: string) => {
  const items = select(json, path);
  return items !== undefined && items.length > 0;
});

/** JSON text of an argument; nested JSON_* constructor results are inserted as JSON, not strings. */
function jsonTextFor(arg: BoundExpr): (v: SqlValue) => string {
  if (arg.kind === "call" && ["JSON_OBJECT", "JSON_ARRAY", "JSON_QUERY"].includes(arg.name))
    return (v) => (v === null ? "null" : (v as string));
  const type = arg.type;
  return (v) => toJsonText(v, type);
}

/** JSON_OBJECT(KEY k VALUE v, ...): arguments alternate key, value; NULL values are kept as null. */
export const JSON_OBJECT: ScalarFunction = lenientBy(
  (site) => {
    const values = site.args.map((a) => jsonTextFor(a));
    return (...args: SqlValue[]) => {
      const members: string[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) {
        members.push(`${JSON.stringify(args[i])}:${values[i + 1]!(args[i + 1]!)}`);
      }
      return `{${members.join(",")}}`;
    };
  },
  { mayReturnNull: false },
);

/** JSON_ARRAY(v, ...): NULL elements are left out (ABSENT ON NULL, Flink's default). */
export const JSON_ARRAY: ScalarFunction = lenientBy(
  (site) => {
    const values = site.args.map((a) => jsonTextFor(a));
    return (...args: SqlValue[]) =>
      `[${args
        .map((v, i) => (v === null ? undefined : values[i]!(v)))
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
