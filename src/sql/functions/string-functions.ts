import { t } from "../types/constructors.ts";
import { type DataType, MAX_LENGTH } from "../types/data-type.ts";
import { lengthOf } from "../types/families.ts";
import { BINARY, CHARACTER, HASHABLE, INTEGER, STRING_OR_BINARY as STR } from "./arg-checks.ts";
import type { ArgInfo, FunctionDefinition } from "./function-definition.ts";
import { argType, defineEach, defineFunction } from "./signatures.ts";

/** VARCHAR as long as the given argument's string: what trimming and substring functions return. */
function varyingLengthOf(index: number) {
  return (args: readonly ArgInfo[]): DataType => {
    const source = argType(args, index);
    return t.varchar(source.kind === "NULL" ? MAX_LENGTH : lengthOf(source));
  };
}

/** String functions (Flink's FlinkSqlOperatorTable, Calcite's SqlStdOperatorTable, BuiltInFunctionDefinitions). */
export const STRING_FUNCTIONS: readonly FunctionDefinition[] = [
  defineFunction({ name: "CONCAT", signatures: [[STR]], varargs: STR, returns: t.string() }),
  defineFunction({ name: "CONCAT_WS", signatures: [[STR]], varargs: STR, returns: t.string() }),
  // Case changes keep the argument's type (CHAR(3) stays CHAR(3)).
  ...defineEach(["LOWER", "UPPER", "INITCAP"], {
    signatures: [[CHARACTER]],
    returns: (args) => argType(args, 0),
  }),
  // TRIM's arguments are [chars?, source]; the result is VARCHAR of the source's length.
  defineFunction({
    name: "TRIM",
    signatures: [[CHARACTER], [CHARACTER, CHARACTER]],
    returns: (args) => varyingLengthOf(args.length - 1)(args),
  }),
  ...defineEach(["LTRIM", "RTRIM"], { signatures: [[STR], [STR, STR]], returns: varyingLengthOf(0) }),
  // NULL for out-of-range positions, hence always nullable.
  ...defineEach(["SUBSTRING", "SUBSTR"], {
    signatures: [
      [CHARACTER, INTEGER],
      [CHARACTER, INTEGER, INTEGER],
    ],
    returns: varyingLengthOf(0),
    nullability: "forced",
  }),
  ...defineEach(["LEFT", "RIGHT"], {
    signatures: [[STR, INTEGER]],
    returns: varyingLengthOf(0),
    nullability: "forced",
  }),
  defineFunction({ name: "REPLACE", signatures: [[STR, STR, STR]], returns: t.string() }),
  defineFunction({ name: "REGEXP", signatures: [[STR, STR]], returns: t.boolean() }),
  defineFunction({
    name: "REGEXP_EXTRACT",
    signatures: [
      [STR, STR],
      [STR, STR, INTEGER],
    ],
    returns: t.string(),
    nullability: "forced",
  }),
  defineFunction({ name: "REGEXP_REPLACE", signatures: [[STR, STR, STR]], returns: t.string() }),
  defineFunction({
    name: "SPLIT_INDEX",
    signatures: [
      [STR, STR, INTEGER],
      [STR, INTEGER, INTEGER],
    ],
    returns: t.string(),
    nullability: "forced",
  }),
  defineFunction({ name: "SPLIT", signatures: [[CHARACTER, CHARACTER]], returns: t.array(t.string()) }),
  ...defineEach(["LPAD", "RPAD"], { signatures: [[STR, INTEGER, STR]], returns: t.string() }),
  ...defineEach(["CHAR_LENGTH", "CHARACTER_LENGTH"], { signatures: [[CHARACTER]], returns: t.int() }),
  defineFunction({
    name: "POSITION",
    signatures: [
      [STR, STR],
      [STR, STR, INTEGER],
    ],
    returns: t.int(),
  }),
  defineFunction({
    name: "LOCATE",
    signatures: [
      [STR, STR],
      [STR, STR, INTEGER],
    ],
    returns: t.int(),
  }),
  defineFunction({
    name: "INSTR",
    signatures: [
      [STR, STR],
      [STR, STR, INTEGER],
      [STR, STR, INTEGER, INTEGER],
    ],
    returns: t.int(),
  }),
  defineFunction({ name: "REPEAT", signatures: [[STR, INTEGER]], returns: t.string() }),
  defineFunction({ name: "REVERSE", signatures: [[STR]], returns: t.string(), nullability: "forced" }),
  // Hex digests have a fixed length.
  defineFunction({ name: "MD5", signatures: [[STR]], returns: t.char(32) }),
  defineFunction({ name: "SHA1", signatures: [[STR]], returns: t.char(40) }),
  defineFunction({ name: "SHA224", signatures: [[STR]], returns: t.char(56) }),
  defineFunction({ name: "SHA256", signatures: [[STR]], returns: t.char(64) }),
  defineFunction({ name: "SHA384", signatures: [[STR]], returns: t.char(96) }),
  defineFunction({ name: "SHA512", signatures: [[STR]], returns: t.char(128) }),
  defineFunction({ name: "SHA2", signatures: [[STR, INTEGER]], returns: t.varchar(128) }),
  defineFunction({ name: "HASH_CODE", signatures: [[HASHABLE]], returns: t.int() }),
  defineFunction({ name: "TO_BASE64", signatures: [[STR]], returns: t.string() }),
  // ENCODE/DECODE convert between strings and bytes in a named charset ('UTF-8', 'US-ASCII', ...).
  defineFunction({ name: "ENCODE", signatures: [[CHARACTER, CHARACTER]], returns: t.bytes() }),
  defineFunction({ name: "DECODE", signatures: [[BINARY, CHARACTER]], returns: t.string() }),
  defineFunction({ name: "FROM_BASE64", signatures: [[STR]], returns: t.string() }),
  defineFunction({
    name: "UUID",
    signatures: [[]],
    returns: t.char(36, false),
    nullability: "notNull",
    deterministic: false,
  }),
  defineFunction({ name: "ASCII", signatures: [[CHARACTER]], returns: t.int() }),
  defineFunction({ name: "CHR", signatures: [[INTEGER]], returns: t.string(), nullability: "forced" }),
  // OVERLAY(s PLACING r FROM pos [FOR len]): at most both strings long.
  defineFunction({
    name: "OVERLAY",
    signatures: [
      [STR, STR, INTEGER],
      [STR, STR, INTEGER, INTEGER],
    ],
    returns: (args) =>
      t.varchar(Math.min(lengthOf(argType(args, 0)) + lengthOf(argType(args, 1)), MAX_LENGTH)),
  }),
  defineFunction({
    name: "STR_TO_MAP",
    signatures: [[STR], [STR, STR, STR]],
    returns: t.map(t.string(), t.string()),
  }),
  defineFunction({
    name: "PARSE_URL",
    signatures: [
      [STR, STR],
      [STR, STR, STR],
    ],
    returns: t.string(),
    nullability: "forced",
  }),
  defineFunction({
    name: "URL_ENCODE",
    signatures: [[CHARACTER]],
    returns: t.string(),
    nullability: "forced",
  }),
  defineFunction({
    name: "URL_DECODE",
    signatures: [[CHARACTER]],
    returns: t.string(),
    nullability: "forced",
  }),
];
