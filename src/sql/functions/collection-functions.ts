import { mapArray } from "../map-array.ts";
import { commonType } from "../types/common-type.ts";
import { t, withNullability } from "../types/constructors.ts";
import type { DataType } from "../types/data-type.ts";
import { isCharacterString, isComparable } from "../types/families.ts";
import { formatDataType } from "../types/format-type.ts";
import type { TypingError } from "../types/type-error.ts";
import { ANY, ARRAY, ARRAY_OR_MAP, type ArgCheck, BOOLEAN, CHARACTER, INTEGER, MAP } from "./arg-checks.ts";
import { commonArgumentType } from "./conditional-functions.ts";
import type { ArgInfo, FunctionDefinition } from "./function-definition.ts";
import { argType, defineEach, defineFunction } from "./signatures.ts";

const ARRAY_OF_COMPARABLE: ArgCheck = {
  expected: "an ARRAY of comparable elements",
  accepts: (type) => type.kind === "ARRAY" && isComparable(type.element),
};
const ARRAY_OF_STRINGS: ArgCheck = {
  expected: "an ARRAY of character strings",
  accepts: (type) =>
    type.kind === "ARRAY" && (isCharacterString(type.element) || type.element.kind === "NULL"),
};

function elementOf(type: DataType): DataType {
  return type.kind === "ARRAY" || type.kind === "MULTISET" ? type.element : t.null();
}

/** The needle of ARRAY_CONTAINS/POSITION/REMOVE must share a type with the array's elements. */
function checkElement(name: string, args: readonly ArgInfo[]): TypingError | undefined {
  const element = elementOf(argType(args, 0));
  const needle = argType(args, 1);
  if (element.kind === "NULL" || needle.kind === "NULL" || commonType([element, needle]) !== undefined)
    return undefined;
  return {
    error: `${name} expects an element of type ${formatDataType(element)}, got ${formatDataType(needle)}`,
    argIndex: 1,
  };
}

/** The first argument's type, nullable only if the first argument is (a NULL needle is not NULL output). */
function firstArgNullability(type: DataType, args: readonly ArgInfo[]): DataType {
  return withNullability(type, argType(args, 0).nullable);
}

/** ARRAY_APPEND/PREPEND: the element type widens to fit the new element. */
function appendType(name: string, args: readonly ArgInfo[]): DataType | TypingError {
  const mismatch = checkElement(name, args);
  if (mismatch) return mismatch;
  const array = argType(args, 0);
  const element = commonType([elementOf(array), argType(args, 1)]) ?? elementOf(array);
  return firstArgNullability(t.array(element), args);
}

export const COLLECTION_FUNCTIONS: readonly FunctionDefinition[] = [
  defineFunction({ name: "CARDINALITY", signatures: [[ARRAY_OR_MAP]], returns: t.int() }),
  // NULL for an empty array; an error for more than one element.
  defineFunction({
    name: "ELEMENT",
    signatures: [[ARRAY]],
    returns: (args) => elementOf(argType(args, 0)),
    nullability: "forced",
  }),
  defineFunction({
    name: "ARRAY_CONTAINS",
    signatures: [[ARRAY, ANY]],
    returns: (args) => checkElement("ARRAY_CONTAINS", args) ?? firstArgNullability(t.boolean(), args),
    nullability: "asReturned",
  }),
  defineFunction({
    name: "ARRAY_POSITION",
    signatures: [[ARRAY, ANY]],
    returns: (args) => checkElement("ARRAY_POSITION", args) ?? t.int(),
  }),
  defineFunction({
    name: "ARRAY_REMOVE",
    signatures: [[ARRAY, ANY]],
    returns: (args) => checkElement("ARRAY_REMOVE", args) ?? firstArgNullability(argType(args, 0), args),
    nullability: "asReturned",
  }),
  ...mapArray(["ARRAY_APPEND", "ARRAY_PREPEND"], (name) =>
    defineFunction({
      name,
      signatures: [[ARRAY, ANY]],
      returns: (args) => appendType(name, args),
      nullability: "asReturned",
    }),
  ),
  ...defineEach(["ARRAY_DISTINCT", "ARRAY_REVERSE"], {
    signatures: [[ARRAY]],
    returns: (args) => argType(args, 0),
  }),
  defineFunction({
    name: "ARRAY_SLICE",
    signatures: [
      [ARRAY, INTEGER],
      [ARRAY, INTEGER, INTEGER],
    ],
    returns: (args) => argType(args, 0),
  }),
  defineFunction({
    name: "ARRAY_SORT",
    signatures: [
      [ARRAY_OF_COMPARABLE],
      [ARRAY_OF_COMPARABLE, BOOLEAN],
      [ARRAY_OF_COMPARABLE, BOOLEAN, BOOLEAN],
    ],
    returns: (args) => argType(args, 0),
  }),
  ...mapArray(["ARRAY_UNION", "ARRAY_EXCEPT", "ARRAY_INTERSECT"], (name) =>
    defineFunction({ name, signatures: [[ARRAY, ARRAY]], returns: (args) => commonArgumentType(name, args) }),
  ),
  defineFunction({
    name: "ARRAY_CONCAT",
    signatures: [[ARRAY]],
    varargs: ARRAY,
    returns: (args) => commonArgumentType("ARRAY_CONCAT", args),
  }),
  defineFunction({
    name: "ARRAY_JOIN",
    signatures: [
      [ARRAY_OF_STRINGS, CHARACTER],
      [ARRAY_OF_STRINGS, CHARACTER, CHARACTER],
    ],
    returns: t.string(),
  }),
  // NULL for an empty array.
  ...defineEach(["ARRAY_MAX", "ARRAY_MIN"], {
    signatures: [[ARRAY_OF_COMPARABLE]],
    returns: (args) => elementOf(argType(args, 0)),
    nullability: "forced",
  }),
  defineFunction({
    name: "MAP_KEYS",
    signatures: [[MAP]],
    returns: (args) => {
      const map = argType(args, 0);
      return map.kind === "MAP" ? t.array(map.key) : t.array(t.null());
    },
  }),
  defineFunction({
    name: "MAP_VALUES",
    signatures: [[MAP]],
    returns: (args) => {
      const map = argType(args, 0);
      return map.kind === "MAP" ? t.array(map.value) : t.array(t.null());
    },
  }),
  defineFunction({
    name: "MAP_ENTRIES",
    signatures: [[MAP]],
    returns: (args) => {
      const map = argType(args, 0);
      if (map.kind !== "MAP") return t.array(t.null());
      return t.array(
        t.row(
          [
            ["key", map.key],
            ["value", map.value],
          ],
          false,
        ),
      );
    },
  }),
  defineFunction({
    name: "MAP_FROM_ARRAYS",
    signatures: [[ARRAY, ARRAY]],
    returns: (args) => t.map(elementOf(argType(args, 0)), elementOf(argType(args, 1))),
  }),
  defineFunction({
    name: "MAP_UNION",
    signatures: [[MAP]],
    varargs: MAP,
    returns: (args) => commonArgumentType("MAP_UNION", args),
  }),
];
