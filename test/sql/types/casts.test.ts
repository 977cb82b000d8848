import { describe, expect, it } from "vitest";
import { canExplicitlyCast, canImplicitlyCast } from "../../../src/sql/types/casts.ts";
import { t } from "../../../src/sql/types/constructors.ts";
import type { DataType } from "../../../src/sql/types/data-type.ts";
import { formatDataType } from "../../../src/sql/types/format-type.ts";

// [from, to, implicit, explicit], after LogicalTypeCasts and its test LogicalTypeCastsTest.
const matrix: [DataType, DataType, boolean, boolean][] = [
  [t.smallint(), t.bigint(), true, true],
  [t.smallint(false), t.smallint(), true, true],
  // Only an explicit cast may promise NOT NULL.
  [t.smallint(), t.smallint(false), false, true],
  [t.int(), t.bigint(), true, true],
  [t.bigint(), t.int(), false, true],
  [t.int(), t.decimal(5, 5), true, true],
  [t.float(), t.int(), false, true],
  [t.decimal(10, 2), t.float(), true, true],
  [t.double(), t.float(), false, true],
  [t.string(), t.int(), false, true],
  [t.int(), t.string(), false, true],
  [t.decimal(3, 2), t.string(), false, true],
  [t.char(3), t.string(), true, true],
  [t.string(), t.char(3), false, true],
  [t.boolean(), t.int(), false, true],
  [t.int(), t.boolean(), false, true],
  [t.string(), t.boolean(), false, true],
  [t.boolean(), t.date(), false, false],
  [t.date(), t.boolean(), false, false],
  [t.string(), t.bytes(), false, true],
  [t.bytes(), t.string(), false, true],
  [t.timestamp(3), t.timestampLtz(3), true, true],
  [t.timestampLtz(6), t.timestamp(3), true, true],
  [t.timestamp(3), t.date(), true, true],
  [t.timestampLtz(3), t.date(), false, true],
  [t.date(), t.timestamp(3), false, true],
  [t.timestamp(3), t.bigint(), false, true],
  [t.bigint(), t.timestampLtz(3), false, true],
  [t.date(), t.int(), false, false],
  [t.intervalYearMonth("YEAR"), t.smallint(), true, true],
  [t.intervalYearMonth("YEAR_TO_MONTH"), t.smallint(), false, false],
  [t.int(), t.intervalDayTime("DAY"), true, true],
  [t.null(), t.int(), true, true],
  [t.null(), t.int(false), false, true],
  [t.null(), t.row([["f1", t.int()]]), true, true],
  [t.array(t.int()), t.array(t.bigint()), true, true],
  [t.array(t.int()), t.array(t.string()), false, true],
  [t.array(t.int()), t.string(), false, true],
  [
    t.row([
      ["f1", t.int()],
      ["f2", t.int()],
    ]),
    t.row([
      ["f1", t.int()],
      ["f2", t.bigint()],
    ]),
    true,
    true,
  ],
  [
    t.row([
      ["f1", t.int()],
      ["f2", t.int()],
    ]),
    t.row([
      ["f1", t.int()],
      ["f2", t.boolean()],
    ]),
    false,
    true,
  ],
  [t.row([["f1", t.int()]]), t.string(), false, true],
  [t.array(t.int()), t.map(t.int(), t.int()), false, false],
  [t.raw("A", "x"), t.bytes(), false, true],
  [t.raw("A", "x"), t.raw("B", "x"), false, false],
];

describe("canImplicitlyCast / canExplicitlyCast (LogicalTypeCasts)", () => {
  it.each(
    matrix.map(([from, to, implicit, explicit]) => [
      formatDataType(from),
      formatDataType(to),
      implicit,
      explicit,
      from,
      to,
    ]),
  )("%s → %s: implicit %s, explicit %s", (_from, _to, implicit, explicit, from, to) => {
    expect(canImplicitlyCast(from as DataType, to as DataType)).toBe(implicit);
    expect(canExplicitlyCast(from as DataType, to as DataType)).toBe(explicit);
  });
});
