import { describe, expect, it } from "vitest";
import { t } from "../../../src/sql/types/constructors.ts";
import { infer, type TestArg } from "./helpers.ts";

type Case = readonly [name: string, args: readonly TestArg[], expected: string];

const s = t.string();
const S = t.string(false);
const i = t.int();
const I = t.int(false);

const stringCases: Case[] = [
  ["CONCAT", [S, S, S], "STRING NOT NULL"],
  ["CONCAT", [S, s], "STRING"],
  ["CONCAT_WS", [S, S, S], "STRING NOT NULL"],
  ["UPPER", [t.char(3, false)], "CHAR(3) NOT NULL"],
  ["lower", [s], "STRING"],
  ["INITCAP", [t.varchar(5)], "VARCHAR(5)"],
  ["TRIM", [t.char(4, false)], "VARCHAR(4) NOT NULL"],
  ["LTRIM", [t.varchar(7, false)], "VARCHAR(7) NOT NULL"],
  ["SUBSTRING", [t.varchar(10, false), I], "VARCHAR(10)"],
  ["SUBSTR", [S, I, I], "STRING"],
  ["LEFT", [t.char(8, false), I], "VARCHAR(8)"],
  ["REPLACE", [S, S, S], "STRING NOT NULL"],
  ["REGEXP", [S, [S, "a.*"]], "BOOLEAN NOT NULL"],
  ["REGEXP_EXTRACT", [S, S, I], "STRING"],
  ["REGEXP_REPLACE", [S, S, s], "STRING"],
  ["SPLIT_INDEX", [S, S, I], "STRING"],
  ["SPLIT", [S, S], "ARRAY<STRING> NOT NULL"],
  ["LPAD", [S, I, S], "STRING NOT NULL"],
  ["CHAR_LENGTH", [S], "INT NOT NULL"],
  ["CHARACTER_LENGTH", [s], "INT"],
  ["POSITION", [S, S], "INT NOT NULL"],
  ["LOCATE", [S, S, I], "INT NOT NULL"],
  ["INSTR", [S, S, I, I], "INT NOT NULL"],
  ["REPEAT", [S, I], "STRING NOT NULL"],
  ["REVERSE", [S], "STRING"],
  ["MD5", [S], "CHAR(32) NOT NULL"],
  ["SHA1", [s], "CHAR(40)"],
  ["SHA256", [S], "CHAR(64) NOT NULL"],
  ["SHA2", [S, [I, 256]], "VARCHAR(128) NOT NULL"],
  ["TO_BASE64", [S], "STRING NOT NULL"],
  ["FROM_BASE64", [S], "STRING NOT NULL"],
  ["UUID", [], "CHAR(36) NOT NULL"],
  ["ASCII", [S], "INT NOT NULL"],
  ["CHR", [I], "STRING"],
  ["OVERLAY", [t.varchar(5, false), t.varchar(3, false), I], "VARCHAR(8) NOT NULL"],
  ["STR_TO_MAP", [S], "MAP<STRING, STRING> NOT NULL"],
  ["PARSE_URL", [S, S], "STRING"],
  ["UPPER", [I], "error: UPPER expects a character string, got INT NOT NULL"],
  ["LPAD", [S, S, S], "error: LPAD expects an integer as argument 2, got STRING NOT NULL"],
  ["SUBSTRING", [t.bytes(), I], "error: SUBSTRING expects a character string as argument 1, got BYTES"],
  // An untyped NULL fits any parameter.
  ["UPPER", [t.null()], "NULL"],
];

const temporalCases: Case[] = [
  ["CURRENT_TIMESTAMP", [], "TIMESTAMP_LTZ(3) NOT NULL"],
  ["NOW", [], "TIMESTAMP_LTZ(3) NOT NULL"],
  ["LOCALTIMESTAMP", [], "TIMESTAMP(3) NOT NULL"],
  ["CURRENT_DATE", [], "DATE NOT NULL"],
  ["CURRENT_TIME", [], "TIME(0) NOT NULL"],
  ["LOCALTIME", [], "TIME(0) NOT NULL"],
  ["CURRENT_ROW_TIMESTAMP", [], "TIMESTAMP_LTZ(3) NOT NULL"],
  ["PROCTIME", [], "TIMESTAMP_LTZ(3) NOT NULL"],
  ["DATE_FORMAT", [t.timestamp(3, false), S], "STRING"],
  ["DATE_FORMAT", [S, S], "STRING"],
  ["TO_DATE", [S], "DATE"],
  ["TO_TIMESTAMP", [S, S], "TIMESTAMP(3)"],
  ["TO_TIMESTAMP_LTZ", [t.bigint(false), [I, 3]], "TIMESTAMP_LTZ(3)"],
  ["UNIX_TIMESTAMP", [], "BIGINT NOT NULL"],
  ["UNIX_TIMESTAMP", [s], "BIGINT"],
  ["FROM_UNIXTIME", [t.bigint(false)], "STRING"],
  ["CONVERT_TZ", [S, S, S], "STRING"],
  ["YEAR", [t.date(false)], "BIGINT NOT NULL"],
  ["HOUR", [t.timestamp(3)], "BIGINT"],
  ["DAYOFWEEK", [t.timestampLtz(3, false)], "BIGINT NOT NULL"],
  ["TIMESTAMPADD", [{ unit: "DAY" }, I, t.timestamp(3, false)], "TIMESTAMP(3) NOT NULL"],
  ["TIMESTAMPADD", [{ unit: "MONTH" }, I, t.date(false)], "DATE NOT NULL"],
  ["TIMESTAMPDIFF", [{ unit: "SECOND" }, t.timestamp(3, false), t.timestamp(3)], "INT"],
  ["CURRENT_WATERMARK", [t.timestamp(3, false)], "TIMESTAMP(3)"],
  ["SOURCE_WATERMARK", [], "TIMESTAMP_LTZ(3) NOT NULL"],
  ["FLOOR", [t.timestamp(3, false), { unit: "HOUR" }], "TIMESTAMP(3) NOT NULL"],
  ["CEIL", [t.date(), { unit: "MONTH" }], "DATE"],
  ["YEAR", [S], "error: YEAR expects a DATE, TIME or TIMESTAMP, got STRING NOT NULL"],
  [
    "TIMESTAMPADD",
    [I, I, t.date()],
    "error: TIMESTAMPADD expects a time unit (YEAR, MONTH, DAY, HOUR, ...) as argument 1, got INT NOT NULL",
  ],
  [
    "TO_TIMESTAMP_LTZ",
    [t.boolean(), I],
    "error: TO_TIMESTAMP_LTZ expects a number or a character string as argument 1, got BOOLEAN",
  ],
];

const mathCases: Case[] = [
  ["ABS", [t.decimal(5, 2, false)], "DECIMAL(5, 2) NOT NULL"],
  ["ABS", [t.intervalDayTime()], "INTERVAL SECOND(3)"],
  ["MOD", [t.bigint(false), I], "INT NOT NULL"],
  ["MOD", [t.decimal(10, 2, false), t.decimal(5, 1, false)], "DECIMAL(6, 2) NOT NULL"],
  ["POWER", [I, t.double()], "DOUBLE"],
  ["SQRT", [I], "DOUBLE NOT NULL"],
  ["LN", [i], "DOUBLE"],
  ["LOG", [I, I], "DOUBLE NOT NULL"],
  ["LOG10", [I], "DOUBLE NOT NULL"],
  ["EXP", [I], "DOUBLE NOT NULL"],
  ["ATAN2", [I, I], "DOUBLE NOT NULL"],
  // findRoundDecimalType: 0 <= r < s gives DECIMAL(1 + p - s + r, r).
  ["ROUND", [t.decimal(10, 4, false), [I, 2]], "DECIMAL(9, 2) NOT NULL"],
  ["ROUND", [t.decimal(10, 4, false)], "DECIMAL(7, 0) NOT NULL"],
  ["ROUND", [t.decimal(10, 2, false), [I, -1]], "DECIMAL(9, 0) NOT NULL"],
  ["ROUND", [t.decimal(10, 2, false), [I, 5]], "DECIMAL(10, 2) NOT NULL"],
  ["TRUNCATE", [t.double(), [I, 1]], "DOUBLE"],
  ["FLOOR", [t.decimal(10, 2, false)], "DECIMAL(10, 0) NOT NULL"],
  ["CEILING", [t.double()], "DOUBLE"],
  ["SIGN", [t.bigint()], "BIGINT"],
  ["PI", [], "DOUBLE NOT NULL"],
  ["E", [], "DOUBLE NOT NULL"],
  ["RAND", [], "DOUBLE NOT NULL"],
  ["RAND_INTEGER", [I, I], "INT NOT NULL"],
  ["BIN", [t.bigint(false)], "STRING NOT NULL"],
  ["HEX", [S], "STRING NOT NULL"],
  ["SQRT", [S], "error: SQRT expects a number, got STRING NOT NULL"],
  [
    "MOD",
    [t.double(), I],
    "error: MOD expects an exact number (integer or DECIMAL) as argument 1, got DOUBLE",
  ],
];

const conditionalCases: Case[] = [
  ["COALESCE", [i, I], "INT NOT NULL"],
  ["COALESCE", [i, t.bigint()], "BIGINT"],
  ["COALESCE", [t.null(), t.decimal(5, 2, false)], "DECIMAL(5, 2) NOT NULL"],
  ["COALESCE", [i, S], "error: COALESCE arguments have no common type: INT, STRING"],
  ["NULLIF", [I, I], "INT"],
  ["NULLIF", [I, t.boolean()], "error: NULLIF cannot compare INT NOT NULL with BOOLEAN"],
  ["IF", [t.boolean(false), I, t.bigint(false)], "BIGINT NOT NULL"],
  ["IF", [t.boolean(), t.char(1, false), t.char(3, false)], "VARCHAR(3)"],
  ["IF", [I, I, I], "error: IF expects a BOOLEAN as argument 1, got INT NOT NULL"],
  ["IF", [t.boolean(), I, S], "error: IF arguments have no common type: INT, STRING"],
  ["IFNULL", [i, I], "INT NOT NULL"],
  ["IFNULL", [I, i], "INT"],
  ["IS_ALPHA", [s], "BOOLEAN NOT NULL"],
  ["IS_DIGIT", [S], "BOOLEAN NOT NULL"],
  ["IS_DECIMAL", [i], "BOOLEAN NOT NULL"],
  ["GREATEST", [I, t.bigint(false), t.decimal(5, 2, false)], "DECIMAL(21, 2) NOT NULL"],
  ["LEAST", [t.timestamp(3, false), t.timestamp(6)], "TIMESTAMP(6)"],
  [
    "GREATEST",
    [t.map(I, I)],
    "error: GREATEST expects a comparable value (not MAP, MULTISET or RAW), got MAP<INT NOT NULL, INT NOT NULL>",
  ],
];

const jsonCases: Case[] = [
  ["JSON_STRING", [I], "STRING NOT NULL"],
  ["JSON_STRING", [i], "STRING"],
  ["JSON_VALUE", [S, S], "STRING"],
  ["JSON_QUERY", [S, S], "STRING"],
  ["JSON_EXISTS", [S, S], "BOOLEAN"],
  ["JSON_OBJECT", [S, i], "STRING NOT NULL"],
  ["JSON_ARRAY", [], "STRING NOT NULL"],
];

const collectionCases: Case[] = [
  ["CARDINALITY", [t.array(I, false)], "INT NOT NULL"],
  ["CARDINALITY", [t.map(S, I)], "INT"],
  ["ELEMENT", [t.array(I, false)], "INT"],
  ["ARRAY_CONTAINS", [t.array(I, false), i], "BOOLEAN NOT NULL"],
  [
    "ARRAY_CONTAINS",
    [t.array(I, false), S],
    "error: ARRAY_CONTAINS expects an element of type INT NOT NULL, got STRING NOT NULL",
  ],
  ["ARRAY_DISTINCT", [t.array(I)], "ARRAY<INT NOT NULL>"],
  ["ARRAY_POSITION", [t.array(I, false), I], "INT NOT NULL"],
  ["ARRAY_REMOVE", [t.array(I, false), i], "ARRAY<INT NOT NULL> NOT NULL"],
  ["ARRAY_REVERSE", [t.array(S, false)], "ARRAY<STRING NOT NULL> NOT NULL"],
  ["ARRAY_SLICE", [t.array(S, false), I, I], "ARRAY<STRING NOT NULL> NOT NULL"],
  ["ARRAY_UNION", [t.array(I, false), t.array(t.bigint(), false)], "ARRAY<BIGINT> NOT NULL"],
  ["ARRAY_CONCAT", [t.array(I, false), t.array(I, false), t.array(i, false)], "ARRAY<INT> NOT NULL"],
  ["ARRAY_JOIN", [t.array(S, false), S], "STRING NOT NULL"],
  [
    "ARRAY_JOIN",
    [t.array(I, false), S],
    "error: ARRAY_JOIN expects an ARRAY of character strings as argument 1, got ARRAY<INT NOT NULL> NOT NULL",
  ],
  ["ARRAY_MAX", [t.array(I, false)], "INT"],
  [
    "ARRAY_MIN",
    [t.array(t.map(I, I), false)],
    "error: ARRAY_MIN expects an ARRAY of comparable elements, got ARRAY<MAP<INT NOT NULL, INT NOT NULL>> NOT NULL",
  ],
  ["ARRAY_APPEND", [t.array(I, false), t.bigint()], "ARRAY<BIGINT> NOT NULL"],
  ["MAP_KEYS", [t.map(S, I, false)], "ARRAY<STRING NOT NULL> NOT NULL"],
  ["MAP_VALUES", [t.map(S, i)], "ARRAY<INT>"],
  [
    "MAP_ENTRIES",
    [t.map(S, I, false)],
    "ARRAY<ROW<`key` STRING NOT NULL, `value` INT NOT NULL> NOT NULL> NOT NULL",
  ],
  ["MAP_FROM_ARRAYS", [t.array(S, false), t.array(I, false)], "MAP<STRING NOT NULL, INT NOT NULL> NOT NULL"],
  ["CARDINALITY", [S], "error: CARDINALITY expects an ARRAY, MAP or MULTISET, got STRING NOT NULL"],
];

describe.each([
  ["string", stringCases],
  ["temporal", temporalCases],
  ["math", mathCases],
  ["conditional", conditionalCases],
  ["json", jsonCases],
  ["collection", collectionCases],
])("%s functions", (_family, cases) => {
  it.each(cases)("%s(%o) → %s", (name, args, expected) => {
    expect(infer(name, args)).toBe(expected);
  });
});
