import type { JsonFunction } from "../ast/expression.ts";
import { t, withNullability } from "../types/constructors.ts";
import type { DataType } from "../types/data-type.ts";
import { ANY, CHARACTER } from "./arg-checks.ts";
import type { FunctionDefinition } from "./function-definition.ts";
import { defineEach, defineFunction } from "./signatures.ts";

/**
 * The result type of a SQL/JSON call (a `JsonCall` node): JSON_VALUE gives its RETURNING type (STRING
 * by default) and JSON_QUERY STRING, both nullable (empty or failing paths give NULL); JSON_EXISTS a
 * nullable BOOLEAN; the constructors and aggregates a NOT NULL STRING.
 */
export function jsonFunctionType(name: JsonFunction, returning?: DataType): DataType {
  switch (name) {
    case "JSON_VALUE":
      return withNullability(returning ?? t.string(), true);
    case "JSON_QUERY":
      return withNullability(returning ?? t.string(), true);
    case "JSON_EXISTS":
      return t.boolean();
    case "JSON_OBJECT":
    case "JSON_ARRAY":
    case "JSON_OBJECTAGG":
    case "JSON_ARRAYAGG":
      return t.string(false);
    default:
      return name satisfies never;
  }
}

/**
 * Definitions so that lookups, arity and "did you mean" cover the JSON functions; the binder types
 * JsonCall nodes with `jsonFunctionType`, since RETURNING and ON EMPTY clauses are not arguments.
 */
export const JSON_FUNCTIONS: readonly FunctionDefinition[] = [
  defineFunction({ name: "JSON_STRING", signatures: [[ANY]], returns: t.string() }),
  ...defineEach(["JSON_QUOTE", "JSON_UNQUOTE"], { signatures: [[CHARACTER]], returns: t.string() }),
  defineFunction({
    name: "JSON_VALUE",
    signatures: [[CHARACTER, CHARACTER]],
    returns: jsonFunctionType("JSON_VALUE"),
    nullability: "forced",
  }),
  defineFunction({
    name: "JSON_QUERY",
    signatures: [[CHARACTER, CHARACTER]],
    returns: jsonFunctionType("JSON_QUERY"),
    nullability: "forced",
  }),
  defineFunction({
    name: "JSON_EXISTS",
    signatures: [[CHARACTER, CHARACTER]],
    returns: jsonFunctionType("JSON_EXISTS"),
    nullability: "forced",
  }),
  // Keys and values alternate: JSON_OBJECT(KEY k1 VALUE v1, KEY k2 VALUE v2) has arguments [k1, v1, k2, v2].
  ...defineEach(["JSON_OBJECT", "JSON_ARRAY"], {
    signatures: [[]],
    varargs: ANY,
    returns: t.string(false),
    nullability: "notNull",
  }),
  defineFunction({
    name: "JSON_OBJECTAGG",
    kind: "aggregate",
    signatures: [[CHARACTER, ANY]],
    returns: t.string(false),
    nullability: "notNull",
  }),
  defineFunction({
    name: "JSON_ARRAYAGG",
    kind: "aggregate",
    signatures: [[ANY]],
    returns: t.string(false),
    nullability: "notNull",
  }),
];
