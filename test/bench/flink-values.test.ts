import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFlinkChangelogDir } from "../../bench/nexmark/flink/changelog-files.ts";
import {
  fromFlinkJson,
  parseJsonExact,
  timestampMillis,
  unscaledDecimal,
} from "../../bench/nexmark/flink/flink-values.ts";
import type { SinkColumn } from "../../bench/nexmark/queries.ts";
import { parseDataType } from "../../src/sql/parser/index.ts";

const dir = mkdtempSync(join(tmpdir(), "bench-flink-values-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Flink JSON values as Headwater values", () => {
  it("reads decimals exactly at the target scale, exponents and signs included", () => {
    expect(unscaledDecimal("1234.5", 3)).toBe(1234500n);
    expect(unscaledDecimal("-0.908", 3)).toBe(-908n);
    expect(unscaledDecimal("1.5E+3", 3)).toBe(1500000n);
    expect(unscaledDecimal("12345678901234567890.123", 3)).toBe(12345678901234567890123n);
    expect(unscaledDecimal("2.500", 1)).toBe(25n);
    expect(() => unscaledDecimal("2.55", 1)).toThrow(/more than 1 fraction digits/);
    expect(() => unscaledDecimal("abc", 2)).toThrow(/not a decimal/);
  });

  it("reads zone-less timestamps with and without a fraction as epoch millis", () => {
    expect(timestampMillis("2015-07-15 00:00:10.123")).toBe(Date.UTC(2015, 6, 15, 0, 0, 10, 123));
    expect(timestampMillis("2015-07-15 00:00:10")).toBe(Date.UTC(2015, 6, 15, 0, 0, 10));
    expect(timestampMillis("2015-07-15T23:59:59.9")).toBe(Date.UTC(2015, 6, 15, 23, 59, 59, 900));
    expect(() => timestampMillis("15.07.2015")).toThrow(/not a timestamp/);
  });

  it("keeps a number's source text, so DECIMAL(38, 0) and BIGINT never pass through a double", () => {
    const parsed = parseJsonExact('{"d": 123456789012345678901234567890, "b": 9007199254740993}') as Record<
      string,
      unknown
    >;
    expect(fromFlinkJson(parsed.d, parseDataType("DECIMAL(38, 0)"))).toBe(123456789012345678901234567890n);
    expect(() => fromFlinkJson(parsed.b, parseDataType("BIGINT"))).toThrow(/beyond/);
    expect(() => fromFlinkJson("x", parseDataType("INT"))).toThrow(/does not fit INT/);
    expect(fromFlinkJson(null, parseDataType("STRING"))).toBeNull();
  });
});

describe("a debezium-json changelog folded into the final table", () => {
  const columns: SinkColumn[] = [
    { name: "k", type: parseDataType("STRING"), definition: "k STRING" },
    { name: "n", type: parseDataType("BIGINT"), definition: "n BIGINT" },
  ];
  const change = (op: string, before: object | null, after: object | null) =>
    JSON.stringify({ before, after, op });

  it("applies inserts, retractions and updates across part files, ignoring in-progress files", () => {
    const out = mkdtempSync(join(dir, "fold-"));
    writeFileSync(
      join(out, "part-0"),
      [
        change("c", null, { k: "a", n: 1 }),
        change("c", null, { k: "b", n: 1 }),
        change("d", { k: "a", n: 1 }, null),
        change("c", null, { k: "a", n: 2 }),
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(out, "part-1"),
      `${change("u", { k: "b", n: 1 }, { k: "b", n: 5 })}\n${change("c", null, { k: "b", n: 5 })}\n`,
    );
    writeFileSync(join(out, ".part-2.inprogress"), change("c", null, { k: "zombie", n: 0 }));
    expect(readFlinkChangelogDir(out, columns).sort()).toEqual(['"a"|2', '"b"|5', '"b"|5']);
  });

  it("refuses a changelog that retracts a row it never inserted", () => {
    const out = mkdtempSync(join(dir, "bad-"));
    writeFileSync(join(out, "part-0"), `${change("d", { k: "a", n: 1 }, null)}\n`);
    expect(() => readFlinkChangelogDir(out, columns)).toThrow(/retracts "a"\|1/);
  });
});
