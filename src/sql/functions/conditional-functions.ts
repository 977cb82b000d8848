import { mapArray } from "../map-array.ts";
import { commonType } from "../types/common-type.ts";
import { areComparable } from "../types/comparison.ts";
import { withNullability } from "../types/constructors.ts";
import type { DataType } from "../types/data-type.ts";
import { formatDataType } from "../types/format-type.ts";
import type { TypingError } from "../types/type-error.ts";
import { ANY, type ArgCheck, BOOLEAN, CHARACTER, COMPARABLE, NUMERIC } from "./arg-checks.ts";
import type { ArgInfo, FunctionDefinition } from "./function-definition.ts";
import { argType, defineEach, defineFunction } from "./signatures.ts";

/** The common type of the arguments from `from` on, or an error naming the clashing types. */
export function commonArgumentType(name: string, args: readonly ArgInfo[], from = 0): DataType | TypingError {
  const types = mapArray(args.slice(from), (a) => a.type);
  const common = commonType(types);
  if (common !== undefined) return common;
  if (types.every((type) => type.kind === "NULL"))
    return { error: `${name} needs at least one argument that is not an untyped NULL` };
  const distinct = [
    ...new Set(
      mapArray(
        types.filter((type) => type.kind !== "NULL"),
        (type) => formatDataType(withNullability(type, true)),
      ),
    ),
  ];
  return { error: `${name} arguments have no common type: ${distinct.join(", ")}` };
}

const IS_CHARACTER_OR_NUMBER: ArgCheck = {
  expected: "a character string or a number",
  accepts: (type) => CHARACTER.accepts(type) || NUMERIC.accepts(type),
};

export const CONDITIONAL_FUNCTIONS: readonly FunctionDefinition[] = [
  defineFunction({
    name: "COALESCE",
    signatures: [[ANY]],
    varargs: ANY,
    returns: (args) => commonArgumentType("COALESCE", args),
    nullability: "allArgs",
  }),
  defineFunction({
    name: "NULLIF",
    signatures: [[ANY, ANY]],
    returns: (args) =>
      areComparable(argType(args, 0), argType(args, 1))
        ? argType(args, 0)
        : {
            error: `NULLIF cannot compare ${formatDataType(argType(args, 0))} with ${formatDataType(argType(args, 1))}`,
            argIndex: 1,
          },
    nullability: "forced",
  }),
  // IF(condition, a, b): the common type of the branches, nullable if any argument is.
  defineFunction({
    name: "IF",
    signatures: [[BOOLEAN, ANY, ANY]],
    returns: (args) => commonArgumentType("IF", args, 1),
  }),
  // IFNULL(x, replacement): NULL only when the replacement can be.
  defineFunction({
    name: "IFNULL",
    signatures: [[ANY, ANY]],
    returns: (args) => {
      const common = commonArgumentType("IFNULL", args);
      return "error" in common ? common : withNullability(common, argType(args, 1).nullable);
    },
    nullability: "asReturned",
  }),
  // TYPEOF(x [, forceSerializable]) names the argument's type, e.g. 'INT NOT NULL'.
  defineFunction({
    name: "TYPEOF",
    signatures: [[ANY], [ANY, BOOLEAN]],
    returns: { kind: "VARCHAR", length: 2147483647, nullable: false },
    nullability: "notNull",
  }),
  // Character checks answer FALSE for NULL input, so they are NOT NULL.
  ...defineEach(["IS_ALPHA", "IS_DIGIT", "IS_DECIMAL"], {
    signatures: [[IS_CHARACTER_OR_NUMBER]],
    returns: { kind: "BOOLEAN", nullable: false },
    nullability: "notNull",
  }),
  ...mapArray(["GREATEST", "LEAST"], (name) =>
    defineFunction({
      name,
      signatures: [[COMPARABLE]],
      varargs: COMPARABLE,
      returns: (args) => commonArgumentType(name, args),
    }),
  ),
];
