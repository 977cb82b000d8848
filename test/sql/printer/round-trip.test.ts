/**
 * The printer's contract on real SQL: for every file of the valid corpus, parse → print → parse gives
 * the same AST (spans aside), printing that again gives the same text, and formatting is idempotent.
 *
 * One deliberate difference: Headwater's parser accepts some of Flink's reserved words as bare
 * identifiers (`method`, `blob`), and the printer quotes them so Flink accepts its output. Whether such
 * an identifier was quoted is therefore not compared; everything else is.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDiagnostic } from "../../../src/common/diagnostic.ts";
import type { SourceText } from "../../../src/common/source.ts";
import { parseScript } from "../../../src/sql/parser/index.ts";
import { formatSql, printScript, printStatement } from "../../../src/sql/printer/index.ts";
import { isReservedWord } from "../../../src/sql/printer/reserved-words.ts";
import { stripSpans } from "./strip-spans.ts";

const CORPUS = join(import.meta.dirname, "../../corpus");

const files = ["valid", "nexmark", "c360"].flatMap((dir) =>
  readdirSync(join(CORPUS, dir))
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => `${dir}/${f}`),
);

/** `stripSpans`, then drops `quoted` from identifiers that are Flink reserved words (see above). */
function comparable(tree: unknown): unknown {
  return forgetReservedQuoting(stripSpans(tree));
}

function forgetReservedQuoting(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forgetReservedQuoting);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([key, field]) => [key, forgetReservedQuoting(field)] as const);
  const node = Object.fromEntries(entries);
  if (node.kind === "ident" && typeof node.value === "string" && isReservedWord(node.value))
    delete node.quoted;
  return node;
}

function errorsOf(source: SourceText): string {
  return parseScript(source)
    .diagnostics.map((d) => renderDiagnostic(source, d))
    .join("\n");
}

describe.each(files)("%s", (file) => {
  const source: SourceText = { name: file, text: readFileSync(join(CORPUS, file), "utf8") };
  const parsed = parseScript(source);

  it("parses", () => expect(errorsOf(source)).toBe(""));

  it.each(["flink", "confluent"] as const)("prints text that parses back to the same AST (%s)", (dialect) => {
    for (const statement of parsed.statements) {
      const printed: SourceText = { name: `${file} (printed)`, text: printStatement(statement, { dialect }) };
      const reparsed = parseScript(printed);
      expect(errorsOf(printed), printed.text).toBe("");
      const expected = dialect === "flink" ? comparable(statement) : comparable(reparsed.statements[0]);
      expect(comparable(reparsed.statements), printed.text).toEqual([expected]);
    }
  });

  it("prints the reparsed script to the same text", () => {
    const printed = printScript(parsed.statements);
    expect(printScript(parseScript({ name: file, text: printed }).statements)).toBe(printed);
  });

  it.skipIf(parsed.diagnostics.length > 0)("formats idempotently", () => {
    const once = formatSql(source.text);
    if (!("text" in once)) throw new Error(`${file} does not format`);
    expect(formatSql(once.text)).toEqual(once);
  });
});
