import { describe, expect, it } from "vitest";
import { LineTable } from "../../../src/common/source.ts";
import { Lexer, tokenize } from "../../../src/sql/lexer/index.ts";

const kinds = (text: string) => tokenize(text).tokens.map((t) => `${t.kind}:${t.value}`);

describe("lexer", () => {
  it("splits words, numbers, strings and operators", () => {
    expect(kinds("SELECT a1, 'it''s', 1.5, .5, 1e3, 2.5E-3 FROM t")).toEqual([
      "word:SELECT",
      "word:A1",
      "op:,",
      "string:it's",
      "op:,",
      "number:1.5",
      "op:,",
      "number:.5",
      "op:,",
      "number:1e3",
      "op:,",
      "number:2.5E-3",
      "word:FROM",
      "word:T",
      "eof:",
    ]);
  });

  it("keeps the case of words in text and upper-cases their value", () => {
    const [token] = tokenize("selEct").tokens;
    expect(token).toMatchObject({ kind: "word", text: "selEct", value: "SELECT" });
  });

  it("reads every operator", () => {
    expect(kinds("= <> != < > <= >= + - * / % || => . , ( ) [ ] ? ;").slice(0, -1)).toEqual(
      [
        "=",
        "<>",
        "<>",
        "<",
        ">",
        "<=",
        ">=",
        "+",
        "-",
        "*",
        "/",
        "%",
        "||",
        "=>",
        ".",
        ",",
        "(",
        ")",
        "[",
        "]",
        "?",
        ";",
      ].map((op) => `op:${op}`),
    );
  });

  it("reads backtick identifiers with doubled backticks", () => {
    expect(kinds("`$rowtime` `a``b`")).toEqual(["quoted:$rowtime", "quoted:a`b", "eof:"]);
  });

  it("decodes unicode strings, with and without UESCAPE", () => {
    expect(kinds("U&'\\0041\\+01F600x\\\\'")[0]).toBe("string:A😀x\\");
    expect(kinds("u&'#0041' UESCAPE '#'")).toEqual(["string:A", "eof:"]);
  });

  it("reads binary strings as upper-case hex", () => {
    expect(kinds("X'0aFf'")).toEqual(["binary:0AFF", "eof:"]);
  });

  it("skips comments and emits hint tokens", () => {
    expect(kinds("a -- note\n/* block\n */ b /*+ OPTIONS('k'='v') */")).toEqual([
      "word:A",
      "word:B",
      "hintStart:/*+",
      "word:OPTIONS",
      "op:(",
      "string:k",
      "op:=",
      "string:v",
      "op:)",
      "hintEnd:*/",
      "eof:",
    ]);
  });

  it("places tokens on lines and columns through the text's line table", () => {
    const text = "a\n  bb 'x\ny' c";
    const lines = new LineTable(text);
    const tokens = tokenize(text).tokens;
    expect(tokens.map((t) => [lines.lineOf(t.start), lines.columnOf(t.start)])).toEqual([
      [1, 1],
      [2, 3],
      [2, 6],
      [3, 4],
      [3, 5],
    ]);
  });

  it("lexes a short text right after a longer one whose code units it reuses", () => {
    expect(kinds("123456789 abcdef")).toEqual(["number:123456789", "word:ABCDEF", "eof:"]);
    // Numbers end at the first non-digit without a bounds check: a stale digit would extend this one.
    expect(kinds("12")).toEqual(["number:12", "eof:"]);
    expect(kinds("é-")).toEqual(["word:É", "op:-", "eof:"]);
  });

  it("reads a text while another lexer, not yet at its end, reads its own", () => {
    const first = new Lexer("alpha beta");
    expect(first.next().value).toBe("ALPHA");
    expect(kinds("gamma")).toEqual(["word:GAMMA", "eof:"]);
    expect(first.next().value).toBe("BETA");
  });

  it.each([
    ["'abc", "1:1 unterminated string literal"],
    ["a /* x", "1:3 unterminated comment"],
    ["`abc", "1:1 unterminated quoted identifier"],
    ["a # b", "1:3 unexpected character '#'"],
    ["X'0G'", "1:1 binary literal must contain hex digits only"],
    ["/*+ OPTIONS(", "1:1 unterminated hint: expected '*/'"],
    ["12abc", "1:1 invalid number '12abc'"],
  ])("reports %s", (text, expected) => {
    const { diagnostics } = tokenize(text);
    expect(diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.message}`)).toEqual([expected]);
    for (const d of diagnostics) expect(d.code).toMatch(/^parse\//);
  });
});
