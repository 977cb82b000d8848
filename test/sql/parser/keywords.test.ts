import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NON_NAME_WORDS } from "../../../src/sql/parser/keywords.ts";

/** The upper-case string literals of `source` that `pattern` (with one group) matches. */
function wordLiterals(source: string, pattern: RegExp): string[] {
  return [...source.matchAll(pattern)].map((match) => match[1]!);
}

const SET_MEMBER = /"([A-Z][A-Z_]+)"/g;
const CASE_LABEL = /case "([A-Z][A-Z_]+)":/g;

function sourceOf(file: string): string {
  return readFileSync(new URL(`../../../src/sql/parser/${file}`, import.meta.url), "utf8");
}

describe("NON_NAME_WORDS", () => {
  // The parser reads a word as a name without trying the special forms unless it is listed: a word
  // those forms handle and the list lacks would silently become a column.
  it.each([
    ["literal.ts", /const NILADIC_FUNCTIONS[\s\S]*?\]\);\n\nconst TYPED_LITERALS.*/, SET_MEMBER],
    ["literal.ts", /\n {2}switch \(token\.value\) \{[\s\S]*?\n {2}\}\n/, CASE_LABEL],
    ["special-functions.ts", /\n {2}switch \(word\) \{[\s\S]*?\n {2}\}\n/, CASE_LABEL],
  ])("holds every word that starts a form in %s", (file, region, pattern) => {
    const words = wordLiterals(sourceOf(file).match(region)![0], pattern);
    expect(words.length).toBeGreaterThan(3);
    expect(words.filter((word) => !NON_NAME_WORDS.has(word))).toEqual([]);
  });
});
