import type { DataType } from "../../sql/types/data-type.ts";
import { badParameter } from "../rest/api-error.ts";
import type { JsonSchema } from "../rest/values/json-schema.ts";
import { textParserFor } from "../rest/values/text-value.ts";

/** A query parameter bound to the relation it filters: its schema, and how its value is read. */
export interface BoundParam<V> {
  /** The parameter's JSON Schema in the endpoint's querystring (Fastify validates against it first). */
  readonly schema: JsonSchema;
  /** The value after schema validation (defaults applied); throws a 400 ApiError naming `name`. */
  read(raw: unknown, name: string): V;
}

/** A query parameter of an endpoint, declared next to the query that uses it. */
export interface Param<V> {
  bind(columns: ReadonlyMap<string, DataType>): BoundParam<V>;
}

export type ParamDecls = Readonly<Record<string, Param<unknown>>>;

/** The values a query's handler gets for its declared parameters. */
export type ParamValues<D extends ParamDecls> = {
  readonly [K in keyof D]: D[K] extends Param<infer V> ? V : never;
};

export interface IntegerParamOptions {
  readonly description: string;
  readonly default: number;
  readonly minimum: number;
  readonly maximum: number;
}

/** A whole number within bounds, with a default: a page size such as `limit`. */
export function integerParam(options: IntegerParamOptions): Param<number> {
  const { description, minimum, maximum } = options;
  return {
    bind: () => ({
      schema: { type: "integer", description, minimum, maximum, default: options.default },
      read: (raw) => raw as number,
    }),
  };
}

export interface DecimalParamOptions {
  readonly description: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

/**
 * A number compared with a DECIMAL column, read at that column's scale so the comparison is exact
 * (`min_lifetime_value=1000.5` is 1000.50): more fraction digits than the column holds is a 400, not
 * a silent rounding. Absent, it is the default, or undefined (no bound) without one.
 */
export function decimalParam(
  column: string,
  options: DecimalParamOptions & { readonly default: number },
): Param<bigint>;
export function decimalParam(column: string, options: DecimalParamOptions): Param<bigint | undefined>;
export function decimalParam(
  column: string,
  options: DecimalParamOptions & { readonly default?: number },
): Param<bigint | undefined> {
  return {
    bind(columns) {
      const type = columns.get(column);
      if (type?.kind !== "DECIMAL")
        throw new Error(`parameter compared with ${column}: not a DECIMAL column`);
      const parse = textParserFor(type)!;
      const schema: JsonSchema = {
        type: "number",
        description: options.description,
        ...(options.minimum === undefined ? {} : { minimum: options.minimum }),
        ...(options.maximum === undefined ? {} : { maximum: options.maximum }),
        ...(options.default === undefined ? {} : { default: options.default }),
      };
      return {
        schema,
        read(raw, name) {
          if (raw === undefined) return undefined;
          const parsed = parse(String(raw));
          if (!parsed.ok) throw badParameter(name, parsed.why);
          return parsed.value as bigint;
        },
      };
    },
  };
}

/** Zero or more of fixed choices, the parameter repeated (`?s=a&s=b`); absent means any. */
export function choicesParam<C extends string>(
  choices: readonly C[],
  description: string,
): Param<readonly C[] | undefined> {
  return {
    bind: () => ({
      schema: { type: "array", description, items: { type: "string", enum: choices } },
      read: (raw) => raw as readonly C[] | undefined,
    }),
  };
}
