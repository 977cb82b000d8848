/** A problem in a test fixture, at the file position that caused it (1-based line and column). */
export interface FixtureError {
  readonly kind: "fixture-error";
  /** Project-relative path. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export function fixtureError(file: string, line: number, col: number, message: string): FixtureError {
  return { kind: "fixture-error", file, line, col, message };
}

export function isFixtureError(value: unknown): value is FixtureError {
  return typeof value === "object" && value !== null && (value as FixtureError).kind === "fixture-error";
}

/** `file:line:col: message`, the form editors jump to. */
export function renderFixtureError(error: FixtureError): string {
  return `${error.file}:${error.line}:${error.col}: ${error.message}`;
}
