import type { SqlValue } from "../../../common/value.ts";

/**
 * A user-defined function written in TypeScript, registered with `engine.registerFunction(name,
 * definition)` or exported by a module that `CREATE FUNCTION f AS 'path/to/module.ts#export'
 * LANGUAGE TYPESCRIPT` loads. Types are Flink SQL type strings (`'STRING'`, `'DECIMAL(10, 2)'`,
 * `'ROW<word STRING, n INT>'`, `'BIGINT NOT NULL'`); calls are checked against them, and arguments of
 * other types are cast implicitly as for built-in functions.
 *
 * Values in and out use the engine's run-time representation (`common/value.ts`): NULL is `null`;
 * BOOLEAN a boolean; TINYINT..BIGINT, FLOAT and DOUBLE numbers; DECIMAL(p, s) the unscaled `bigint`
 * (value × 10^s); CHAR/VARCHAR/STRING strings; BINARY/BYTES `Uint8Array`; DATE days since 1970-01-01;
 * TIME milliseconds since midnight; TIMESTAMP and TIMESTAMP_LTZ epoch milliseconds; INTERVALs months
 * or milliseconds; ARRAY and ROW arrays; MAP a `Map`; MULTISET a `Map` of element to count. NULL
 * arguments are passed as `null` (the function decides, as in Flink); a returned value is checked
 * against the declared result type.
 *
 * @example
 * const countChar: ScalarFunctionDefinition = {
 *   kind: "scalar",
 *   params: ["STRING", "STRING"],
 *   result: "BIGINT",
 *   eval: (s, c) => (typeof s === "string" && typeof c === "string" ? s.split(c).length - 1 : null),
 * };
 * await engine.registerFunction("count_char", countChar);
 * await engine.execute("SELECT count_char('cacao', 'c')"); // 2
 */
export type UdfDefinition = ScalarFunctionDefinition | TableFunctionDefinition | AggregateFunctionDefinition;

interface DefinitionBase {
  /** Parameter types, one per argument. */
  readonly params: readonly string[];
  /** The result type; a table function's ROW<...> gives its columns (another type: one column `f0`). */
  readonly result: string;
  /** False when two calls with the same arguments may give different results. Default: true. */
  readonly deterministic?: boolean;
}

/** `f(x, y)` in an expression: one value per call. */
export interface ScalarFunctionDefinition extends DefinitionBase {
  readonly kind: "scalar";
  eval(...args: SqlValue[]): SqlValue;
}

/**
 * `LATERAL TABLE(f(x))`: the rows of each call (for a ROW result, arrays of the fields' values;
 * otherwise the values themselves), joined to the row that made the call.
 */
export interface TableFunctionDefinition extends DefinitionBase {
  readonly kind: "table";
  eval(...args: SqlValue[]): Iterable<SqlValue>;
}

/**
 * `f(x)` in GROUP BY, window and OVER aggregations. The accumulator is a SqlValue (it is stored in
 * checkpoints) and each method returns the new one. `retract` is required when the aggregation's input
 * has updates or deletions, and for bounded OVER frames, as in Flink; `merge` lets session windows
 * merge accumulators instead of replaying rows.
 */
export interface AggregateFunctionDefinition extends DefinitionBase {
  readonly kind: "aggregate";
  createAccumulator(): SqlValue;
  accumulate(acc: SqlValue, ...args: SqlValue[]): SqlValue;
  retract?(acc: SqlValue, ...args: SqlValue[]): SqlValue;
  merge?(acc: SqlValue, other: SqlValue): SqlValue;
  getValue(acc: SqlValue): SqlValue;
}
