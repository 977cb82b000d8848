import { describe, expect, it } from "vitest";
import { arithmeticResultType } from "../../../src/sql/types/arithmetic.ts";
import { t } from "../../../src/sql/types/constructors.ts";
import type { DataType } from "../../../src/sql/types/data-type.ts";
import { formatDataType } from "../../../src/sql/types/format-type.ts";
import type { TypingError } from "../../../src/sql/types/type-error.ts";

function show(result: DataType | TypingError): string {
  return "error" in result ? `error: ${result.error}` : formatDataType(result);
}

const dec = (p: number, s: number, nullable = false) => t.decimal(p, s, nullable);

describe("arithmeticResultType", () => {
  it.each([
    // Integers: the least restrictive type (Calcite's LEAST_RESTRICTIVE), no promotion beyond it.
    ["+", t.int(false), t.int(false), "INT NOT NULL"],
    ["+", t.tinyint(false), t.tinyint(false), "TINYINT NOT NULL"],
    ["+", t.int(false), t.bigint(false), "BIGINT NOT NULL"],
    ["-", t.smallint(), t.int(false), "INT"],
    ["/", t.int(false), t.int(false), "INT NOT NULL"],
    // Approximate wins: DECIMAL with FLOAT/DOUBLE gives DOUBLE, INT with FLOAT gives FLOAT.
    ["*", t.int(false), t.double(false), "DOUBLE NOT NULL"],
    ["+", dec(10, 2), t.float(false), "DOUBLE NOT NULL"],
    ["+", t.int(false), t.float(false), "FLOAT NOT NULL"],
    // LogicalTypeMerging.findAdditionDecimalType: max(s1,s2) + max(p1-s1, p2-s2) + 1, scale max(s1,s2).
    ["+", dec(10, 2), dec(5, 4), "DECIMAL(13, 4) NOT NULL"],
    ["-", dec(38, 8), dec(32, 8), "DECIMAL(38, 7) NOT NULL"],
    // An INT counts as DECIMAL(10, 0), a BIGINT as DECIMAL(19, 0) (FlinkTypeSystem.deriveDecimalPlusType).
    ["+", t.int(false), dec(5, 2), "DECIMAL(13, 2) NOT NULL"],
    // findMultiplicationDecimalType: p1 + p2 + 1, s1 + s2; 0.908 is DECIMAL(4, 3) and BIGINT DECIMAL(19, 0).
    ["*", dec(4, 3), t.bigint(false), "DECIMAL(24, 3) NOT NULL"],
    // Past 38 digits the scale gives way to integer digits, keeping at least min(scale, 6).
    ["*", dec(20, 10), dec(20, 10), "DECIMAL(38, 17) NOT NULL"],
    ["*", dec(38, 10), dec(38, 10), "DECIMAL(38, 6) NOT NULL"],
    // findDivisionDecimalType: scale max(6, s1 + p2 + 1), precision p1 - s1 + s2 + scale.
    ["/", dec(10, 2), dec(5, 0), "DECIMAL(16, 8) NOT NULL"],
    ["/", dec(38, 2), dec(20, 0), "DECIMAL(38, 6) NOT NULL"],
    // Modulo: exact numbers only; without fractions the right operand's type (Calcite NULLABLE_MOD).
    ["%", t.bigint(false), t.int(false), "INT NOT NULL"],
    ["%", t.int(false), t.bigint(), "BIGINT"],
    ["%", dec(10, 0), t.int(false), "INT NOT NULL"],
    // findModuloDecimalType: min(p1-s1, p2-s2) + max(s1,s2), scale max(s1, s2).
    ["%", dec(10, 2), dec(5, 1), "DECIMAL(6, 2) NOT NULL"],
    // Datetime ± interval keeps the datetime.
    ["+", t.timestamp(3, false), t.intervalDayTime("SECOND", 2, 3, false), "TIMESTAMP(3) NOT NULL"],
    ["+", t.intervalDayTime("SECOND", 2, 3, false), t.timestampLtz(3), "TIMESTAMP_LTZ(3)"],
    ["-", t.date(false), t.intervalDayTime("DAY", 2, 0, false), "DATE NOT NULL"],
    ["+", t.date(false), t.intervalYearMonth("MONTH", 2, false), "DATE NOT NULL"],
    ["*", t.intervalDayTime("SECOND", 2, 3, false), t.int(false), "INTERVAL SECOND(3) NOT NULL"],
    ["*", t.int(false), t.intervalYearMonth("MONTH", 2, false), "INTERVAL MONTH NOT NULL"],
    ["/", t.intervalDayTime("SECOND", 2, 3, false), t.int(false), "INTERVAL SECOND(3) NOT NULL"],
    [
      "+",
      t.intervalDayTime("DAY", 2, 0, false),
      t.intervalDayTime("MINUTE_TO_SECOND", 2, 3, false),
      "INTERVAL DAY(2) TO SECOND(3) NOT NULL",
    ],
    // An untyped NULL takes the other operand's type (FIRST_KNOWN) and makes the result nullable.
    ["+", t.null(), t.int(false), "INT"],
    // String concatenation: lengths add; CHAR only when both are CHAR.
    ["||", t.char(3, false), t.char(2, false), "CHAR(5) NOT NULL"],
    ["||", t.char(3, false), t.varchar(10), "VARCHAR(13)"],
    ["||", t.string(false), t.char(3, false), "STRING NOT NULL"],
    ["||", t.binary(2, false), t.bytes(false), "BYTES NOT NULL"],
  ] as const)("%s: %o and %o", (op, left, right, expected) => {
    expect(show(arithmeticResultType(op, left, right))).toBe(expected);
  });

  it.each([
    // Flink disables implicit coercion: no string arithmetic.
    [
      "+",
      t.char(3, false),
      t.int(false),
      "Cannot apply '+' to arguments of type CHAR(3) NOT NULL and INT NOT NULL",
    ],
    // A number is not a number of days.
    ["+", t.date(false), t.int(false), "Cannot apply '+'"],
    ["-", t.timestamp(3), t.timestamp(3), "use TIMESTAMPDIFF"],
    ["-", t.intervalDayTime(), t.timestamp(3), "Cannot apply '-'"],
    ["%", t.double(), t.int(), "Cannot apply '%'"],
    ["*", t.boolean(), t.int(), "Cannot apply '*'"],
    ["||", t.char(1, false), t.int(false), "Cannot apply '||'"],
    ["||", t.char(1, false), t.null(), "Illegal use of 'NULL'"],
    ["+", t.null(), t.null(), "Illegal use of 'NULL'"],
  ] as const)("rejects %s on %o and %o", (op, left, right, message) => {
    expect(show(arithmeticResultType(op, left, right))).toContain(message);
  });
});
