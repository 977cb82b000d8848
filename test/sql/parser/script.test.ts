import { describe, expect, it } from "vitest";
import { MAX_NESTING, parseScript } from "../../../src/sql/parser/index.ts";
import { errors } from "./helpers.ts";

describe("parseScript", () => {
  it("splits statements on ';' and skips empty ones", () => {
    const { statements, diagnostics } = parseScript({
      name: "s.sql",
      text: ";SELECT 1;; SHOW TABLES;\nDESC t",
    });
    expect(diagnostics).toEqual([]);
    expect(statements.map((s) => s.kind)).toEqual(["queryStatement", "show", "describe"]);
    expect(statements[1]!.span).toMatchObject({ start: 12, end: 23, line: 1, col: 13 });
  });

  it("reports every broken statement and keeps the good ones", () => {
    const text = "SELECT 1 +;\nSELECT 2;\nCREATE TABLE t (a INT;\nSELECT (3;";
    const { statements } = parseScript({ name: "s.sql", text });
    expect(statements).toHaveLength(1);
    expect(errors(text)).toEqual([
      "1:11 expected an expression but found ';'",
      "3:22 expected ')' but found ';'",
      "4:10 expected ')' but found ';'",
    ]);
  });

  it("reports the end of input", () => {
    expect(errors("SELECT a FROM")).toEqual(["1:14 unexpected end of input, expected a table name"]);
  });

  it("reports junk after a statement", () => {
    expect(errors("SELECT 1 2")).toEqual([
      "1:10 expected ';' or the end of the statement but found number 2",
    ]);
  });

  it("reports lexical errors once", () => {
    expect(errors("SELECT 'abc;\n")).toEqual(["1:8 unterminated string literal"]);
    expect(errors("SELECT a # b; SELECT 1")).toEqual(["1:10 unexpected character '#'"]);
  });

  it("recovers inside statement sets", () => {
    const text =
      "EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT;\nINSERT INTO b SELECT 1;\nINSERT c;\nEND;\nSELECT 1;";
    const { statements } = parseScript({ name: "s.sql", text });
    expect(errors(text)).toEqual([
      "2:21 expected an expression but found ';'",
      "4:8 expected 'INTO' but found 'c'",
    ]);
    expect(statements.map((s) => s.kind)).toEqual(["statementSet", "queryStatement"]);
  });

  it("guards deep nesting", () => {
    const deep = `SELECT ${"(".repeat(MAX_NESTING + 10)}1${")".repeat(MAX_NESTING + 10)}`;
    const result = parseScript({ name: "s.sql", text: `${deep}; SELECT 1` });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["parse/too-deep"]);
    expect(result.statements).toHaveLength(1);
    const fine = `SELECT ${"(".repeat(200)}1${")".repeat(200)}`;
    expect(parseScript({ name: "s.sql", text: fine }).diagnostics).toEqual([]);
  });

  it("reports reserved words used as names", () => {
    expect(errors("CREATE TABLE t (user STRING)")).toEqual(["1:17 expected a column name but found 'user'"]);
    expect(errors("SELECT a FROM t WHERE")).toEqual(["1:22 unexpected end of input, expected an expression"]);
  });
});
