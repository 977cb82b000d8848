import type { EvalContext } from "../expr/eval-context.ts";
import { SqlEvalError } from "../expr/eval-error.ts";
import { floorDiv, floorMod, MS_PER_DAY } from "./calendar.ts";
import { compileFormatter, compileParser, PatternError } from "./datetime-format.ts";
import { decimalToNumber } from "./decimal.ts";
import { parseDateText, parseTimestampText } from "./parse-text.ts";
import {
  type CallSite,
  literalArg,
  type ScalarFunction,
  strict,
  strictBy,
  unitArg,
  valueArgTypes,
} from "./scalar-function.ts";
import {
  addUnits,
  addUnitsToDays,
  ceilMillis,
  diffUnits,
  extractFromDays,
  extractFromInterval,
  extractFromMillis,
  floorMillis,
  fromWallClock,
  wallClockOf,
} from "./temporal-fields.ts";
import { localToUtc, utcToLocal, zoneOffset } from "./time-zone.ts";

/**
 * Temporal functions (systemFunctions "Temporal Functions"). TIMESTAMP values are wall-clock times
 * (epoch millis read as UTC); TIMESTAMP_LTZ values are instants shown in the session zone
 * (EvalContext.timeZone). Dynamic functions read EvalContext's clock.
 */

const DEFAULT_FORMAT = "yyyy-MM-dd HH:mm:ss";

function formatterFor(fn: string, pattern: string) {
  try {
    return compileFormatter(pattern);
  } catch (e) {
    if (e instanceof PatternError) throw new SqlEvalError(fn, `${e.message} in '${pattern}'`);
    throw e;
  }
}

function parserFor(fn: string, pattern: string) {
  try {
    return compileParser(pattern);
  } catch (e) {
    if (e instanceof PatternError) throw new SqlEvalError(fn, `${e.message} in '${pattern}'`);
    throw e;
  }
}

export const EXTRACT: ScalarFunction = strictBy(
  (site) => {
    const unit = unitArg(site, 0);
    const type = site.args[1]!.type;
    switch (type.kind) {
      case "DATE":
        return (_ctx: EvalContext, d: number) => extractFromDays(unit, d);
      case "TIME":
        return (_ctx: EvalContext, t: number) => extractFromMillis(unit, t);
      case "INTERVAL_YM":
      case "INTERVAL_DT": {
        const yearMonth = type.kind === "INTERVAL_YM";
        return (_ctx: EvalContext, v: number) => extractFromInterval(unit, v, yearMonth);
      }
      default: {
        const wall = wallClockOf(type);
        return (ctx: EvalContext, v: number) => extractFromMillis(unit, wall(v, ctx));
      }
    }
  },
  { context: true },
);

function unitFunction(unit: string): ScalarFunction {
  return strictBy(
    (site) => {
      const type = valueArgTypes(site)[0]!;
      if (type.kind === "DATE") return (_ctx: EvalContext, d: number) => extractFromDays(unit, d);
      const wall = wallClockOf(type);
      return (ctx: EvalContext, v: number) => extractFromMillis(unit, wall(v, ctx));
    },
    { context: true },
  );
}

export const YEAR = unitFunction("YEAR");
export const QUARTER = unitFunction("QUARTER");
export const MONTH = unitFunction("MONTH");
export const WEEK = unitFunction("WEEK");
export const DAYOFMONTH = unitFunction("DAY");
export const DAYOFWEEK = unitFunction("DOW");
export const DAYOFYEAR = unitFunction("DOY");
export const HOUR = unitFunction("HOUR");
export const MINUTE = unitFunction("MINUTE");
export const SECOND = unitFunction("SECOND");

/**
 * DATE_FORMAT(timestamp | date | string, format): java.time formatting of the wall-clock time (a
 * string is first read as 'yyyy-MM-dd HH:mm:ss'); NULL when the string cannot be read.
 */
export const DATE_FORMAT: ScalarFunction = strictBy(
  (site) => {
    const type = valueArgTypes(site)[0]!;
    const literal = literalArg(site, 1);
    const fixed = typeof literal === "string" ? formatterFor("DATE_FORMAT", literal) : undefined;
    const format = (pattern: string) => fixed ?? formatterFor("DATE_FORMAT", pattern);
    if (type.kind === "CHAR" || type.kind === "VARCHAR") {
      return (_ctx: EvalContext, s: string, pattern: string) => {
        const millis = parseTimestampText(s);
        return millis === undefined ? null : format(pattern)(millis, 0);
      };
    }
    const ltz = type.kind === "TIMESTAMP_LTZ";
    const wall = wallClockOf(type);
    return (ctx: EvalContext, v: number, pattern: string) =>
      format(pattern)(wall(v, ctx), ltz ? zoneOffset(ctx.timeZone, v) : 0);
  },
  { context: true, mayReturnNull: true },
);

export const TIMESTAMPDIFF: ScalarFunction = strictBy(
  (site) => {
    const unit = unitArg(site, 0);
    const [a, b] = valueArgTypes(site);
    // Two instants compare as instants; otherwise as wall-clock times.
    const bothInstants = a!.kind === "TIMESTAMP_LTZ" && b!.kind === "TIMESTAMP_LTZ";
    const left = bothInstants ? (v: number) => v : wallClockOf(a!);
    const right = bothInstants ? (v: number) => v : wallClockOf(b!);
    return (ctx: EvalContext, x: number, y: number) => {
      const n = diffUnits(unit, left(x, ctx), right(y, ctx));
      return (n | 0) === n ? n : Number(BigInt.asIntN(32, BigInt(n)));
    };
  },
  { context: true },
);

export const TIMESTAMPADD: ScalarFunction = strictBy(
  (site) => {
    const unit = unitArg(site, 0);
    const type = valueArgTypes(site)[1]!;
    if (type.kind === "DATE" && site.type.kind === "DATE")
      return (_ctx: EvalContext, n: number, d: number) => addUnitsToDays(unit, n, d);
    if (type.kind === "TIME")
      return (_ctx: EvalContext, n: number, t: number) => floorMod(addUnits(unit, n, t), MS_PER_DAY);
    if (type.kind === "TIMESTAMP_LTZ") {
      // Calendar units move the local date; fixed units move the instant.
      return (ctx: EvalContext, n: number, v: number) =>
        unit === "YEAR" || unit === "QUARTER" || unit === "MONTH" || unit === "WEEK" || unit === "DAY"
          ? localToUtc(addUnits(unit, n, utcToLocal(v, ctx.timeZone)), ctx.timeZone)
          : addUnits(unit, n, v);
    }
    const wall = wallClockOf(type);
    return (ctx: EvalContext, n: number, v: number) => addUnits(unit, n, wall(v, ctx));
  },
  { context: true },
);

/** FLOOR/CEIL(datetime TO unit), in the session zone for TIMESTAMP_LTZ. */
export function floorCeilTemporal(
  ceil: boolean,
): (site: CallSite) => (ctx: EvalContext, v: number) => number {
  return (site) => {
    const unit = unitArg(site, 1);
    const type = site.args[0]!.type;
    const wall = wallClockOf(type);
    const back = fromWallClock(type);
    const round = ceil ? ceilMillis : floorMillis;
    return (ctx, v) => back(round(unit, wall(v, ctx)), ctx);
  };
}

export const CURRENT_TIMESTAMP: ScalarFunction = strict((ctx: EvalContext) => ctx.currentTimestamp(), {
  context: true,
});
export const LOCALTIMESTAMP: ScalarFunction = strict(
  (ctx: EvalContext) => utcToLocal(ctx.currentTimestamp(), ctx.timeZone),
  { context: true },
);
export const CURRENT_DATE: ScalarFunction = strict(
  (ctx: EvalContext) => floorDiv(utcToLocal(ctx.currentTimestamp(), ctx.timeZone), MS_PER_DAY),
  { context: true },
);
export const CURRENT_TIME: ScalarFunction = strict(
  (ctx: EvalContext) => floorMod(utcToLocal(ctx.currentTimestamp(), ctx.timeZone), MS_PER_DAY),
  { context: true },
);

/** TO_DATE(s[, format]): NULL when s does not match. */
export const TO_DATE: ScalarFunction = strict(
  (s: string, pattern?: string) => {
    if (pattern === undefined) return parseDateText(s) ?? null;
    const parsed = parserFor("TO_DATE", pattern)(s);
    return parsed === null ? null : floorDiv(parsed.millis, MS_PER_DAY);
  },
  { mayReturnNull: true },
);

/**
 * TO_TIMESTAMP(s[, format]): without a format Flink's default 'yyyy-MM-dd HH:mm:ss[.fff]'; with one,
 * the format, falling back to the default text as Flink does; NULL when neither reads the text.
 */
export const TO_TIMESTAMP: ScalarFunction = strict(
  (s: string, pattern?: string) => {
    if (pattern !== undefined) {
      const parsed = parserFor("TO_TIMESTAMP", pattern)(s);
      if (parsed !== null) return parsed.millis;
    }
    return parseTimestampText(s) ?? null;
  },
  { mayReturnNull: true },
);

/**
 * TO_TIMESTAMP_LTZ(number, precision): epoch seconds (0) or milliseconds (3, the default); other
 * precisions are an error, as in Flink. TO_TIMESTAMP_LTZ(string[, format[, zone]]) reads local time.
 */
export const TO_TIMESTAMP_LTZ: ScalarFunction = strictBy(
  (site) => {
    const first = valueArgTypes(site)[0]!;
    if (first.kind === "CHAR" || first.kind === "VARCHAR") {
      return (ctx: EvalContext, s: string, pattern?: string, zone?: string) => {
        const parsed =
          pattern === undefined ? parseTimestampText(s) : parserFor("TO_TIMESTAMP_LTZ", pattern)(s)?.millis;
        if (parsed === undefined || parsed === null) return null;
        return localToUtc(parsed, zone ?? ctx.timeZone, "TO_TIMESTAMP_LTZ");
      };
    }
    const scale = first.kind === "DECIMAL" ? first.scale : undefined;
    return (_ctx: EvalContext, n: number | bigint, precision = 3) => {
      const value = scale === undefined ? (n as number) : decimalToNumber(n as bigint, scale);
      if (precision === 0) return Math.trunc(value * 1000);
      if (precision === 3) return Math.trunc(value);
      throw new SqlEvalError(
        "TO_TIMESTAMP_LTZ",
        `precision ${precision} is unsupported; use 0 for seconds or 3 for milliseconds`,
      );
    };
  },
  { context: true, mayReturnNull: true },
);

/** UNIX_TIMESTAMP(): now in seconds; UNIX_TIMESTAMP(s[, format]): s read in the session zone, NULL if unreadable. */
export const UNIX_TIMESTAMP: ScalarFunction = strict(
  (ctx: EvalContext, s?: string, pattern = DEFAULT_FORMAT) => {
    if (s === undefined) return floorDiv(ctx.currentTimestamp(), 1000);
    const parsed = parserFor("UNIX_TIMESTAMP", pattern)(s);
    if (parsed === null) return null;
    const instant =
      parsed.offsetMs !== undefined
        ? parsed.millis - parsed.offsetMs
        : localToUtc(parsed.millis, ctx.timeZone);
    return floorDiv(instant, 1000);
  },
  { context: true, mayReturnNull: true },
);

/** FROM_UNIXTIME(seconds[, format]): the instant formatted in the session zone. */
export const FROM_UNIXTIME: ScalarFunction = strict(
  (ctx: EvalContext, seconds: number, pattern = DEFAULT_FORMAT) => {
    const instant = seconds * 1000;
    return formatterFor("FROM_UNIXTIME", pattern)(
      utcToLocal(instant, ctx.timeZone),
      zoneOffset(ctx.timeZone, instant),
    );
  },
  { context: true },
);

/** CONVERT_TZ('yyyy-MM-dd HH:mm:ss', fromZone, toZone). */
export const CONVERT_TZ: ScalarFunction = strict(
  (s: string, from: string, to: string) => {
    const local = parseTimestampText(s);
    if (local === undefined) return null;
    const instant = localToUtc(local, from, "CONVERT_TZ");
    return compileFormatter(DEFAULT_FORMAT)(utcToLocal(instant, to, "CONVERT_TZ"), 0);
  },
  { mayReturnNull: true },
);
