import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { decodeNumeric, encodeNumeric } from "../../../src/serve/pgwire/types/binary-format.ts";
import {
  formatDate,
  formatInterval,
  formatTimestamp,
  formatTimestampTz,
} from "../../../src/serve/pgwire/types/datetime-text.ts";
import { formatFloat4, formatFloat8 } from "../../../src/serve/pgwire/types/float-text.ts";
import { formatArray, parseArray } from "../../../src/serve/pgwire/types/pg-array.ts";

describe("date and time text", () => {
  it("matches DuckDB's ISO text for timestamps and dates across the common era", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    // Deterministic spread: leap days, epoch edges, sub-second digits, far past and future.
    const micros = [
      0n,
      -1n,
      951_782_400_000_000n,
      -2_208_988_800_123_456n,
      253_402_300_799_999_999n,
      -62_135_596_800_000_000n,
    ];
    for (let i = 0n; i < 200n; i++)
      micros.push(((i * 7_919_000_003_571n) % 250_000_000_000_000_000n) - 60_000_000_000_000_000n);
    const rows = (
      await c.runAndReadAll(
        `SELECT m, make_timestamp(m)::VARCHAR, (make_timestamp(m))::DATE::VARCHAR, date_diff('day', DATE '1970-01-01', make_timestamp(m)::DATE)
         FROM unnest([${micros.join(",")}]::BIGINT[]) t(m)`,
      )
    ).getRows();
    for (const [m, ts, date, days] of rows) {
      expect(formatTimestamp(m as bigint)).toBe(ts);
      expect(formatDate(Number(days))).toBe(date);
    }
    c.closeSync();
  });

  it("writes years before 1 AD with BC, as PostgreSQL does", () => {
    const days = Date.UTC(-43, 2, 15) / 86_400_000; // 15 March 44 BC (year -43 proleptic)
    expect(formatDate(days)).toBe("0044-03-15 BC");
    expect(formatTimestamp(BigInt(days) * 86_400_000_000n + 3_600_000_000n)).toBe("0044-03-15 01:00:00 BC");
  });

  it("shows timestamptz in the session's zone with its offset", () => {
    const noon = BigInt(Date.UTC(2024, 6, 1, 12)) * 1000n;
    expect(formatTimestampTz(noon, "UTC")).toBe("2024-07-01 12:00:00+00");
    expect(formatTimestampTz(noon, "Europe/Paris")).toBe("2024-07-01 14:00:00+02");
    expect(formatTimestampTz(noon, "Asia/Kolkata")).toBe("2024-07-01 17:30:00+05:30");
    expect(formatTimestampTz(noon + 250_000n, "America/New_York")).toBe("2024-07-01 08:00:00.25-04");
  });

  it("writes intervals in the postgres style", () => {
    expect(formatInterval(14, 3, 14_706_500_000n)).toBe("1 year 2 mons 3 days 04:05:06.5");
    expect(formatInterval(0, 0, 0n)).toBe("00:00:00");
    expect(formatInterval(0, -1, 7_200_000_000n)).toBe("-1 days +02:00:00");
    expect(formatInterval(1, -1, 0n)).toBe("1 mon -1 days");
    expect(formatInterval(-25, 0, -1_000_000n)).toBe("-2 years -1 mons -00:00:01");
  });
});

describe("floating-point text", () => {
  it("writes the shortest digits that read back exactly", () => {
    const values = [0.1, 1 / 3, 2 ** -1074, Number.MAX_VALUE, 123.456, -9.87654321e-7, 5e-324, 1e21, 42];
    for (const v of values) expect(Number(formatFloat8(v))).toBe(v);
    for (const v of [0.1, 1 / 3, 3.4e38, 1.17549435e-38, 16_777_217].map(Math.fround))
      expect(Math.fround(Number(formatFloat4(v)))).toBe(v);
  });

  it("switches to exponent notation where PostgreSQL does", () => {
    expect(formatFloat8(1e20)).toBe("1e+20");
    expect(formatFloat8(1e15)).toBe("1e+15");
    expect(formatFloat8(123456789012345)).toBe("123456789012345");
    expect(formatFloat8(0.0001)).toBe("0.0001");
    expect(formatFloat8(0.000015)).toBe("1.5e-05");
    expect(formatFloat8(-0)).toBe("-0");
    expect([formatFloat8(Number.NaN), formatFloat8(-Infinity)]).toEqual(["NaN", "-Infinity"]);
    expect(formatFloat4(Math.fround(1e6))).toBe("1e+06");
    expect(formatFloat4(Math.fround(123456))).toBe("123456");
    expect(formatFloat4(Math.fround(Math.PI))).toBe("3.1415927");
    expect(formatFloat4(Math.fround(0.1))).toBe("0.1");
  });
});

describe("array text", () => {
  const TEXT_ARRAY = 1009 as Parameters<typeof pg.types.getTypeParser>[0];
  const parseTextArray = pg.types.getTypeParser(TEXT_ARRAY);
  it("quotes elements so PostgreSQL clients read back the same strings", () => {
    const items = ["plain", "", "NULL", "null", 'a "q"', "back\\slash", "a,b", "{x}", " lead", null, "Zoë"];
    const text = formatArray(items, (v) => String(v));
    expect(parseTextArray(text)).toEqual(items);
    expect(parseArray(text)).toEqual(items);
  });

  it("parses what clients send, nested and decorated", () => {
    expect(parseArray("{1,2,NULL}")).toEqual(["1", "2", null]);
    expect(parseArray('{{"a b",c},{d,NULL}}')).toEqual([
      ["a b", "c"],
      ["d", null],
    ]);
    expect(parseArray("[1:2]={x,y}")).toEqual(["x", "y"]);
    expect(parseArray("{}")).toEqual([]);
    expect(() => parseArray("{1,2")).toThrow(/malformed array literal/);
    expect(() => parseArray("1,2")).toThrow(/malformed array literal/);
  });
});

describe("numeric binary format", () => {
  it("round-trips decimal text through PostgreSQL's base-10000 layout", () => {
    for (const text of [
      "0",
      "12.50",
      "-0.01",
      "99999999.99",
      "0.00001",
      "123456789012345678901234567890.123",
      "10000",
      "-7",
    ])
      expect(decodeNumeric(encodeNumeric(text))).toBe(text);
    const b = encodeNumeric("10000.5");
    expect([
      b.readInt16BE(0),
      b.readInt16BE(2),
      b.readInt16BE(4),
      b.readInt16BE(6),
      b.readInt16BE(8),
      b.readInt16BE(10),
      b.readInt16BE(12),
    ]).toEqual([3, 1, 0, 1, 1, 0, 5000]);
  });
});
