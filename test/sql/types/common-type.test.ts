import { describe, expect, it } from "vitest";
import { commonType } from "../../../src/sql/types/common-type.ts";
import { t } from "../../../src/sql/types/constructors.ts";
import type { DataType } from "../../../src/sql/types/data-type.ts";
import { formatDataType } from "../../../src/sql/types/format-type.ts";

const show = (types: DataType[]) => {
  const found = commonType(types);
  return found === undefined ? "none" : formatDataType(found);
};

describe("commonType (LogicalTypeMerging.findCommonType)", () => {
  it.each([
    // The example of findCommonType's own documentation.
    [[t.int(), t.bigint(), t.decimal(2, 2)], "DECIMAL(21, 2)"],
    [[t.int(false), t.int(false)], "INT NOT NULL"],
    [[t.int(false), t.bigint(false)], "BIGINT NOT NULL"],
    [[t.tinyint(false), t.smallint()], "SMALLINT"],
    [[t.int(false), t.double(false)], "DOUBLE NOT NULL"],
    [[t.float(false), t.int(false)], "FLOAT NOT NULL"],
    [[t.float(false), t.decimal(10, 2, false)], "DOUBLE NOT NULL"],
    // d = max(p1 - s1, p2 - s2), s = min(max(s1, s2), 38 - d).
    [[t.decimal(10, 2, false), t.decimal(5, 4, false)], "DECIMAL(12, 4) NOT NULL"],
    [[t.decimal(38, 0, false), t.decimal(10, 5, false)], "DECIMAL(38, 0) NOT NULL"],
    // Different fixed lengths become VARCHAR (no blank padding); equal ones stay CHAR.
    [[t.char(2, false), t.char(3, false)], "VARCHAR(3) NOT NULL"],
    [[t.char(3, false), t.char(3, false)], "CHAR(3) NOT NULL"],
    [[t.char(5, false), t.varchar(3, false)], "VARCHAR(5) NOT NULL"],
    [[t.varchar(3, false), t.string(false)], "STRING NOT NULL"],
    [[t.binary(2, false), t.binary(4, false)], "VARBINARY(4) NOT NULL"],
    // The untyped NULL adds only nullability.
    [[t.null(), t.int(false)], "INT"],
    [[t.null(), t.null()], "none"],
    [[t.int(false), t.boolean(false)], "none"],
    [[t.char(1, false), t.int(false)], "none"],
    // Not similar, but TIMESTAMP casts implicitly to DATE, so the cast fallback picks DATE.
    [[t.date(false), t.timestamp(3, false)], "DATE NOT NULL"],
    [[t.date(false), t.time(0, false)], "none"],
    [[t.timestamp(3, false), t.timestamp(6, false)], "TIMESTAMP(6) NOT NULL"],
    [[t.timestamp(3, false), t.timestampLtz(3, false)], "TIMESTAMP_LTZ(3) NOT NULL"],
    [[t.time(0, false), t.time(3, false)], "TIME(3) NOT NULL"],
    [[t.date(false), t.date()], "DATE"],
    [[t.boolean(false), t.boolean()], "BOOLEAN"],
    // Datetime with interval or exact number: the datetime (the "+" pattern).
    [[t.timestamp(3, false), t.intervalDayTime("SECOND", 2, 3, false)], "TIMESTAMP(3) NOT NULL"],
    [
      [t.intervalYearMonth("YEAR", 2, false), t.intervalYearMonth("MONTH", 2, false)],
      "INTERVAL YEAR(2) TO MONTH NOT NULL",
    ],
    // Single-field intervals convert implicitly from exact numbers (the cast fallback).
    [[t.int(false), t.intervalDayTime("DAY", 2, 0, false)], "INTERVAL DAY(2) NOT NULL"],
    // Nested types merge child by child; ROW field names come from the first row.
    [[t.array(t.int(false), false), t.array(t.bigint(), false)], "ARRAY<BIGINT> NOT NULL"],
    [[t.map(t.string(), t.int()), t.map(t.char(1), t.decimal(5, 2))], "MAP<STRING, DECIMAL(12, 2)>"],
    [
      [
        t.row([
          ["a", t.int()],
          ["b", t.char(1)],
        ]),
        t.row([
          ["x", t.bigint()],
          ["y", t.char(2)],
        ]),
      ],
      "ROW<`a` BIGINT, `b` VARCHAR(2)>",
    ],
    [[t.array(t.int()), t.map(t.int(), t.int())], "none"],
    [[t.array(t.int()), t.array(t.boolean())], "none"],
    [[t.raw("A", "x"), t.raw("A", "x")], "RAW('A', 'x')"],
    [[t.raw("A", "x"), t.raw("B", "x")], "none"],
  ] as const)("%# %o → %s", (types, expected) => {
    expect(show([...types])).toBe(expected);
  });
});
