import type { Span } from "../../common/source.ts";

/** A problem in the project, with the file position that caused it when there is one. */
export interface Finding {
  readonly severity: "error" | "warning";
  /** Stable code: `project/…` for loading, `bind/…`/`parse/…` from the SQL front end, `lint/…` for rules. */
  readonly code: string;
  readonly message: string;
  /** Project-relative file path. */
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
}

export function findingAt(
  severity: Finding["severity"],
  code: string,
  message: string,
  file: string | undefined,
  span?: Span,
): Finding {
  return {
    severity,
    code,
    message,
    ...(file ? { file } : {}),
    ...(span ? { line: span.line, col: span.col } : file ? { line: 1, col: 1 } : {}),
  };
}

/** `file:line:col: severity: message [code]`, the form editors and CI annotate. */
export function renderFinding(f: Finding): string {
  const where = f.file ? `${f.file}:${f.line ?? 1}:${f.col ?? 1}: ` : "";
  return `${where}${f.severity}: ${f.message} [${f.code}]`;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file ?? "").localeCompare(b.file ?? "") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0),
  );
}
