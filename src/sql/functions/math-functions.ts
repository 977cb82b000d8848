import { arithmeticResultType } from "../types/arithmetic.ts";
import { t } from "../types/constructors.ts";
import type { DataType } from "../types/data-type.ts";
import { decimalRoundType } from "../types/decimal-rules.ts";
import {
  type ArgCheck,
  DATETIME,
  EXACT_NUMERIC,
  INTEGER,
  INTERVAL,
  NUMERIC,
  STRING_OR_BINARY,
  TIME_UNIT,
} from "./arg-checks.ts";
import type { ArgInfo, FunctionDefinition } from "./function-definition.ts";
import { argType, defineEach, defineFunction } from "./signatures.ts";

const NUMERIC_OR_INTERVAL: ArgCheck = {
  expected: "a number or an INTERVAL",
  accepts: (type) => NUMERIC.accepts(type) || INTERVAL.accepts(type),
};

/** ROUND/TRUNCATE(x[, r]): a DECIMAL narrows to r fraction digits (r a literal); other types are kept. */
function roundType(args: readonly ArgInfo[]): DataType {
  const value = argType(args, 0);
  if (value.kind !== "DECIMAL") return value;
  const digits = args.length === 1 ? 0 : args[1]!.literal;
  // A computed digit count cannot narrow the type: keep the input's scale.
  const round = typeof digits === "number" ? digits : value.scale;
  return decimalRoundType(value.precision, value.scale, round);
}

/**
 * FLOOR/CEIL(x): numbers keep their type except that a DECIMAL loses its fraction digits;
 * FLOOR/CEIL(datetime TO unit) keeps the datetime's type.
 */
function floorCeilType(args: readonly ArgInfo[]): DataType {
  const value = argType(args, 0);
  if (value.kind === "DECIMAL" && value.scale > 0) return t.decimal(value.precision, 0);
  return value;
}

export const MATH_FUNCTIONS: readonly FunctionDefinition[] = [
  defineFunction({ name: "ABS", signatures: [[NUMERIC_OR_INTERVAL]], returns: (args) => argType(args, 0) }),
  defineFunction({
    name: "MOD",
    signatures: [[EXACT_NUMERIC, EXACT_NUMERIC]],
    returns: (args) => arithmeticResultType("%", argType(args, 0), argType(args, 1)),
  }),
  defineFunction({ name: "POWER", signatures: [[NUMERIC, NUMERIC]], returns: t.double() }),
  ...defineEach(
    [
      "SQRT",
      "LN",
      "LOG10",
      "LOG2",
      "EXP",
      "SIN",
      "COS",
      "TAN",
      "COT",
      "ASIN",
      "ACOS",
      "ATAN",
      "SINH",
      "COSH",
      "TANH",
      "DEGREES",
      "RADIANS",
    ],
    { signatures: [[NUMERIC]], returns: t.double() },
  ),
  defineFunction({ name: "LOG", signatures: [[NUMERIC], [NUMERIC, NUMERIC]], returns: t.double() }),
  defineFunction({ name: "ATAN2", signatures: [[NUMERIC, NUMERIC]], returns: t.double() }),
  ...defineEach(["ROUND", "TRUNCATE"], { signatures: [[NUMERIC], [NUMERIC, INTEGER]], returns: roundType }),
  ...defineEach(["FLOOR", "CEIL", "CEILING"], {
    signatures: [[NUMERIC_OR_INTERVAL], [DATETIME, TIME_UNIT]],
    returns: floorCeilType,
  }),
  defineFunction({ name: "SIGN", signatures: [[NUMERIC]], returns: (args) => argType(args, 0) }),
  ...defineEach(["PI", "E"], { signatures: [[]], returns: t.double(false), nullability: "notNull" }),
  // RAND(seed) and RAND_INTEGER([seed,] bound) never return NULL.
  defineFunction({
    name: "RAND",
    signatures: [[], [INTEGER]],
    returns: t.double(false),
    nullability: "notNull",
    deterministic: false,
  }),
  defineFunction({
    name: "RAND_INTEGER",
    signatures: [[INTEGER], [INTEGER, INTEGER]],
    returns: t.int(false),
    nullability: "notNull",
    deterministic: false,
  }),
  defineFunction({ name: "BIN", signatures: [[INTEGER]], returns: t.string() }),
  defineFunction({ name: "HEX", signatures: [[INTEGER], [STRING_OR_BINARY]], returns: t.string() }),
];
