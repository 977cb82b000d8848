import { describe, expect, it } from "vitest";
import type { Row, SqlValue } from "../../src/common/value.ts";
import { decodeRow, encodeKey, encodeRow, RowReader, RowWriter } from "../../src/store/index.ts";

const everyType: Row = [
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  2_147_483_647,
  -2_147_483_648,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  3.25,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0n,
  -12345n,
  2n ** 63n - 1n,
  -(2n ** 63n),
  2n ** 63n,
  -(2n ** 200n) - 7n,
  "",
  "plain",
  "ünïcødé ✓ 𝄞",
  new Uint8Array([]),
  new Uint8Array([0, 1, 254, 255]),
  [],
  [1, "two", null, [3n, new Uint8Array([4])]],
  new Map<SqlValue, SqlValue>(),
  new Map<SqlValue, SqlValue>([
    ["a", 1],
    [2, [true, null]],
    [null, new Map<SqlValue, SqlValue>([[1n, "x"]])],
  ]),
];

describe("row codec", () => {
  it("round-trips every SQL value type, keeping JS types", () => {
    const decoded = decodeRow(encodeRow(everyType));
    expect(decoded).toEqual(everyType);
    expect(Object.is(decoded[4], -0)).toBe(true);
    expect(typeof decoded[9]).toBe("number");
    expect(typeof decoded[16]).toBe("bigint");
    expect(decoded[26]).toBeInstanceOf(Uint8Array);
    expect(decoded[30]).toBeInstanceOf(Map);
  });

  it("encodes short ASCII strings and the strings around that case as tag, UTF-8 byte length, UTF-8 bytes", () => {
    const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n % 0x80) | 0x80, Math.floor(n / 0x80)]);
    const strings = ["", "a", "x".repeat(127), "x".repeat(128), `${"x".repeat(126)}é`, "é", "aé", "𝄞b"];
    for (const value of strings) {
      const utf8 = [...Buffer.from(value, "utf8")];
      // A one-column row: column count 1, STRING tag 7, the length, the bytes.
      expect([...encodeRow([value])], JSON.stringify(value)).toEqual([1, 7, ...varint(utf8.length), ...utf8]);
      expect(decodeRow(encodeRow([value]))).toEqual([value]);
    }
  });

  it("round-trips each value alone and random nested rows", () => {
    for (const value of everyType) expect(decodeRow(encodeRow([value]))).toEqual([value]);
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const randomValue = (depth: number): SqlValue => {
      const pick = Math.floor(random() * (depth > 2 ? 6 : 8));
      if (pick < 6) return everyType[Math.floor(random() * 27)]!;
      if (pick === 6) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(depth + 1));
      return new Map([[randomValue(depth + 1), randomValue(depth + 1)]]);
    };
    for (let i = 0; i < 500; i++) {
      const row = Array.from({ length: Math.floor(random() * 6) }, () => randomValue(0));
      expect(decodeRow(encodeRow(row))).toEqual(row);
    }
  });

  it("streams several rows through one writer and reader", () => {
    const writer = new RowWriter();
    writer.writeRow([1, "a"]);
    writer.writeRow(["long".repeat(1000), 2n]);
    const reader = new RowReader(writer.finish());
    expect(reader.readRow()).toEqual([1, "a"]);
    expect(reader.readRow()).toEqual(["long".repeat(1000), 2n]);
    expect(reader.done).toBe(true);
  });

  it("rejects truncated or garbled input instead of returning garbage", () => {
    const bytes = encodeRow(["hello", 1n, [1, 2]]);
    for (let cut = 0; cut < bytes.length; cut++) expect(() => decodeRow(bytes.subarray(0, cut))).toThrow();
    expect(() => decodeRow(Uint8Array.from([1, 99]))).toThrow(/unknown tag/);
    expect(() => encodeRow([undefined as unknown as SqlValue])).toThrow(TypeError);
  });
});

describe("key encoder", () => {
  it("gives equal keys for equal values and different keys otherwise", () => {
    expect(encodeKey(["a", 1])).toBe(encodeKey(["a", 1]));
    expect(encodeKey([0])).toBe(encodeKey([-0]));
    expect(
      encodeKey([
        new Map<SqlValue, SqlValue>([
          ["x", 1],
          ["y", 2],
        ]),
      ]),
    ).toBe(
      encodeKey([
        new Map<SqlValue, SqlValue>([
          ["y", 2],
          ["x", 1],
        ]),
      ]),
    );
    const distinct: SqlValue[][] = [
      ["ab", "c"],
      ["a", "bc"],
      ["a:b"],
      [1],
      ["1"],
      [1n],
      [true],
      ["T"],
      [null],
      ["N"],
      [new Uint8Array([97])],
      [[1, 2]],
      [[1], 2],
      [1, [2]],
      [[]],
      [],
    ];
    const keys = distinct.map(encodeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
