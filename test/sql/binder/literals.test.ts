import { describe, expect, it } from "vitest";
import type { IntervalQualifier } from "../../../src/sql/ast/expression.ts";
import { intervalLiteral } from "../../../src/sql/binder/literals.ts";

const qualifier = (start: IntervalQualifier["start"], end?: IntervalQualifier["end"]): IntervalQualifier =>
  ({ start, end }) as IntervalQualifier;

/** The value in milliseconds, or the error. */
const dayTime = (text: string, q: IntervalQualifier): number | string => {
  const result = intervalLiteral(text, q, false);
  return "error" in result ? result.error : result.value.value;
};

describe("day-time interval literals", () => {
  it("reads each field of the qualifier, separated by spaces and colons, seconds with a fraction", () => {
    expect(dayTime("4", qualifier("SECOND"))).toBe(4000);
    expect(dayTime("1.5", qualifier("SECOND"))).toBe(1500);
    expect(dayTime("1 02:03:04.5", qualifier("DAY", "SECOND"))).toBe(93_784_500);
    expect(dayTime(" -2 ", qualifier("HOUR"))).toBe(-7_200_000);
    expect(dayTime("10:30", qualifier("HOUR", "MINUTE"))).toBe(37_800_000);
  });

  it("rejects a wrong number of fields, empty or malformed fields, and fractions before seconds", () => {
    expect(dayTime("1:2", qualifier("DAY"))).toBe("'1:2' is not a valid interval DAY");
    expect(dayTime("1  2", qualifier("DAY", "HOUR"))).toBe("'1  2' is not a valid interval DAY TO HOUR");
    expect(dayTime("", qualifier("MINUTE"))).toBe("'' is not a valid interval MINUTE");
    expect(dayTime("1.", qualifier("SECOND"))).toBe("'1.' is not a valid interval SECOND");
    expect(dayTime("1..2", qualifier("SECOND"))).toBe("'1..2' is not a valid interval SECOND");
    expect(dayTime("1e3", qualifier("SECOND"))).toBe("'1e3' is not a valid interval SECOND");
    expect(dayTime("1.5", qualifier("MINUTE"))).toBe("'1.5': only seconds may have a fraction");
  });
});
