import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDiagnostic } from "../../../src/common/diagnostic.ts";
import { parseScript } from "../../../src/sql/parser/index.ts";

const corpus = join(import.meta.dirname, "../../corpus");

function sqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".sql"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The invalid files whose error is a syntax error, which the parser must report at the header's
 * position. The others describe semantic errors (the binder's job): the parser must accept them, or
 * report exactly that position.
 */
const SYNTAX_ERRORS = new Set([
  "001-missing-close-paren.sql",
  "002-trailing-comma-select-list.sql",
  "003-misspelled-select.sql",
  "004-unterminated-string.sql",
  "005-unterminated-comment.sql",
  "006-bad-interval-unit.sql",
  "007-cast-missing-as.sql",
  "008-distributed-by-without-columns.sql",
  "009-from-without-table.sql",
  "010-option-missing-equals.sql",
  "011-two-where-clauses.sql",
  "012-group-without-by.sql",
  "013-unclosed-backtick.sql",
  "014-reserved-word-column.sql",
  "015-over-without-parens.sql",
  "016-missing-comma-between-columns.sql",
  "017-double-equals.sql",
  "018-case-without-end.sql",
  "019-where-after-order-by.sql",
  "020-limit-string.sql",
  "021-trim-missing-from.sql",
  "022-substring-four-args.sql",
  "023-multiple-watermarks.sql",
  "035-primary-key-enforced.sql",
  "057-duplicate-primary-key.sql",
]);

describe("corpus: valid scripts parse without diagnostics", () => {
  const files = ["valid", "nexmark", "c360"].flatMap((dir) => sqlFiles(join(corpus, dir)));
  it("has files", () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((file) => [relative(corpus, file), file]))("%s", (_, file) => {
    const text = readFileSync(file, "utf8");
    const { diagnostics, statements } = parseScript({ name: file, text });
    expect(diagnostics.map((d) => renderDiagnostic({ name: file, text }, d))).toEqual([]);
    expect(statements.length).toBeGreaterThan(0);
  });
});

describe("corpus: invalid scripts", () => {
  const files = sqlFiles(join(corpus, "invalid"));
  it.each(files.map((file) => [relative(corpus, file), file]))("%s", (_, file) => {
    const text = readFileSync(file, "utf8");
    const at = /^-- at: (\d+):(\d+)$/m.exec(text);
    if (at === null) throw new Error(`${file} has no '-- at: line:col' header`);
    const expected = `${at[1]}:${at[2]}`;
    const positions = parseScript({ name: file, text }).diagnostics.map(
      (d) => `${d.span.line}:${d.span.col}`,
    );
    const name = file.slice(file.lastIndexOf("/") + 1);
    if (SYNTAX_ERRORS.has(name)) expect(positions).toEqual([expected]);
    else
      expect(
        positions.length === 0 || positions[0] === expected,
        `unexpected syntax errors ${positions}`,
      ).toBe(true);
  });
});
