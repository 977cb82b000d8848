import { describe, expect, it } from "vitest";
import { jsonFunctionType } from "../../../src/sql/functions/json-functions.ts";
import {
  allFunctionNames,
  lookupFunction,
  lookupTableFunction,
} from "../../../src/sql/functions/registry.ts";
import { extractResultType } from "../../../src/sql/functions/temporal-functions.ts";
import { windowTvfColumns } from "../../../src/sql/functions/window-tvfs.ts";
import { t } from "../../../src/sql/types/constructors.ts";
import { formatDataType } from "../../../src/sql/types/format-type.ts";
import { infer } from "./helpers.ts";

const grouped = { aggregateScope: "grouped" } as const;

describe("aggregate functions", () => {
  it.each([
    ["COUNT", [], undefined, "BIGINT NOT NULL"],
    ["COUNT", [t.int()], undefined, "BIGINT NOT NULL"],
    // SUM keeps integer types; DECIMAL(p, s) → DECIMAL(38, s) (LogicalTypeMerging.findSumAggType).
    ["SUM", [t.int(false)], grouped, "INT NOT NULL"],
    ["SUM", [t.decimal(10, 2, false)], grouped, "DECIMAL(38, 2) NOT NULL"],
    // Without GROUP BY, or with FILTER, the group may be empty: nullable.
    ["SUM", [t.bigint(false)], undefined, "BIGINT"],
    ["SUM", [t.bigint(false)], { aggregateScope: "grouped", hasFilter: true }, "BIGINT"],
    ["SUM0", [t.bigint()], undefined, "BIGINT NOT NULL"],
    // AVG of integers stays integer; DECIMAL → DECIMAL(38, max(6, s)) (findAvgAggType).
    ["AVG", [t.int(false)], grouped, "INT NOT NULL"],
    ["AVG", [t.decimal(10, 2)], grouped, "DECIMAL(38, 6)"],
    ["AVG", [t.decimal(10, 8, false)], grouped, "DECIMAL(38, 8) NOT NULL"],
    ["STDDEV_POP", [t.double(false)], grouped, "DOUBLE NOT NULL"],
    ["VAR_SAMP", [t.decimal(5, 2, false)], grouped, "DECIMAL(38, 6) NOT NULL"],
    ["MIN", [t.varchar(5, false)], grouped, "VARCHAR(5) NOT NULL"],
    ["MAX", [t.timestamp(3, false)], undefined, "TIMESTAMP(3)"],
    ["FIRST_VALUE", [t.string(false)], { aggregateScope: "over" }, "STRING NOT NULL"],
    ["COLLECT", [t.int()], undefined, "MULTISET<INT> NOT NULL"],
    ["ARRAY_AGG", [t.int(false)], grouped, "ARRAY<INT NOT NULL>"],
    ["LISTAGG", [t.string(false), t.char(1, false)], grouped, "STRING"],
    ["JSON_OBJECTAGG", [t.string(false), t.int()], undefined, "STRING NOT NULL"],
    ["JSON_ARRAYAGG", [t.int()], undefined, "STRING NOT NULL"],
    ["GROUPING", [t.int(), t.string()], grouped, "BIGINT NOT NULL"],
    ["SUM", [t.string()], grouped, "error: SUM expects a number, got STRING"],
    [
      "MAX",
      [t.map(t.int(), t.int())],
      grouped,
      "error: MAX expects a comparable value (not MAP, MULTISET or RAW), got MAP<INT, INT>",
    ],
  ] as const)("%s(%o) in %o → %s", (name, args, ctx, expected) => {
    expect(infer(name, args, ctx)).toBe(expected);
    expect(lookupFunction(name)?.kind).toBe("aggregate");
  });
});

describe("window functions", () => {
  it.each([
    ["ROW_NUMBER", [], "BIGINT NOT NULL"],
    ["RANK", [], "BIGINT NOT NULL"],
    ["DENSE_RANK", [], "BIGINT NOT NULL"],
    ["PERCENT_RANK", [], "DOUBLE NOT NULL"],
    ["CUME_DIST", [], "DOUBLE NOT NULL"],
    ["NTILE", [t.int(false)], "BIGINT NOT NULL"],
    ["LAG", [t.int(false)], "INT"],
    ["LEAD", [t.int(false), t.int(false), t.int(false)], "INT NOT NULL"],
    ["LAG", [t.int(false), t.int(false), t.bigint()], "BIGINT"],
    [
      "LAG",
      [t.int(false), t.int(false), t.string()],
      "error: LAG default STRING does not match the value type INT NOT NULL",
    ],
  ] as const)("%s(%o) → %s", (name, args, expected) => {
    expect(infer(name, args)).toBe(expected);
    expect(lookupFunction(name)?.kind).toBe("window");
  });
});

describe("window TVFs and legacy group windows", () => {
  const size = t.intervalDayTime("SECOND", 2, 3, false);

  it("appends window_start, window_end and window_time", () => {
    const show = (time: ReturnType<typeof t.timestamp>) =>
      windowTvfColumns(time).map((c) => `${c.name} ${formatDataType(c.type)}`);
    expect(show(t.timestamp(3))).toEqual([
      "window_start TIMESTAMP(3) NOT NULL",
      "window_end TIMESTAMP(3) NOT NULL",
      "window_time TIMESTAMP(3) NOT NULL",
    ]);
    expect(show(t.timestampLtz(3))[2]).toBe("window_time TIMESTAMP_LTZ(3) NOT NULL");
  });

  it.each([
    [
      "TUMBLE",
      [t.null(), t.timestamp(3), size],
      "ROW<`window_start` TIMESTAMP(3) NOT NULL, `window_end` TIMESTAMP(3) NOT NULL, `window_time` TIMESTAMP(3) NOT NULL> NOT NULL",
    ],
    [
      "HOP",
      [t.null(), t.timestampLtz(3), size, size],
      "ROW<`window_start` TIMESTAMP(3) NOT NULL, `window_end` TIMESTAMP(3) NOT NULL, `window_time` TIMESTAMP_LTZ(3) NOT NULL> NOT NULL",
    ],
    [
      "CUMULATE",
      [t.null(), t.timestamp(3), size, size, size],
      "ROW<`window_start` TIMESTAMP(3) NOT NULL, `window_end` TIMESTAMP(3) NOT NULL, `window_time` TIMESTAMP(3) NOT NULL> NOT NULL",
    ],
    [
      "SESSION",
      [t.null(), t.timestamp(6), size],
      "error: SESSION expects a TIMESTAMP(3) or TIMESTAMP_LTZ(3) time attribute, got TIMESTAMP(6)",
    ],
    [
      "TUMBLE",
      [t.null(), t.timestamp(3), t.intervalYearMonth()],
      "error: TUMBLE expects a day-time INTERVAL as argument 3, got INTERVAL MONTH",
    ],
  ] as const)("%s(%o) → %s", (name, args, expected) => {
    expect(infer(name, args, undefined, true)).toBe(expected);
  });

  it("records the named-argument names", () => {
    expect(lookupTableFunction("tumble")?.argNames).toEqual(["DATA", "TIMECOL", "SIZE", "OFFSET"]);
    expect(lookupTableFunction("HOP")?.argNames).toEqual(["DATA", "TIMECOL", "SLIDE", "SIZE", "OFFSET"]);
    expect(lookupTableFunction("CUMULATE")?.argNames).toEqual(["DATA", "TIMECOL", "STEP", "SIZE", "OFFSET"]);
    expect(lookupTableFunction("SESSION")?.argNames).toEqual(["DATA", "TIMECOL", "GAP"]);
    expect(lookupTableFunction("TUMBLE")).toMatchObject({ kind: "windowTvf", minArgs: 3, maxArgs: 4 });
  });

  it("types legacy group windows and their auxiliaries", () => {
    expect(lookupFunction("TUMBLE")?.kind).toBe("groupWindow");
    expect(lookupFunction("CUMULATE")?.kind).toBe("windowTvf");
    expect(infer("TUMBLE", [t.timestamp(3, false), size])).toBe("TIMESTAMP(3) NOT NULL");
    expect(infer("TUMBLE_START", [t.timestamp(3, false), size])).toBe("TIMESTAMP(3) NOT NULL");
    expect(infer("HOP_END", [t.timestampLtz(3, false), size, size])).toBe("TIMESTAMP(3) NOT NULL");
    expect(infer("SESSION_ROWTIME", [t.timestampLtz(3, false), size])).toBe("TIMESTAMP_LTZ(3) NOT NULL");
    expect(infer("TUMBLE_PROCTIME", [t.timestampLtz(3, false), size])).toBe("TIMESTAMP_LTZ(3) NOT NULL");
    expect(lookupFunction("SESSION_START")?.kind).toBe("groupWindowAuxiliary");
    expect(infer("TUMBLE_END", [t.string(), size])).toBe(
      "error: TUMBLE_END expects a DATE, TIME or TIMESTAMP as argument 1, got STRING",
    );
  });
});

describe("registry", () => {
  it("finds names case-insensitively and lists them all", () => {
    expect(lookupFunction("upper")?.name).toBe("UPPER");
    expect(lookupFunction("NO_SUCH_FUNCTION")).toBeUndefined();
    const names = allFunctionNames();
    expect(names).toContain("TIMESTAMPDIFF");
    expect(names).toContain("CUMULATE");
    expect(new Set(names).size).toBe(names.length);
  });

  it("records arity, determinism and dynamic evaluation", () => {
    expect(lookupFunction("CONCAT")).toMatchObject({ minArgs: 1, maxArgs: Number.POSITIVE_INFINITY });
    expect(lookupFunction("SUBSTRING")).toMatchObject({ minArgs: 2, maxArgs: 3 });
    expect(lookupFunction("COUNT")).toMatchObject({ minArgs: 0 });
    expect(lookupFunction("RAND")?.deterministic).toBe(false);
    expect(lookupFunction("UPPER")?.deterministic).toBe(true);
    expect(lookupFunction("NOW")).toMatchObject({ deterministic: false, dynamic: true });
    expect(lookupFunction("CURRENT_ROW_TIMESTAMP")?.dynamic).toBeUndefined();
  });

  it("covers every function of the brief", () => {
    const brief =
      "CONCAT CONCAT_WS LOWER UPPER INITCAP TRIM LTRIM RTRIM SUBSTRING SUBSTR REPLACE REGEXP REGEXP_EXTRACT REGEXP_REPLACE SPLIT_INDEX LPAD RPAD CHAR_LENGTH CHARACTER_LENGTH POSITION LOCATE INSTR REPEAT REVERSE MD5 SHA1 SHA2 SHA256 HASH_CODE TO_BASE64 FROM_BASE64 UUID ASCII CHR LEFT RIGHT OVERLAY STR_TO_MAP PARSE_URL SPLIT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP NOW LOCALTIME LOCALTIMESTAMP CURRENT_ROW_TIMESTAMP PROCTIME DATE_FORMAT TO_DATE TO_TIMESTAMP TO_TIMESTAMP_LTZ UNIX_TIMESTAMP FROM_UNIXTIME CONVERT_TZ YEAR QUARTER MONTH WEEK DAYOFMONTH DAYOFWEEK DAYOFYEAR HOUR MINUTE SECOND FLOOR CEIL TIMESTAMPADD TIMESTAMPDIFF SOURCE_WATERMARK CURRENT_WATERMARK COALESCE NULLIF IF IFNULL IS_ALPHA IS_DIGIT IS_DECIMAL GREATEST LEAST ABS MOD POWER SQRT LN LOG LOG10 LOG2 EXP ROUND TRUNCATE CEILING RAND RAND_INTEGER SIGN PI E SIN COS TAN ASIN ACOS ATAN ATAN2 DEGREES RADIANS BIN HEX JSON_STRING JSON_VALUE JSON_QUERY JSON_EXISTS JSON_OBJECT JSON_ARRAY JSON_OBJECTAGG JSON_ARRAYAGG CARDINALITY ELEMENT ARRAY_CONTAINS ARRAY_DISTINCT ARRAY_POSITION ARRAY_REMOVE ARRAY_REVERSE ARRAY_SLICE ARRAY_UNION ARRAY_CONCAT ARRAY_JOIN ARRAY_MAX ARRAY_MIN MAP_KEYS MAP_VALUES MAP_ENTRIES MAP_FROM_ARRAYS COUNT SUM SUM0 AVG MIN MAX STDDEV_POP STDDEV_SAMP VAR_POP VAR_SAMP COLLECT LISTAGG FIRST_VALUE LAST_VALUE ARRAY_AGG GROUPING GROUPING_ID ROW_NUMBER RANK DENSE_RANK PERCENT_RANK CUME_DIST NTILE LAG LEAD TUMBLE HOP CUMULATE SESSION TUMBLE_START TUMBLE_END TUMBLE_ROWTIME TUMBLE_PROCTIME HOP_START HOP_END HOP_ROWTIME HOP_PROCTIME SESSION_START SESSION_END SESSION_ROWTIME SESSION_PROCTIME";
    const missing = brief.split(" ").filter((name) => lookupFunction(name) === undefined);
    expect(missing).toEqual([]);
  });
});

describe("extractResultType and jsonFunctionType", () => {
  it("types EXTRACT as BIGINT with the source's nullability", () => {
    const show = (r: ReturnType<typeof extractResultType>) =>
      "error" in r ? `error: ${r.error}` : formatDataType(r);
    expect(show(extractResultType("YEAR", t.date(false)))).toBe("BIGINT NOT NULL");
    expect(show(extractResultType("HOUR", t.timestamp(3)))).toBe("BIGINT");
    expect(show(extractResultType("DAY", t.intervalDayTime()))).toBe("BIGINT");
    expect(show(extractResultType("HOUR", t.date()))).toBe("error: Cannot extract HOUR from DATE");
    expect(show(extractResultType("YEAR", t.time()))).toBe("error: Cannot extract YEAR from TIME(0)");
    expect(show(extractResultType("YEAR", t.string()))).toBe("error: Cannot extract YEAR from STRING");
  });

  it("types JSON calls", () => {
    expect(formatDataType(jsonFunctionType("JSON_VALUE"))).toBe("STRING");
    expect(formatDataType(jsonFunctionType("JSON_VALUE", t.int(false)))).toBe("INT");
    expect(formatDataType(jsonFunctionType("JSON_OBJECT"))).toBe("STRING NOT NULL");
    expect(formatDataType(jsonFunctionType("JSON_EXISTS"))).toBe("BOOLEAN");
  });
});
