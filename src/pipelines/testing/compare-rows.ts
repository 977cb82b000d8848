import type { SqlValue } from "../../common/value.ts";
import { formatValue } from "../../engine/index.ts";
import type { DataType } from "../../sql/types/data-type.ts";

/** A row as printed (Flink's SQL client text) and the key it is compared by (NULL ≠ 'NULL'). */
export interface ShownRow {
  readonly cells: readonly string[];
  readonly key: string;
}

/** ` ` a row both sides have, `-` expected but missing, `+` produced but not expected. */
export interface DiffLine {
  readonly mark: " " | "-" | "+";
  readonly cells: readonly string[];
}

export interface RowsDiff {
  /** Column headers of `lines` (`op` first for a changelog). */
  readonly columns: readonly string[];
  readonly lines: readonly DiffLine[];
  readonly missing: number;
  readonly unexpected: number;
  /** A missing and an unexpected row with the same primary key: the cells that differ. */
  readonly changed: readonly CellChange[];
}

export interface CellChange {
  /** The primary key's cells, joined by `, `. */
  readonly key: string;
  readonly column: string;
  readonly expected: string;
  readonly actual: string;
}

export function showRow(
  values: readonly SqlValue[],
  types: readonly DataType[],
  prefix: readonly string[] = [],
): ShownRow {
  const cells = [...prefix, ...values.map((v, i) => formatValue(v, types[i]))];
  const key = JSON.stringify([
    ...prefix,
    ...values.map((v, i) => (v === null ? null : formatValue(v, types[i]))),
  ]);
  return { cells, key };
}

/**
 * Rows as a multiset, order ignored: expected rows in their order, each marked matched or missing,
 * then the produced rows nothing expected.
 */
export function compareTables(
  columns: readonly string[],
  expected: readonly ShownRow[],
  actual: readonly ShownRow[],
  keyCells: readonly number[] = [],
): RowsDiff {
  const left = new Map<string, number>();
  for (const row of actual) left.set(row.key, (left.get(row.key) ?? 0) + 1);
  const lines: DiffLine[] = [];
  for (const row of expected) {
    const count = left.get(row.key) ?? 0;
    if (count > 0) left.set(row.key, count - 1);
    lines.push({ mark: count > 0 ? " " : "-", cells: row.cells });
  }
  for (const row of actual) {
    const count = left.get(row.key) ?? 0;
    if (count === 0) continue;
    left.set(row.key, count - 1);
    lines.push({ mark: "+", cells: row.cells });
  }
  return { ...summarize(columns, lines), changed: changedCells(columns, lines, keyCells) };
}

/** For rows paired by primary key (cells `keyCells`), the cells a missing and an unexpected row differ in. */
function changedCells(
  columns: readonly string[],
  lines: readonly DiffLine[],
  keyCells: readonly number[],
): CellChange[] {
  if (keyCells.length === 0) return [];
  const keyOf = (l: DiffLine) => keyCells.map((i) => l.cells[i]).join(", ");
  const out: CellChange[] = [];
  for (const missing of lines.filter((l) => l.mark === "-")) {
    const key = keyOf(missing);
    const actual = lines.find((l) => l.mark === "+" && keyOf(l) === key);
    if (!actual) continue;
    missing.cells.forEach((cell, i) => {
      if (cell !== actual.cells[i])
        out.push({ key, column: columns[i]!, expected: cell, actual: actual.cells[i]! });
    });
  }
  return out;
}

/** Changelogs in order: a longest-common-subsequence diff, like `diff` on lines. */
export function compareChangelogs(
  columns: readonly string[],
  expected: readonly ShownRow[],
  actual: readonly ShownRow[],
): RowsDiff {
  const n = expected.length;
  const m = actual.length;
  // common[i][j]: the longest common subsequence of expected[i..] and actual[j..].
  const common = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      common[i]![j] =
        expected[i]!.key === actual[j]!.key
          ? common[i + 1]![j + 1]! + 1
          : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i]!.key === actual[j]!.key) {
      lines.push({ mark: " ", cells: expected[i++]!.cells });
      j++;
    } else if (i < n && (j >= m || common[i + 1]![j]! >= common[i]![j + 1]!)) {
      lines.push({ mark: "-", cells: expected[i++]!.cells });
    } else {
      lines.push({ mark: "+", cells: actual[j++]!.cells });
    }
  }
  return { ...summarize(columns, lines), changed: [] };
}

function summarize(columns: readonly string[], lines: readonly DiffLine[]): Omit<RowsDiff, "changed"> {
  return {
    columns,
    lines,
    missing: lines.filter((l) => l.mark === "-").length,
    unexpected: lines.filter((l) => l.mark === "+").length,
  };
}
