import type { SqlValue } from "../../../common/value.ts";
import type { BoundExpr, BoundJsonClauses } from "../../../sql/binder/bound.ts";
import type { DataType } from "../../../sql/types/data-type.ts";

/**
 * One built-in scalar function's run-time side. `build` sees the call site once, at compile time
 * (argument types, literal arguments such as a regex or a format, time units), and returns the
 * function called per row. The compiler evaluates the arguments (time units are not passed) and,
 * for `strict` functions, returns NULL without calling when any argument is NULL: the body only
 * handles real values.
 */
export type Impl = (...args: never[]) => SqlValue;

export interface CallSite {
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly type: DataType;
  /** The SQL/JSON clauses of JSON_VALUE, JSON_QUERY and JSON_EXISTS. */
  readonly json?: BoundJsonClauses;
}

export interface ScalarFunction {
  /** `strict`: NULL in any argument is NULL out (Flink's rule for most functions); `lenient`: sees NULLs. */
  readonly nulls: "strict" | "lenient";
  /** The implementation's first parameter is the EvalContext (clock, time zone, random). */
  readonly context: boolean;
  /** Whether non-NULL arguments can still give NULL (SPLIT_INDEX out of range, DECIMAL overflow). */
  readonly mayReturnNull: boolean;
  /** Arguments arrive converted to the result type (GREATEST(INT, DECIMAL) compares DECIMALs). */
  readonly argsAsResultType?: boolean;
  readonly build: (site: CallSite) => Impl;
}

interface Options {
  readonly context?: boolean;
  readonly mayReturnNull?: boolean;
  readonly argsAsResultType?: boolean;
}

/** NULL in → NULL out; `fn` sees only non-NULL values. */
export function strict(fn: Impl, options: Options = {}): ScalarFunction {
  return strictBy(() => fn, options);
}

/** As `strict`, with an implementation chosen per call site (by type, literal arguments, units). */
export function strictBy(build: (site: CallSite) => Impl, options: Options = {}): ScalarFunction {
  return {
    nulls: "strict",
    context: options.context ?? false,
    mayReturnNull: options.mayReturnNull ?? false,
    ...(options.argsAsResultType ? { argsAsResultType: true } : {}),
    build,
  };
}

/** The function handles NULL arguments itself (CONCAT_WS, JSON_OBJECT, ARRAY constructors...). */
export function lenientBy(build: (site: CallSite) => Impl, options: Options = {}): ScalarFunction {
  return {
    nulls: "lenient",
    context: options.context ?? false,
    mayReturnNull: options.mayReturnNull ?? true,
    build,
  };
}

/** The literal value of argument `i`, when it is a literal. */
export function literalArg(site: CallSite, i: number): SqlValue | undefined {
  const arg = site.args[i];
  return arg?.kind === "literal" ? arg.value : undefined;
}

/** The time unit of argument `i` (`TIMESTAMPDIFF(DAY, ...)`), which the compiler does not evaluate. */
export function unitArg(site: CallSite, i: number): string {
  const arg = site.args[i];
  if (arg?.kind !== "timeUnit") throw new Error(`${site.name}: argument ${i + 1} is not a time unit`);
  return arg.unit;
}

/** The value-carrying arguments' types (time units left out), in the order the implementation receives them. */
export function valueArgTypes(site: CallSite): DataType[] {
  return site.args.filter((a) => a.kind !== "timeUnit").map((a) => a.type);
}
