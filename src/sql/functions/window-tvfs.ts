import { mapArray } from "../map-array.ts";
import { t } from "../types/constructors.ts";
import type { DataType, RowField } from "../types/data-type.ts";
import { formatDataType } from "../types/format-type.ts";
import type { TypingError } from "../types/type-error.ts";
import { ANY, type ArgCheck, DATETIME, TIME, TIMESTAMP } from "./arg-checks.ts";
import type { ArgInfo, FunctionDefinition } from "./function-definition.ts";
import { defineFunction } from "./signatures.ts";

/**
 * The columns a window TVF appends: window_start and window_end are TIMESTAMP(3) NOT NULL whatever
 * the time column; window_time, the new time attribute, is TIMESTAMP(3) for a TIMESTAMP rowtime and
 * TIMESTAMP_LTZ(3) for a TIMESTAMP_LTZ rowtime or a processing-time attribute.
 */
export function windowTvfColumns(timeColType: DataType): readonly RowField[] {
  const windowTime = timeColType.kind === "TIMESTAMP" ? t.timestamp(3, false) : t.timestampLtz(3, false);
  return [
    { name: "window_start", type: t.timestamp(3, false) },
    { name: "window_end", type: t.timestamp(3, false) },
    { name: "window_time", type: windowTime },
  ];
}

/** Window sizes, slides, steps, gaps and offsets are day-time intervals (months vary in length). */
const DAY_TIME_INTERVAL: ArgCheck = {
  expected: "a day-time INTERVAL",
  accepts: (type) => type.kind === "INTERVAL_DT",
};

/** The time column must be a TIMESTAMP(3) or TIMESTAMP_LTZ(3) (the binder checks it is a time attribute). */
function checkTimeColumn(name: string, args: readonly ArgInfo[]): TypingError | undefined {
  const time = args[1]!.type;
  if ((time.kind === "TIMESTAMP" || time.kind === "TIMESTAMP_LTZ") && time.precision === 3) return undefined;
  return {
    error: `${name} expects a TIMESTAMP(3) or TIMESTAMP_LTZ(3) time attribute, got ${formatDataType(time)}`,
    argIndex: 1,
  };
}

/**
 * A window TVF; arguments are [table, time column, intervals...]. The binder passes the DESCRIPTOR'd
 * column's type as argument 1; the result is a ROW of the appended columns (windowTvfColumns).
 */
function windowTvf(name: string, argNames: readonly string[], required: number): FunctionDefinition {
  const intervals = argNames.length - 2;
  const signatures: ArgCheck[][] = [];
  for (let n = required - 2; n <= intervals; n++)
    signatures.push([ANY, TIMESTAMP, ...Array(n).fill(DAY_TIME_INTERVAL)]);
  return defineFunction({
    name,
    kind: "windowTvf",
    argNames,
    signatures,
    returns: (args) => checkTimeColumn(name, args) ?? t.row(windowTvfColumns(args[1]!.type), false),
    nullability: "asReturned",
  });
}

export const WINDOW_TVFS: readonly FunctionDefinition[] = [
  windowTvf("TUMBLE", ["DATA", "TIMECOL", "SIZE", "OFFSET"], 3),
  windowTvf("HOP", ["DATA", "TIMECOL", "SLIDE", "SIZE", "OFFSET"], 4),
  windowTvf("CUMULATE", ["DATA", "TIMECOL", "STEP", "SIZE", "OFFSET"], 4),
  windowTvf("SESSION", ["DATA", "TIMECOL", "GAP"], 3),
];

/**
 * Legacy `GROUP BY TUMBLE(ts, size [, alignment])`, `HOP(ts, slide, size [, alignment])`,
 * `SESSION(ts, gap)`: typed as their time argument.
 */
function groupWindow(name: string, intervals: number): FunctionDefinition {
  const base: ArgCheck[] = [DATETIME, ...Array(intervals).fill(DAY_TIME_INTERVAL)];
  const signatures = name === "SESSION" ? [base] : [base, [...base, TIME]];
  return defineFunction({ name, kind: "groupWindow", signatures, returns: (args) => args[0]!.type });
}

export const GROUP_WINDOWS: readonly FunctionDefinition[] = [
  groupWindow("TUMBLE", 1),
  groupWindow("HOP", 2),
  groupWindow("SESSION", 1),
];

/**
 * `TUMBLE_START(ts, size)` and friends, which repeat their group window's arguments. START/END are
 * TIMESTAMP(3); ROWTIME is a rowtime attribute of the time column's kind; PROCTIME a TIMESTAMP_LTZ(3)
 * processing-time attribute.
 */
function auxiliaries(window: FunctionDefinition): FunctionDefinition[] {
  const types: Record<string, (time: DataType) => DataType> = {
    START: () => t.timestamp(3, false),
    END: () => t.timestamp(3, false),
    ROWTIME: (time) => (time.kind === "TIMESTAMP_LTZ" ? t.timestampLtz(3, false) : t.timestamp(3, false)),
    PROCTIME: () => t.timestampLtz(3, false),
  };
  return mapArray(Object.entries(types), ([suffix, type]) => {
    const name = `${window.name}_${suffix}`;
    return {
      ...window,
      name,
      kind: "groupWindowAuxiliary",
      inferType: (args, ctx) => {
        const checked = window.inferType(args, { ...ctx, calledAs: name });
        return "error" in checked ? checked : type(args[0]!.type);
      },
    };
  });
}

export const GROUP_WINDOW_AUXILIARIES: readonly FunctionDefinition[] = GROUP_WINDOWS.flatMap(auxiliaries);
