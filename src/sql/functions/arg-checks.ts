import type { DataType } from "../types/data-type.ts";
import {
  isBinaryString,
  isCharacterString,
  isComparable,
  isDatetime,
  isExactNumeric,
  isIntegerFamily,
  isInterval,
  isNumeric,
  isTimestamp,
} from "../types/families.ts";

/** An argument family a signature accepts, with the words used when it does not. */
export interface ArgCheck {
  readonly expected: string;
  readonly accepts: (type: DataType) => boolean;
}

function check(expected: string, accepts: (type: DataType) => boolean): ArgCheck {
  return { expected, accepts };
}

export const ANY = check("any value", () => true);
export const CHARACTER = check("a character string", isCharacterString);
/** Calcite's STRING family: character or binary strings. */
export const STRING_OR_BINARY = check(
  "a character or binary string",
  (t) => isCharacterString(t) || isBinaryString(t),
);
export const BINARY = check("a binary string", isBinaryString);
export const INTEGER = check("an integer", isIntegerFamily);
export const EXACT_NUMERIC = check("an exact number (integer or DECIMAL)", isExactNumeric);
export const NUMERIC = check("a number", isNumeric);
export const BOOLEAN = check("a BOOLEAN", (t) => t.kind === "BOOLEAN");
export const DATE = check("a DATE", (t) => t.kind === "DATE");
export const TIME = check("a TIME", (t) => t.kind === "TIME");
export const TIMESTAMP = check("a TIMESTAMP or TIMESTAMP_LTZ", isTimestamp);
export const DATETIME = check("a DATE, TIME or TIMESTAMP", isDatetime);
/** DATE or TIMESTAMP: what the date-part functions (YEAR, DAYOFWEEK...) accept. */
export const DATE_OR_TIMESTAMP = check("a DATE or TIMESTAMP", (t) => t.kind === "DATE" || isTimestamp(t));
export const INTERVAL = check("an INTERVAL", isInterval);
export const ARRAY = check("an ARRAY", (t) => t.kind === "ARRAY");
export const MAP = check("a MAP", (t) => t.kind === "MAP");
export const MULTISET = check("a MULTISET", (t) => t.kind === "MULTISET");
export const ARRAY_OR_MAP = check(
  "an ARRAY, MAP or MULTISET",
  (t) => t.kind === "ARRAY" || t.kind === "MAP" || t.kind === "MULTISET",
);
export const COMPARABLE = check("a comparable value (not MAP, MULTISET or RAW)", isComparable);
/** HASH_CODE's inputs: the predefined scalar families. */
export const HASHABLE = check(
  "a BOOLEAN, number, string, DATE, TIME or TIMESTAMP",
  (t) => t.kind === "BOOLEAN" || isNumeric(t) || isCharacterString(t) || isBinaryString(t) || isDatetime(t),
);
/** A bare time unit argument (`DAY` in `TIMESTAMPADD(DAY, 1, ts)`), recognised by ArgInfo.timeUnit. */
export const TIME_UNIT = check("a time unit (YEAR, MONTH, DAY, HOUR, ...)", (t) => t.kind === "NULL");
