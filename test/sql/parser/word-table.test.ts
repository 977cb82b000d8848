import { describe, expect, it } from "vitest";
import { WordTable } from "../../../src/sql/lexer/word-table.ts";

/** The lexer's hash of `text.slice(start, end)`. */
function hashOf(text: string, start: number, end: number): number {
  let hash = text.charCodeAt(start);
  for (let i = start + 1; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

function codesOf(text: string): Uint16Array {
  return Uint16Array.from(text, (c) => c.charCodeAt(0));
}

function slotOf(table: WordTable, text: string, start: number, end: number): number {
  return table.intern(text, codesOf(text), start, end, hashOf(text, start, end));
}

function intern(table: WordTable, text: string, start = 0, end = text.length): [string, string] {
  const slot = slotOf(table, text, start, end);
  return [table.texts[slot]!, table.uppers[slot]!];
}

describe("word table", () => {
  it("returns the word as written and upper-cased, the same slot for the same word anywhere", () => {
    const table = new WordTable(1000);
    expect(intern(table, "select a FROM t", 0, 6)).toEqual(["select", "SELECT"]);
    const text = "x Select select";
    const first = slotOf(table, text, 9, 15);
    expect(slotOf(table, "select", 0, 6)).toBe(first);
    expect(intern(table, text, 2, 8)).toEqual(["Select", "SELECT"]);
  });

  it("keeps every word through growth, and words of equal hash apart", () => {
    const table = new WordTable(100_000);
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}_${i % 7}`);
    for (const word of words) intern(table, word);
    for (const word of words) expect(intern(table, `(${word})`, 1, word.length + 1)[0]).toBe(word);
    // "Aa" and "BB" hash alike under the lexer's hash.
    expect(hashOf("Aa", 0, 2)).toBe(hashOf("BB", 0, 2));
    expect(intern(table, "Aa")).toEqual(["Aa", "AA"]);
    expect(intern(table, "BB")).toEqual(["BB", "BB"]);
    expect(intern(table, "Aa")).toEqual(["Aa", "AA"]);
  });

  it("starts over when full, and still answers correctly", () => {
    const table = new WordTable(10);
    for (let i = 0; i < 25; i++) expect(intern(table, `col${i}`)).toEqual([`col${i}`, `COL${i}`]);
    expect(intern(table, "col3")).toEqual(["col3", "COL3"]);
  });
});
