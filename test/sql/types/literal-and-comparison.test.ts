import { describe, expect, it } from "vitest";
import { areComparable } from "../../../src/sql/types/comparison.ts";
import { t, withNullability } from "../../../src/sql/types/constructors.ts";
import { formatDataType } from "../../../src/sql/types/format-type.ts";
import { literalType, numericLiteralError } from "../../../src/sql/types/literal-type.ts";
import { typesEqual } from "../../../src/sql/types/type-equality.ts";

const span = { start: 0, end: 0, line: 1, col: 1 };

describe("literalType", () => {
  it.each([
    ["42", "INT NOT NULL"],
    ["999999999", "INT NOT NULL"],
    ["0000000000042", "INT NOT NULL"],
    ["2147483647", "INT NOT NULL"],
    ["2147483648", "BIGINT NOT NULL"],
    ["9223372036854775807", "BIGINT NOT NULL"],
    // Calcite's createExactNumeric: precision is every digit written.
    ["1.50", "DECIMAL(3, 2) NOT NULL"],
    ["0.908", "DECIMAL(4, 3) NOT NULL"],
    [".5", "DECIMAL(1, 1) NOT NULL"],
    ["1.", "INT NOT NULL"],
    ["1e3", "DOUBLE NOT NULL"],
    ["2.5E-3", "DOUBLE NOT NULL"],
  ])("%s → %s", (text, expected) => {
    expect(formatDataType(literalType({ kind: "numeric", text, span }))).toBe(expected);
  });

  it("refuses exact literals beyond a 64-bit unscaled value", () => {
    expect(numericLiteralError("9223372036854775808")?.error).toBe(
      "Numeric literal '9223372036854775808' out of range",
    );
    expect(numericLiteralError("12345678901234567890.5")).toBeDefined();
    expect(numericLiteralError("1.5")).toBeUndefined();
    expect(numericLiteralError("1e400")).toBeUndefined();
  });

  it("types the other literals", () => {
    const show = (e: Parameters<typeof literalType>[0]) => formatDataType(literalType(e));
    expect(show({ kind: "string", value: "abc", span })).toBe("CHAR(3) NOT NULL");
    expect(show({ kind: "string", value: "", span })).toBe("CHAR(0) NOT NULL");
    // CHAR counts code points: a surrogate pair is one character, a lone surrogate too.
    expect(show({ kind: "string", value: "a\u{1F600}b", span })).toBe("CHAR(3) NOT NULL");
    expect(show({ kind: "string", value: "\uDC00\uD800x\uD83D", span })).toBe("CHAR(4) NOT NULL");
    expect(show({ kind: "boolean", value: true, span })).toBe("BOOLEAN NOT NULL");
    expect(show({ kind: "boolean", value: "unknown", span })).toBe("BOOLEAN");
    expect(show({ kind: "null", span })).toBe("NULL");
    expect(show({ kind: "binary", hex: "0AFF", span })).toBe("BINARY(2) NOT NULL");
    expect(show({ kind: "typedLiteral", type: "DATE", value: "2024-01-01", span })).toBe("DATE NOT NULL");
    expect(show({ kind: "typedLiteral", type: "TIME", value: "12:00:00", span })).toBe("TIME(0) NOT NULL");
    expect(show({ kind: "typedLiteral", type: "TIMESTAMP", value: "2024-01-01 10:00:00.123", span })).toBe(
      "TIMESTAMP(3) NOT NULL",
    );
    expect(show({ kind: "interval", negative: false, value: "1", qualifier: { start: "DAY" }, span })).toBe(
      "INTERVAL SECOND(3) NOT NULL",
    );
    expect(
      show({
        kind: "interval",
        negative: false,
        value: "1-2",
        qualifier: { start: "YEAR", end: "MONTH" },
        span,
      }),
    ).toBe("INTERVAL MONTH NOT NULL");
  });
});

describe("areComparable", () => {
  it.each([
    [t.int(), t.decimal(10, 2), true],
    [t.int(), t.double(), true],
    [t.char(3), t.string(), true],
    // A string compares with numbers, booleans and datetimes (Calcite converts it).
    [t.string(), t.int(), true],
    [t.string(), t.date(), true],
    [t.timestamp(3), t.timestampLtz(3), true],
    [t.date(), t.timestamp(3), false],
    [t.date(), t.boolean(), false],
    [t.boolean(), t.int(), false],
    [t.bytes(), t.string(), false],
    [t.null(), t.date(), true],
    [t.row([["a", t.int()]]), t.row([["b", t.bigint()]]), true],
    [t.row([["a", t.int()]]), t.row([["b", t.boolean()]]), false],
  ] as const)("%o vs %o → %s", (a, b, expected) => {
    expect(areComparable(a, b)).toBe(expected);
  });

  it("requires an order for < and friends", () => {
    const map = t.map(t.int(), t.int());
    expect(areComparable(map, map)).toBe(true);
    expect(areComparable(map, map, { ordered: true })).toBe(false);
  });
});

describe("typesEqual", () => {
  it("compares structurally, optionally without nullability", () => {
    expect(typesEqual(t.decimal(10, 2), t.decimal(10, 2))).toBe(true);
    expect(typesEqual(t.decimal(10, 2), t.decimal(10, 3))).toBe(false);
    expect(typesEqual(t.array(t.int(false)), t.array(t.int()))).toBe(false);
    expect(typesEqual(t.array(t.int(false)), t.array(t.int()), { ignoreNullability: true })).toBe(true);
    expect(typesEqual(withNullability(t.int(), false), t.int(false))).toBe(true);
  });
});
