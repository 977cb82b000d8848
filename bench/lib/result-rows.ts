// Final results of one query from different systems, compared as multisets of rows. Each row is
// encoded as one line of text (values in Headwater's convention, src/common/value.ts), so results of
// a million rows sort, compare and go through files cheaply, and a difference prints readably.
import { readFileSync, writeFileSync } from "node:fs";
import type { Row, SqlValue } from "../../src/common/value.ts";

/** One row as a line: values `|`-separated, DECIMAL's unscaled bigint as `123n`, others as JSON. */
export function encodeRow(row: readonly SqlValue[]): string {
  return row.map((v) => (typeof v === "bigint" ? `${v}n` : JSON.stringify(v))).join("|");
}

/** Writes rows (or already encoded lines) to `path` in canonical order; returns how many. */
export function writeResultFile(path: string, rows: readonly (Row | string)[]): number {
  const lines = rows.map((row) => (typeof row === "string" ? row : encodeRow(row))).sort();
  writeFileSync(path, lines.length === 0 ? "" : `${lines.join("\n")}\n`);
  return lines.length;
}

export function readResultFile(path: string): string[] {
  const text = readFileSync(path, "utf8");
  return text === "" ? [] : text.slice(0, -1).split("\n");
}

export interface ResultDifference {
  readonly same: boolean;
  readonly expectedRows: number;
  readonly actualRows: number;
  /** Rows of the expected result the actual one lacks (counted with multiplicity). */
  readonly missingCount: number;
  readonly unexpectedCount: number;
  /** The first few of each, to print. */
  readonly missing: readonly string[];
  readonly unexpected: readonly string[];
}

/** Multiset difference of two sorted line lists, by one merge pass. */
export function diffSortedLines(
  expected: readonly string[],
  actual: readonly string[],
  examples = 5,
): ResultDifference {
  const missing: string[] = [];
  const unexpected: string[] = [];
  let missingCount = 0;
  let unexpectedCount = 0;
  let i = 0;
  let j = 0;
  while (i < expected.length || j < actual.length) {
    const e = expected[i];
    const a = actual[j];
    if (e !== undefined && a !== undefined && e === a) {
      i++;
      j++;
    } else if (a === undefined || (e !== undefined && e < a)) {
      if (missing.length < examples) missing.push(e!);
      missingCount++;
      i++;
    } else {
      if (unexpected.length < examples) unexpected.push(a);
      unexpectedCount++;
      j++;
    }
  }
  return {
    same: missingCount === 0 && unexpectedCount === 0,
    expectedRows: expected.length,
    actualRows: actual.length,
    missingCount,
    unexpectedCount,
    missing,
    unexpected,
  };
}
