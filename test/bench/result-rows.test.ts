import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffSortedLines, encodeRow, readResultFile, writeResultFile } from "../../bench/lib/result-rows.ts";

const dir = mkdtempSync(join(tmpdir(), "bench-rows-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("result rows", () => {
  it("encodes values so that types stay apart: DECIMAL 12n, BIGINT 12, string '12', NULL", () => {
    expect(encodeRow([12n, 12, "12", null, true])).toBe('12n|12|"12"|null|true');
    expect(encodeRow(["a|b", 'q"'])).toBe('"a|b"|"q\\""');
  });

  it("writes rows in canonical order and reads them back, empty results included", () => {
    const file = join(dir, "rows");
    expect(
      writeResultFile(file, [
        ["b", 2],
        ["a", 1],
        ["b", 2],
      ]),
    ).toBe(3);
    expect(readResultFile(file)).toEqual(['"a"|1', '"b"|2', '"b"|2']);
    expect(writeResultFile(file, [])).toBe(0);
    expect(readResultFile(file)).toEqual([]);
  });

  it("finds no difference between equal multisets", () => {
    const d = diffSortedLines(["a", "b", "b"], ["a", "b", "b"]);
    expect(d).toMatchObject({
      same: true,
      missingCount: 0,
      unexpectedCount: 0,
      expectedRows: 3,
      actualRows: 3,
    });
  });

  it("counts duplicates: a row present twice but expected three times is missing once", () => {
    const d = diffSortedLines(["a", "a", "a", "c"], ["a", "a", "b", "c", "d"]);
    expect(d.same).toBe(false);
    expect(d.missing).toEqual(["a"]);
    expect(d.unexpected).toEqual(["b", "d"]);
    expect([d.missingCount, d.unexpectedCount]).toEqual([1, 2]);
  });

  it("lists only the first few examples but counts them all", () => {
    const expected = Array.from({ length: 20 }, (_, i) => `e${String(i).padStart(2, "0")}`);
    const d = diffSortedLines(expected, [], 3);
    expect(d.missingCount).toBe(20);
    expect(d.missing).toEqual(["e00", "e01", "e02"]);
  });
});
