import { describe, expect, it } from "vitest";
import { decimalFromText } from "../../src/formats/text/decimal-text.ts";
import {
  bigDecimalPlainText,
  bigDecimalText,
  javaDoubleText,
  javaFloatText,
} from "../../src/formats/text/java-number-text.ts";
import { formatTimestamp, parseDate, parseTimestamp } from "../../src/formats/text/temporal-text.ts";

describe("number text as the JVM prints it", () => {
  it("matches Double.toString and Float.toString", () => {
    const doubles: [number, string][] = [
      [1, "1.0"],
      [0.25, "0.25"],
      [100, "100.0"],
      [1e7, "1.0E7"],
      [1.5e-9, "1.5E-9"],
      [0.001, "0.001"],
      [0.0001, "1.0E-4"],
      [-123.456, "-123.456"],
      [9999999.5, "9999999.5"],
      [1.2345e21, "1.2345E21"],
      [-0, "-0.0"],
      [Number.NaN, "NaN"],
      [Number.NEGATIVE_INFINITY, "-Infinity"],
    ];
    for (const [value, expected] of doubles) expect(javaDoubleText(value)).toBe(expected);
    expect(javaFloatText(Math.fround(0.1))).toBe("0.1");
    expect(javaFloatText(Math.fround(3.4e38))).toBe("3.4E38");
    expect(javaFloatText(Math.fround(1.1))).toBe("1.1");
  });

  it("matches BigDecimal.toString and toPlainString", () => {
    expect(bigDecimalText(1999n, 2)).toBe("19.99");
    expect(bigDecimalText(1n, -2)).toBe("1E+2");
    expect(bigDecimalText(27n, 9)).toBe("2.7E-8");
    expect(bigDecimalText(-27n, 7)).toBe("-0.0000027");
    expect(bigDecimalText(0n, 9)).toBe("0E-9");
    expect(bigDecimalPlainText(1n, -2)).toBe("100");
    expect(bigDecimalPlainText(-5n, 3)).toBe("-0.005");
  });

  it("parses decimals HALF_UP and nulls overflow like DecimalData.fromBigDecimal", () => {
    expect(decimalFromText("1.005", 5, 2)).toBe(101n);
    expect(decimalFromText("-1.005", 5, 2)).toBe(-101n);
    expect(decimalFromText("1.2E3", 6, 1)).toBe(12000n);
    expect(decimalFromText("999.995", 5, 2)).toBeNull();
    expect(decimalFromText("1.2.3", 5, 2)).toBeUndefined();
  });
});

describe("temporal text", () => {
  it("formats and parses dates and timestamps across eras", () => {
    expect(parseDate("2024-02-29")).toBe(19782);
    expect(parseDate("2023-02-29")).toBeUndefined();
    expect(parseDate("0001-01-01")).toBe(-719162);
    expect(formatTimestamp(-1, " ", "")).toBe("1969-12-31 23:59:59.999");
    expect(formatTimestamp(Date.UTC(2020, 0, 1, 0, 0, 0, 100), "T", "Z")).toBe("2020-01-01T00:00:00.1Z");
    const sql = { separator: " " as const, secondsRequired: true, zulu: false };
    expect(parseTimestamp("2020-12-30 12:13:14.123456789", sql)).toBe(
      Date.UTC(2020, 11, 30, 12, 13, 14, 123),
    );
    expect(parseTimestamp("2020-12-30 12:13", sql)).toBeUndefined();
    expect(parseTimestamp("2020-12-30T12:13", { separator: "T", secondsRequired: false, zulu: false })).toBe(
      Date.UTC(2020, 11, 30, 12, 13),
    );
  });
});
