import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/common/diagnostic.ts";
import { tokenize } from "../../src/sql/lexer/index.ts";
import { parseScript } from "../../src/sql/parser/index.ts";
import { random } from "../infra/seeded-random.ts";

/**
 * Robustness: mutated corpus statements and pathological inputs must never make the parser throw or
 * hang, and every diagnostic must point inside the text, with a line and column that match its offset.
 */

const corpus = join(import.meta.dirname, "../corpus");
const MUTANTS = 3000;
const MUTANTS_TIMEOUT_MS = 15_000;
const EXTREME_INPUT_TIMEOUT_MS = 10_000;

function corpusStatements(): string[] {
  const statements: string[] = [];
  const files = readdirSync(corpus, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && entry.name.endsWith(".sql"),
  );
  for (const entry of files) {
    const text = readFileSync(join(entry.parentPath, entry.name), "utf8");
    for (const statement of parseScript({ name: entry.name, text }).statements) {
      statements.push(text.slice(statement.span.start, statement.span.end));
    }
  }
  return statements;
}

const NOISE = [
  "(",
  ")",
  ",",
  ";",
  "'",
  "`",
  "/*",
  "*/",
  "/*+",
  "--",
  "\n",
  "SELECT",
  "FROM",
  "END",
  "CASE",
  "[",
  "?",
  "=>",
  "U&'",
  "X'",
  "é",
  "\u0000",
];

function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const tokens = tokenize(text)
    .tokens.filter((t) => t.kind !== "eof")
    .map((t) => t.text);
  const at = Math.floor(next() * Math.max(1, tokens.length));
  switch (Math.floor(next() * 8)) {
    case 0:
      tokens.splice(at, 1);
      return tokens.join(" ");
    case 1:
      tokens.splice(at, 0, tokens[at] ?? "x");
      return tokens.join(" ");
    case 2: {
      const other = Math.floor(next() * tokens.length);
      [tokens[at], tokens[other]] = [tokens[other]!, tokens[at]!];
      return tokens.join(" ");
    }
    case 3:
      return text.slice(0, Math.floor(next() * text.length));
    case 4: {
      const position = Math.floor(next() * text.length);
      return text.slice(0, position) + pick(NOISE) + text.slice(position);
    }
    case 5: {
      const position = Math.floor(next() * text.length);
      return (
        text.slice(0, position) + String.fromCharCode(Math.floor(next() * 0x3000)) + text.slice(position)
      );
    }
    case 6:
      return text.replaceAll(pick(["(", ")", ","]), "");
    default:
      tokens.splice(at, 0, pick(["(", "(", ")", "NOT", "-", "AND", "ARRAY", "<", ">"]));
      return tokens.join(" ");
  }
}

function checkDiagnostics(text: string, diagnostics: readonly Diagnostic[]): void {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  for (const d of diagnostics) {
    const { start, end, line, col } = d.span;
    if (!(start >= 0 && start <= end && end <= text.length))
      throw new Error(`span ${start}-${end} outside the text (${text.length})`);
    const lineStart = lineStarts[line - 1];
    if (lineStart === undefined || lineStart + col - 1 !== start) {
      throw new Error(
        `span ${line}:${col} does not match offset ${start} in ${JSON.stringify(text.slice(0, 200))}`,
      );
    }
    if (d.code === "parse/internal-error")
      throw new Error(`${d.message} in ${JSON.stringify(text.slice(0, 200))}`);
  }
}

function parseChecked(text: string): number {
  const { diagnostics } = parseScript({ name: "fuzz.sql", text });
  checkDiagnostics(text, diagnostics);
  return diagnostics.length;
}

describe("parser robustness", () => {
  it(
    `survives ${MUTANTS} mutated corpus statements`,
    () => {
      const statements = corpusStatements();
      expect(statements.length).toBeGreaterThan(50);
      const next = random(20240601);
      let withErrors = 0;
      for (let i = 0; i < MUTANTS; i++) {
        const source = statements[Math.floor(next() * statements.length)]!;
        let mutant = mutate(source, next);
        if (next() < 0.3) mutant = mutate(mutant, next);
        if (parseChecked(mutant) > 0) withErrors++;
      }
      // Most mutants break the syntax; if few did, the mutations would not be exercising recovery.
      expect(withErrors).toBeGreaterThan(MUTANTS / 2);
    },
    MUTANTS_TIMEOUT_MS,
  );

  it.each([
    ["10k opening parentheses", `SELECT ${"(".repeat(10_000)}`],
    ["10k balanced parentheses", `SELECT ${"(".repeat(10_000)}1${")".repeat(10_000)}`],
    ["10k NOTs", `SELECT ${"NOT ".repeat(10_000)}TRUE`],
    ["10k unary minus", `SELECT ${"- ".repeat(10_000)}1`],
    ["10k nested subqueries", `${"SELECT * FROM (".repeat(10_000)}t${")".repeat(10_000)}`],
    ["10k nested ARRAY types", `CREATE TABLE t (a ${"ARRAY<".repeat(10_000)}INT${">".repeat(10_000)})`],
    ["10k nested CASE", `SELECT ${"CASE WHEN a THEN ".repeat(10_000)}1`],
    ["10k nested calls", `SELECT ${"f(".repeat(10_000)}`],
    ["10k nested table refs", `SELECT * FROM ${"(".repeat(10_000)}t`],
    [
      "10k nested patterns",
      `SELECT * FROM t MATCH_RECOGNIZE (PATTERN (${"(".repeat(10_000)}A) DEFINE A AS TRUE)`,
    ],
    ["long operator chain", `SELECT ${Array.from({ length: 50_000 }, (_, i) => `a${i}`).join(" + ")}`],
    ["long AND chain", `SELECT 1 WHERE ${Array.from({ length: 50_000 }, () => "a = 1").join(" AND ")}`],
    ["only operators", "+-*/%||=><>,.()[]?;".repeat(1000)],
    ["unterminated hint", "SELECT /*+ OPTIONS('a' = 'b') FROM t"],
    ["lone surrogate", "SELECT '\ud800' \ud800"],
    ["empty", ""],
  ])(
    "survives %s",
    (_, text) => {
      parseChecked(text);
      parseChecked(`${text};\nSELECT 1`);
    },
    // A hang (or quadratic work) fails by timeout; the wall clock of a shared machine is no assertion.
    EXTREME_INPUT_TIMEOUT_MS,
  );
});
