import type { RowsDiff } from "./compare-rows.ts";
import type { CheckResult, TestResult } from "./test-result.ts";

const LABEL = { pass: "PASS ", fail: "FAIL ", error: "ERROR" } as const;

/** One line per test case, then what differs for each failure and why each error could not run. */
export function renderTestResult(result: TestResult): string {
  const head = `${LABEL[result.status]}  ${result.table} › ${result.test}  (${formatMs(result.ms)})`;
  const body: string[] = [];
  if (result.error) body.push(...indent(result.error.split("\n"), 7));
  for (const check of result.checks)
    if (!check.passed) body.push(...indent(renderCheck(check, result.table), 7));
  return [head, ...body].join("\n");
}

/**
 * The counts, the engine time (the cases' own runs) and the wall time of the whole command, which
 * also covers parsing and binding the project: the time a developer actually waits.
 */
export function renderSummary(results: readonly TestResult[], wallMs: number): string {
  const count = (s: TestResult["status"]) => results.filter((r) => r.status === s).length;
  const ms = results.reduce((sum, r) => sum + r.ms, 0);
  const errors = count("error");
  return `${results.length} test(s): ${count("pass")} passed, ${count("fail")} failed${errors > 0 ? `, ${errors} could not run` : ""} — engine time ${formatMs(ms)}, wall time ${formatMs(wallMs)}`;
}

function renderCheck(check: CheckResult, table: string): string[] {
  switch (check.kind) {
    case "rows":
      return [
        `${check.file}: rows of ${table} (order ignored): ${counts(check.diff)}`,
        ...indent(renderDiff(check.diff), 2),
      ];
    case "changelog":
      return [
        `${check.file}: changelog of ${table} (in order): ${counts(check.diff)}`,
        ...indent(renderDiff(check.diff), 2),
      ];
    case "validation":
      return [
        `${check.file}: the validation query did not return PASS${check.rows.length === 0 ? " (it returned no row)" : ":"}`,
        ...(check.rows.length > 0
          ? indent(
              renderGrid(
                check.columns,
                check.rows.map((cells) => ({ mark: " ", cells })),
              ),
              2,
            )
          : []),
      ];
    default:
      return check satisfies never;
  }
}

function counts(diff: RowsDiff): string {
  return `${diff.missing} expected row(s) missing (-), ${diff.unexpected} unexpected (+)`;
}

function renderDiff(diff: RowsDiff): string[] {
  return [
    ...renderGrid(diff.columns, diff.lines),
    ...diff.changed.map((c) => `key ${c.key}: ${c.column} expected ${c.expected}, got ${c.actual}`),
  ];
}

/** Rows as aligned columns, each line starting with its diff mark. */
function renderGrid(
  columns: readonly string[],
  lines: readonly { mark: string; cells: readonly string[] }[],
): string[] {
  const widths = columns.map((c, i) => Math.max(c.length, ...lines.map((l) => (l.cells[i] ?? "").length)));
  const row = (mark: string, cells: readonly string[]) =>
    `${mark} ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")}`.trimEnd();
  return [row(" ", columns), ...lines.map((l) => row(l.mark, l.cells))];
}

function indent(lines: readonly string[], by: number): string[] {
  return lines.map((l) => `${" ".repeat(by)}${l}`);
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}
