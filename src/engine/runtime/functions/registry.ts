import * as math from "./math.ts";
import { REGEXP, REGEXP_EXTRACT, REGEXP_REPLACE } from "./regex.ts";
import type { ScalarFunction } from "./scalar-function.ts";
import * as string from "./string.ts";
import * as temporal from "./temporal.ts";

/**
 * Built-in scalar functions by the name the binder gives a `call` node (src/sql/functions). Operators
 * and the lazy forms (AND, CASE, COALESCE, IF, ...) are compiled inline by the expression compiler
 * and are not here.
 */
const FUNCTIONS = new Map<string, ScalarFunction>([
  // string
  ["CONCAT", string.CONCAT],
  ["CONCAT_WS", string.CONCAT_WS],
  ["LOWER", string.LOWER],
  ["UPPER", string.UPPER],
  ["INITCAP", string.INITCAP],
  ["CHAR_LENGTH", string.CHAR_LENGTH],
  ["CHARACTER_LENGTH", string.CHAR_LENGTH],
  ["SUBSTRING", string.SUBSTRING],
  ["SUBSTR", string.SUBSTRING],
  ["SPLIT_INDEX", string.SPLIT_INDEX],
  ["POSITION", string.POSITION],
  ["LOCATE", string.POSITION],
  ["INSTR", string.INSTR],
  ["LPAD", string.LPAD],
  ["RPAD", string.RPAD],
  ["TRIM BOTH", string.TRIM_BOTH],
  ["TRIM LEADING", string.TRIM_LEADING],
  ["TRIM TRAILING", string.TRIM_TRAILING],
  ["LTRIM", string.LTRIM],
  ["RTRIM", string.RTRIM],
  ["REPEAT", string.REPEAT],
  ["REVERSE", string.REVERSE],
  ["REPLACE", string.REPLACE],
  ["LEFT", string.LEFT],
  ["RIGHT", string.RIGHT],
  ["ASCII", string.ASCII],
  ["CHR", string.CHR],
  ["OVERLAY", string.OVERLAY],
  ["STR_TO_MAP", string.STR_TO_MAP],
  ["SPLIT", string.SPLIT],
  ["TO_BASE64", string.TO_BASE64],
  ["FROM_BASE64", string.FROM_BASE64],
  ["URL_ENCODE", string.URL_ENCODE],
  ["URL_DECODE", string.URL_DECODE],
  ["PARSE_URL", string.PARSE_URL],
  ["IS_ALPHA", string.IS_ALPHA],
  ["IS_DIGIT", string.IS_DIGIT],
  ["IS_DECIMAL", string.IS_DECIMAL],
  ["REGEXP", REGEXP],
  ["REGEXP_EXTRACT", REGEXP_EXTRACT],
  ["REGEXP_REPLACE", REGEXP_REPLACE],
  // temporal
  ["EXTRACT", temporal.EXTRACT],
  ["YEAR", temporal.YEAR],
  ["QUARTER", temporal.QUARTER],
  ["MONTH", temporal.MONTH],
  ["WEEK", temporal.WEEK],
  ["DAYOFMONTH", temporal.DAYOFMONTH],
  ["DAYOFWEEK", temporal.DAYOFWEEK],
  ["DAYOFYEAR", temporal.DAYOFYEAR],
  ["HOUR", temporal.HOUR],
  ["MINUTE", temporal.MINUTE],
  ["SECOND", temporal.SECOND],
  ["DATE_FORMAT", temporal.DATE_FORMAT],
  ["TIMESTAMPDIFF", temporal.TIMESTAMPDIFF],
  ["TIMESTAMPADD", temporal.TIMESTAMPADD],
  ["CURRENT_TIMESTAMP", temporal.CURRENT_TIMESTAMP],
  ["NOW", temporal.CURRENT_TIMESTAMP],
  ["CURRENT_ROW_TIMESTAMP", temporal.CURRENT_TIMESTAMP],
  ["PROCTIME", temporal.CURRENT_TIMESTAMP],
  ["LOCALTIMESTAMP", temporal.LOCALTIMESTAMP],
  ["CURRENT_DATE", temporal.CURRENT_DATE],
  ["CURRENT_TIME", temporal.CURRENT_TIME],
  ["LOCALTIME", temporal.CURRENT_TIME],
  ["TO_DATE", temporal.TO_DATE],
  ["TO_TIMESTAMP", temporal.TO_TIMESTAMP],
  ["TO_TIMESTAMP_LTZ", temporal.TO_TIMESTAMP_LTZ],
  ["UNIX_TIMESTAMP", temporal.UNIX_TIMESTAMP],
  ["FROM_UNIXTIME", temporal.FROM_UNIXTIME],
  ["CONVERT_TZ", temporal.CONVERT_TZ],
  // math
  ["ABS", math.ABS],
  ["POWER", math.POWER],
  ["SQRT", math.SQRT],
  ["LN", math.LN],
  ["LOG10", math.LOG10],
  ["LOG2", math.LOG2],
  ["LOG", math.LOG],
  ["EXP", math.EXP],
  ["SIN", math.SIN],
  ["COS", math.COS],
  ["TAN", math.TAN],
  ["COT", math.COT],
  ["ASIN", math.ASIN],
  ["ACOS", math.ACOS],
  ["ATAN", math.ATAN],
  ["ATAN2", math.ATAN2],
  ["SINH", math.SINH],
  ["COSH", math.COSH],
  ["TANH", math.TANH],
  ["DEGREES", math.DEGREES],
  ["RADIANS", math.RADIANS],
  ["ROUND", math.ROUND],
  ["TRUNCATE", math.TRUNCATE],
  ["FLOOR", math.FLOOR],
  ["CEIL", math.CEIL],
  ["CEILING", math.CEIL],
  ["SIGN", math.SIGN],
  ["PI", math.PI],
  ["E", math.E],
  ["RAND", math.RAND],
  ["RAND_INTEGER", math.RAND_INTEGER],
  ["BIN", math.BIN],
  ["HEX", math.HEX],
]);

export function lookupScalarFunction(name: string): ScalarFunction | undefined {
  return FUNCTIONS.get(name);
}

/** Every name with an implementation, for coverage tests. */
export function scalarFunctionNames(): readonly string[] {
  return [...FUNCTIONS.keys()];
}
