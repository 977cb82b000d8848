import { mapArray } from "../map-array.ts";
import { withNullability } from "../types/constructors.ts";
import type { DataType } from "../types/data-type.ts";
import { formatDataType } from "../types/format-type.ts";
import { isTypingError } from "../types/type-error.ts";
import { type ArgCheck, TIME_UNIT } from "./arg-checks.ts";
import type {
  ArgInfo,
  FunctionDefinition,
  FunctionKind,
  FunctionTypeError,
  InferContext,
} from "./function-definition.ts";

/**
 * How a result's nullability follows its arguments:
 * `args` nullable if any argument is (most functions); `forced` always nullable (functions that
 * return NULL on bad input, like TO_DATE); `notNull` never; `allArgs` only if every argument is
 * (COALESCE); `asReturned` exactly as the result function says.
 */
export type Nullability = "args" | "forced" | "notNull" | "allArgs" | "asReturned";

export type ResultRule =
  | DataType
  | ((args: readonly ArgInfo[], ctx: InferContext) => DataType | FunctionTypeError);

export interface FunctionSpec {
  readonly name: string;
  readonly kind?: FunctionKind;
  /** The accepted argument lists (overloads). */
  readonly signatures: readonly (readonly ArgCheck[])[];
  /** Arguments past the longest signature repeat this check (CONCAT, COALESCE, GREATEST). */
  readonly varargs?: ArgCheck;
  readonly returns: ResultRule;
  readonly nullability?: Nullability;
  readonly deterministic?: boolean;
  readonly dynamic?: boolean;
  readonly argNames?: readonly string[];
}

/** Builds a definition from a declarative spec: arity from the signatures, type checks, nullability. */
export function defineFunction(spec: FunctionSpec): FunctionDefinition {
  const lengths = mapArray(spec.signatures, (s) => s.length);
  const definition: FunctionDefinition = {
    name: spec.name,
    kind: spec.kind ?? "scalar",
    minArgs: Math.min(...lengths),
    maxArgs: spec.varargs ? Number.POSITIVE_INFINITY : Math.max(...lengths),
    deterministic: spec.deterministic ?? true,
    ...(spec.dynamic ? { dynamic: true } : {}),
    ...(spec.argNames ? { argNames: spec.argNames } : {}),
    inferType: (args, ctx = {}) => {
      const mismatch = checkArguments(spec, args, ctx);
      if (mismatch) return mismatch;
      const result = typeof spec.returns === "function" ? spec.returns(args, ctx) : spec.returns;
      if (isTypingError(result)) return result;
      return applyNullability(result, spec.nullability ?? "args", args);
    },
  };
  return definition;
}

/** Many definitions sharing one shape, e.g. all the one-argument DOUBLE math functions. */
export function defineEach(names: readonly string[], spec: Omit<FunctionSpec, "name">): FunctionDefinition[] {
  return mapArray(names, (name) => defineFunction({ ...spec, name }));
}

function applyNullability(type: DataType, nullability: Nullability, args: readonly ArgInfo[]): DataType {
  // withNullability keeps a type that already has the nullability: no copy for most calls.
  switch (nullability) {
    case "args":
      return withNullability(type, someValueNullable(args));
    case "forced":
      return withNullability(type, true);
    case "notNull":
      return withNullability(type, false);
    case "allArgs":
      return withNullability(type, everyValueNullable(args));
    case "asReturned":
      return type;
    default:
      return nullability satisfies never;
  }
}

/** Whether a value argument (not a time unit such as DAY) is nullable. */
function someValueNullable(args: readonly ArgInfo[]): boolean {
  for (const arg of args) if (arg.timeUnit === undefined && arg.type.nullable) return true;
  return false;
}

/** Whether there are value arguments and all are nullable. */
function everyValueNullable(args: readonly ArgInfo[]): boolean {
  let values = 0;
  for (const arg of args) {
    if (arg.timeUnit !== undefined) continue;
    if (!arg.type.nullable) return false;
    values++;
  }
  return values > 0;
}

function accepts(check: ArgCheck, arg: ArgInfo): boolean {
  if (check === TIME_UNIT) return arg.timeUnit !== undefined;
  if (arg.timeUnit !== undefined) return false;
  // An untyped NULL fits any parameter: Flink infers its type from the parameter.
  return arg.type.kind === "NULL" || check.accepts(arg.type);
}

function checksFor(
  signature: readonly ArgCheck[],
  varargs: ArgCheck | undefined,
  count: number,
): ArgCheck[] | undefined {
  if (signature.length === count) return [...signature];
  if (varargs && count > signature.length)
    return [...signature, ...Array(count - signature.length).fill(varargs)];
  return undefined;
}

/** Whether some overload accepts the arguments; checked in place, as every call is checked. */
function someSignatureFits(spec: FunctionSpec, args: readonly ArgInfo[]): boolean {
  for (const signature of spec.signatures) {
    if (args.length !== signature.length && !(spec.varargs && args.length > signature.length)) continue;
    let fits = true;
    for (let i = 0; i < args.length && fits; i++)
      fits = accepts(i < signature.length ? signature[i]! : spec.varargs!, args[i]!);
    if (fits) return true;
  }
  return false;
}

/** The first mismatch of the best-matching overload, or undefined when one overload fits. */
function checkArguments(
  spec: FunctionSpec,
  args: readonly ArgInfo[],
  ctx: InferContext,
): FunctionTypeError | undefined {
  if (someSignatureFits(spec, args)) return undefined;
  const name = ctx.calledAs?.toUpperCase() ?? spec.name;
  const candidates = mapArray(spec.signatures, (s) => checksFor(s, spec.varargs, args.length)).filter(
    (c): c is ArgCheck[] => c !== undefined,
  );
  if (candidates.length === 0) return { error: `${name} does not take ${args.length} argument(s)` };

  let bestIndex = -1;
  let expected: string[] = [];
  for (const checks of candidates) {
    const failing = checks.findIndex((c, i) => !accepts(c, args[i]!));
    if (failing === -1) return undefined;
    if (failing > bestIndex) {
      bestIndex = failing;
      expected = [];
    }
    if (failing === bestIndex && !expected.includes(checks[failing]!.expected))
      expected.push(checks[failing]!.expected);
  }
  const arg = args[bestIndex]!;
  const got = arg.timeUnit !== undefined ? `time unit ${arg.timeUnit}` : formatDataType(arg.type);
  const position = args.length === 1 ? "" : ` as argument ${bestIndex + 1}`;
  return { error: `${name} expects ${expected.join(" or ")}${position}, got ${got}`, argIndex: bestIndex };
}

/** The type of argument `index`, for result rules like "same as the first argument". */
export function argType(args: readonly ArgInfo[], index: number): DataType {
  return args[index]!.type;
}
