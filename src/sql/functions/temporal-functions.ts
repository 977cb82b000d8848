import type { TimeUnit } from "../ast/expression.ts";
import { t, withNullability } from "../types/constructors.ts";
import type { DataType } from "../types/data-type.ts";
import { formatDataType } from "../types/format-type.ts";
import type { TypingError } from "../types/type-error.ts";
import {
  type ArgCheck,
  CHARACTER,
  DATE,
  DATETIME,
  INTEGER,
  NUMERIC,
  STRING_OR_BINARY as STR,
  TIME_UNIT,
  TIMESTAMP,
} from "./arg-checks.ts";
import type { FunctionDefinition } from "./function-definition.ts";
import { argType, defineEach, defineFunction } from "./signatures.ts";

const DAY_OR_LONGER = new Set([
  "YEAR",
  "QUARTER",
  "MONTH",
  "WEEK",
  "DAY",
  "DOW",
  "DOY",
  "ISODOW",
  "ISOYEAR",
  "DECADE",
  "CENTURY",
  "MILLENNIUM",
]);
const SHORTER_THAN_DAY = new Set(["HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND", "NANOSECOND"]);

/**
 * `EXTRACT(unit FROM source)` → BIGINT, nullable as the source. DATE has no time-of-day parts and
 * TIME no calendar parts; intervals and timestamps have both.
 */
export function extractResultType(unit: TimeUnit, source: DataType): DataType | TypingError {
  const fits =
    source.kind === "NULL" ||
    source.kind === "TIMESTAMP" ||
    source.kind === "TIMESTAMP_LTZ" ||
    source.kind === "INTERVAL_DT" ||
    source.kind === "INTERVAL_YM" ||
    (source.kind === "DATE" && (DAY_OR_LONGER.has(unit) || unit === "EPOCH")) ||
    (source.kind === "TIME" && (SHORTER_THAN_DAY.has(unit) || unit === "EPOCH"));
  if (!fits) return { error: `Cannot extract ${unit} from ${formatDataType(source)}` };
  return t.bigint(source.nullable);
}

/** Per-record in streaming, per-query in batch; never the same from one run to the next. */
const dynamicNow = {
  signatures: [[]] as ArgCheck[][],
  nullability: "notNull" as const,
  deterministic: false,
  dynamic: true,
};

/** TIMESTAMPADD(unit, n, datetime): sub-day steps turn a DATE into a TIMESTAMP; otherwise the datetime's type. */
function timestampAddType(unit: string, datetime: DataType): DataType {
  if (unit === "MILLISECOND") return t.timestamp(3);
  if (unit === "MICROSECOND") return t.timestamp(6);
  if (datetime.kind === "DATE" && SHORTER_THAN_DAY.has(unit)) return t.timestamp(0);
  return datetime;
}

export const TEMPORAL_FUNCTIONS: readonly FunctionDefinition[] = [
  defineFunction({ name: "CURRENT_DATE", returns: t.date(false), ...dynamicNow }),
  ...defineEach(["CURRENT_TIME", "LOCALTIME"], { returns: t.time(0, false), ...dynamicNow }),
  ...defineEach(["CURRENT_TIMESTAMP", "NOW"], { returns: t.timestampLtz(3, false), ...dynamicNow }),
  defineFunction({ name: "LOCALTIMESTAMP", returns: t.timestamp(3, false), ...dynamicNow }),
  // Always per record, also in batch mode.
  defineFunction({
    name: "CURRENT_ROW_TIMESTAMP",
    signatures: [[]],
    returns: t.timestampLtz(3, false),
    nullability: "notNull",
    deterministic: false,
  }),
  // The binder marks the result as a processing-time attribute.
  defineFunction({
    name: "PROCTIME",
    signatures: [[]],
    returns: t.timestampLtz(3, false),
    nullability: "notNull",
    deterministic: false,
  }),
  defineFunction({
    name: "DATE_FORMAT",
    signatures: [
      [TIMESTAMP, STR],
      [DATE, STR],
      [STR, STR],
    ],
    returns: t.string(),
    nullability: "forced",
  }),
  // Unparsable input gives NULL, so these are always nullable.
  defineFunction({
    name: "TO_DATE",
    signatures: [[STR], [STR, STR]],
    returns: t.date(),
    nullability: "forced",
  }),
  defineFunction({
    name: "TO_TIMESTAMP",
    signatures: [[CHARACTER], [CHARACTER, CHARACTER]],
    returns: t.timestamp(3),
    nullability: "forced",
  }),
  defineFunction({
    name: "TO_TIMESTAMP_LTZ",
    signatures: [
      [NUMERIC],
      [NUMERIC, INTEGER],
      [CHARACTER],
      [CHARACTER, CHARACTER],
      [CHARACTER, CHARACTER, CHARACTER],
    ],
    returns: t.timestampLtz(3),
    nullability: "forced",
  }),
  // Without arguments: the current time, hence not deterministic.
  defineFunction({
    name: "UNIX_TIMESTAMP",
    signatures: [[], [STR], [STR, STR]],
    returns: t.bigint(),
    deterministic: false,
  }),
  defineFunction({
    name: "FROM_UNIXTIME",
    signatures: [[INTEGER], [INTEGER, STR]],
    returns: t.string(),
    nullability: "forced",
  }),
  defineFunction({
    name: "CONVERT_TZ",
    signatures: [[STR, STR, STR]],
    returns: t.string(),
    nullability: "forced",
  }),
  ...defineEach(
    ["YEAR", "QUARTER", "MONTH", "WEEK", "DAYOFMONTH", "DAYOFWEEK", "DAYOFYEAR", "HOUR", "MINUTE", "SECOND"],
    {
      signatures: [[DATETIME]],
      returns: t.bigint(),
    },
  ),
  defineFunction({
    name: "TIMESTAMPADD",
    signatures: [[TIME_UNIT, INTEGER, DATETIME]],
    returns: (args) => timestampAddType(args[0]!.timeUnit!, argType(args, 2)),
  }),
  defineFunction({ name: "TIMESTAMPDIFF", signatures: [[TIME_UNIT, DATETIME, DATETIME]], returns: t.int() }),
  // Only meaningful in WATERMARK FOR ... AS SOURCE_WATERMARK(): the source's own watermark.
  defineFunction({
    name: "SOURCE_WATERMARK",
    signatures: [[]],
    returns: t.timestampLtz(3, false),
    nullability: "notNull",
  }),
  // NULL until the first watermark arrives, hence always nullable; the binder checks the argument is a rowtime attribute.
  defineFunction({
    name: "CURRENT_WATERMARK",
    signatures: [[TIMESTAMP]],
    returns: (args) => withNullability(argType(args, 0), true),
    nullability: "forced",
    deterministic: false,
  }),
];
